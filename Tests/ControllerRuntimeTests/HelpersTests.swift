import ControllerRuntime
import Foundation
import KubeClient
import Testing

@Suite("Conditions")
struct ConditionsTests {
    let t0 = Timestamp(Date(timeIntervalSince1970: 1_000))
    let t1 = Timestamp(Date(timeIntervalSince1970: 2_000))

    @Test("lastTransitionTime changes only when the status flips")
    func transitionTime() {
        var conditions: [Condition] = []
        let changed1 = conditions.set("Ready", status: .false, reason: "Starting", observedGeneration: 1, now: t0)
        #expect(changed1)
        let changed2 = conditions.set("Ready", status: .false, reason: "Waiting", message: "still", observedGeneration: 2, now: t1)
        #expect(changed2)
        #expect(conditions.condition(ofType: "Ready")?.lastTransitionTime == t0)
        #expect(conditions.condition(ofType: "Ready")?.reason == "Waiting")
        #expect(conditions.condition(ofType: "Ready")?.observedGeneration == 2)
        let changed3 = conditions.set("Ready", status: .true, reason: "Done", observedGeneration: 2, now: t1)
        #expect(changed3)
        #expect(conditions.condition(ofType: "Ready")?.lastTransitionTime == t1)
        #expect(conditions.isTrue("Ready"))
    }

    @Test("setting an identical condition reports no change; types stay unique and in order")
    func noChange() {
        var conditions: [Condition] = []
        conditions.set("Ready", status: .true, reason: "Done", observedGeneration: 1, now: t0)
        conditions.set("Progressing", status: .false, reason: "Idle", observedGeneration: 1, now: t0)
        let changed4 = conditions.set("Ready", status: .true, reason: "Done", observedGeneration: 1, now: t1)
        #expect(!changed4)
        #expect(conditions.map(\.type) == ["Ready", "Progressing"])
        let changed5 = conditions.remove("Ready")
        #expect(changed5)
        let changed6 = conditions.remove("Ready")
        #expect(!changed6)
    }
}

@Suite("Finalizer")
struct FinalizerTests {
    let name = "rebalance.emqx.io/cleanup"

    @Test("the four cases of (has finalizer, is deleting)")
    func states() {
        var metadata = ObjectMeta(name: "x")
        #expect(Finalizer.state(of: metadata, finalizer: name) == .needsFinalizer)
        metadata.finalizers = ["other", name]
        #expect(Finalizer.state(of: metadata, finalizer: name) == .apply)
        metadata.deletionTimestamp = Timestamp(Date())
        #expect(Finalizer.state(of: metadata, finalizer: name) == .cleanup(index: 1))
        metadata.finalizers = ["other"]
        #expect(Finalizer.state(of: metadata, finalizer: name) == .deleted)
    }

    @Test("adding tests the current list, or its absence, before adding")
    func addPatches() {
        var metadata = ObjectMeta(name: "x")
        #expect(
            Finalizer.addPatch(name, to: metadata) == [.test(path: "/metadata/finalizers", value: .null), .add(path: "/metadata/finalizers", value: [.string(name)])]
        )
        metadata.finalizers = ["other"]
        #expect(
            Finalizer.addPatch(name, to: metadata) == [.test(path: "/metadata/finalizers", value: ["other"]), .add(path: "/metadata/finalizers/-", value: .string(name))]
        )
        metadata.finalizers = ["other", name]
        #expect(Finalizer.addPatch(name, to: metadata) == nil)
    }

    @Test("removing tests our name at its index before removing that index")
    func removePatch() {
        var metadata = ObjectMeta(name: "x", finalizers: ["a", name, "b"])
        let patch = Finalizer.removePatch(name, from: metadata)
        #expect(patch == [.test(path: "/metadata/finalizers/1", value: .string(name)), .remove(path: "/metadata/finalizers/1")])
        #expect(
            patch.map(PatchOperation.document)
                == [["op": "test", "path": "/metadata/finalizers/1", "value": .string(name)], ["op": "remove", "path": "/metadata/finalizers/1"]]
        )
        metadata.finalizers = ["a"]
        #expect(Finalizer.removePatch(name, from: metadata) == nil)
    }
}

@Suite("Status patch and owner references")
struct StatusAndOwnerTests {
    @Test("no patch when the status equals the cached one; otherwise only the differences")
    func statusDiff() throws {
        let cached = Widget.Status(observedGeneration: 1, conditions: nil, phase: "Running")
        #expect(try StatusPatch.mergePatch(from: cached, to: cached) == nil)
        let desired = Widget.Status(observedGeneration: 2, conditions: nil, phase: "Running")
        #expect(try StatusPatch.mergePatch(from: cached, to: desired) == ["status": ["observedGeneration": 2]])
        #expect(StatusPatch.mergePatch(fromJSON: ["a": 1, "b": ["c": 1, "d": 2]], toJSON: ["b": ["c": 1, "d": 3]]) == ["status": ["a": nil, "b": ["d": 3]]])
        #expect(StatusPatch.mergePatch(fromJSON: nil, toJSON: ["phase": "New"]) == ["status": ["phase": "New"]])
    }

    @Test("a controller reference is set once; another controller is refused")
    func controllerReference() throws {
        let owner = Widget("w")
        var metadata = ObjectMeta(name: "child")
        try OwnerReferences.setController(owner, of: &metadata)
        try OwnerReferences.setController(owner, of: &metadata)
        #expect(metadata.ownerReferences?.count == 1)
        #expect(metadata.controllerReference?.blockOwnerDeletion == true)
        #expect(metadata.controllerReference?.apiVersion == "test.example.com/v1")
        #expect(OwnerReferences.isOwned(metadata, by: "uid-w"))
        #expect(throws: OwnerReferenceError.self) { try OwnerReferences.setController(Widget("other"), of: &metadata) }
        var unsaved = Widget("new")
        unsaved.metadata.uid = nil
        #expect(throws: OwnerReferenceError.ownerHasNoUID(kind: "Widget", name: "new")) { try OwnerReferences.controllerReference(to: unsaved) }
    }
}

@Suite("ChangePredicate")
struct ChangePredicateTests {
    @Test("specOrLifecycleChanged drops status-only updates and passes spec, deletion, finalizer and annotation changes")
    func specOrLifecycle() {
        let predicate = ChangePredicate<Widget>.specOrLifecycleChanged
        let old = Widget("a", resourceVersion: "1", generation: 1)
        var statusOnly = Widget("a", resourceVersion: "2", generation: 1)
        statusOnly.status = .init(phase: "Running")
        #expect(!predicate.evaluate(.applied(old: old, new: statusOnly)))
        #expect(predicate.evaluate(.applied(old: old, new: Widget("a", resourceVersion: "2", generation: 2))))
        var deleting = statusOnly
        deleting.metadata.deletionTimestamp = Timestamp(Date(timeIntervalSince1970: 1_800_000_000))
        #expect(predicate.evaluate(.applied(old: old, new: deleting)))
        var finalized = statusOnly
        finalized.metadata.finalizers = ["example.com/cleanup"]
        #expect(predicate.evaluate(.applied(old: old, new: finalized)))
        var annotated = statusOnly
        annotated.metadata.annotations = ["example.com/recorded": "yes"]
        #expect(predicate.evaluate(.applied(old: old, new: annotated)))
        #expect(predicate.evaluate(.applied(old: nil, new: old)))
        #expect(predicate.evaluate(.deleted(old)))
    }
}
