import ControllerRuntime
import KubeClient
import Testing

@Suite("Store and indexes")
struct StoreTests {
    @Test("apply and delete keep the primary map and every index in step")
    func indexesFollowWrites() {
        let store = Store<Gadget>(indexes: [.ownerUID, .controllerUID, .label("app"), .field("spec.nodeName") { $0.nodeName }])
        var writer = StoreWriter(store)
        let owner = Widget("w1")
        writer.apply(.initStart)
        writer.apply(.initDone)
        writer.apply(.apply(Gadget("g1", owner: owner, labels: ["app": "emqx"], nodeName: "n1")))
        writer.apply(.apply(Gadget("g2", owner: owner, labels: ["app": "other"], nodeName: "n1")))
        writer.apply(.apply(Gadget("g3", labels: ["app": "emqx"], nodeName: "n2")))

        #expect(store.objects(ownedBy: "uid-w1").map(\.metadata.name) == ["g1", "g2"])
        #expect(store.objects(inIndex: StoreIndex<Gadget>.controllerUIDName, value: "uid-w1").count == 2)
        #expect(store.objects(in: .label("app"), value: "emqx").map(\.metadata.name) == ["g1", "g3"])
        #expect(store.objects(inIndex: "spec.nodeName", value: "n1").map(\.metadata.name) == ["g1", "g2"])

        // Moving g1 to another node re-indexes it.
        writer.apply(.apply(Gadget("g1", owner: owner, labels: ["app": "emqx"], nodeName: "n2", resourceVersion: "2")))
        #expect(store.objects(inIndex: "spec.nodeName", value: "n1").map(\.metadata.name) == ["g2"])
        #expect(store.objects(inIndex: "spec.nodeName", value: "n2").map(\.metadata.name) == ["g1", "g3"])

        writer.apply(.delete(Gadget("g2", owner: owner)))
        #expect(store.objects(ownedBy: "uid-w1").map(\.metadata.name) == ["g1"])
        #expect(store.object(for: ObjectKey(namespace: "default", name: "g2")) == nil)
        #expect(store.objects(matchingLabels: ["app": "emqx"]).count == 2)
        #expect(store.count == 2)
    }

    @Test("a re-list swaps in at initDone: objects not listed again are deleted, unchanged ones are not reported")
    func relistWithDeletions() {
        let store = Store<Widget>()
        var writer = StoreWriter(store)
        writer.apply(.initStart)
        writer.apply(.initApply(Widget("a")))
        writer.apply(.initApply(Widget("b")))
        #expect(store.count == 0)
        #expect(!store.isSynced)
        writer.apply(.initDone)
        #expect(store.isSynced)
        #expect(store.keys.map(\.name) == ["a", "b"])

        // A 410 re-list: b vanished while the watch was broken, a is unchanged, c is new.
        writer.apply(.initStart)
        writer.apply(.initApply(Widget("a")))
        writer.apply(.initApply(Widget("c")))
        #expect(store.keys.map(\.name) == ["a", "b"], "the old state stays visible until initDone")
        let changes = writer.apply(.initDone)
        #expect(store.keys.map(\.name) == ["a", "c"])
        let deleted = changes.compactMap { change -> String? in
            if case .deleted(let object) = change { return object.metadata.name }
            return nil
        }
        let applied = changes.compactMap { change -> String? in
            if case .applied(_, let object) = change { return object.metadata.name }
            return nil
        }
        #expect(deleted == ["b"])
        #expect(applied == ["c"])
    }

    @Test("subscribers see each change after it is visible to readers")
    func subscribersSeeChanges() {
        let store = Store<Widget>()
        let seen = Recorder<String>()
        let subscription = store.subscribe { change in
            let visible = store.object(for: change.object.key) != nil
            seen.append("\(change.object.metadata.name ?? ""):\(visible)")
        }
        var writer = StoreWriter(store)
        writer.apply(.apply(Widget("a")))
        writer.apply(.delete(Widget("a")))
        store.unsubscribe(subscription)
        writer.apply(.apply(Widget("b")))
        #expect(seen.values == ["a:true", "a:false"])
    }

    @Test("waitUntilSynced returns once the first list completes")
    func syncSignal() async {
        let store = Store<Widget>()
        async let waited: Void = store.waitUntilSynced()
        var writer = StoreWriter(store)
        writer.apply(.initStart)
        writer.apply(.initDone)
        await waited
        #expect(store.isSynced)
    }

    @Test("a reflector feeds the store from any stream of watcher events")
    func reflectorConsumesStream() async throws {
        let (stream, continuation) = AsyncStream.makeStream(of: WatcherEvent<Widget>.self)
        let reflector = Reflector(name: "widgets", source: stream)
        continuation.yield(.initStart)
        continuation.yield(.initApply(Widget("a")))
        continuation.yield(.initDone)
        continuation.yield(.apply(Widget("b")))
        continuation.yield(.delete(Widget("a")))
        continuation.finish()
        try await reflector.run()
        #expect(reflector.store.keys.map(\.name) == ["b"])
        #expect(reflector.store.isSynced)
    }
}
