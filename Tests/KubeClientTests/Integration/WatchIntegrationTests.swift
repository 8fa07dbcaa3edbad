import Foundation
import KubeClient
import KubeTestServer
import Primitives
import Synchronization
import Testing
import VirtualTime

@Suite("watching the test API server", .timeLimit(.minutes(1)))
struct WatchIntegrationTests {
    /// Quick retries on the real clock for tests that exercise reconnects, not their pace.
    static let fastRetries = WatcherOptions(pageSize: 2, backoff: Backoff(initial: .milliseconds(20), max: .milliseconds(200)))

    /// The next event that is not a bookmark.
    func nextChange(_ iterator: inout WatchStream<ConfigMap>.Iterator) async throws -> String? {
        while let event = try await iterator.next() {
            if case .bookmark = event { continue }
            return describe(event)
        }
        return nil
    }

    @Test("a watch from a resourceVersion replays exactly the later changes, in order")
    func watchFromVersion() async throws {
        try await withServerAndClient { _, client in
            let configMaps = client.resources(ConfigMap.self, namespace: "default")
            let first = try await configMaps.create(ConfigMap(metadata: ObjectMeta(name: "first")))
            var second = try await configMaps.create(ConfigMap(metadata: ObjectMeta(name: "second")))
            second.data = ["v": "2"]
            _ = try await configMaps.update(second)
            try await configMaps.delete("first")

            var iterator = configMaps.watch(WatchOptions(resourceVersion: first.metadata.resourceVersion, timeoutSeconds: 30)).makeAsyncIterator()
            #expect(try await nextChange(&iterator) == "ADDED second")
            #expect(try await nextChange(&iterator) == "MODIFIED second")
            #expect(try await nextChange(&iterator) == "DELETED first")
            _ = try await configMaps.create(ConfigMap(metadata: ObjectMeta(name: "third")))
            #expect(try await nextChange(&iterator) == "ADDED third")
        }
    }

    @Test("a watch from a compacted resourceVersion reports 410 Gone")
    func goneWatch() async throws {
        try await withServerAndClient { server, client in
            let configMaps = client.resources(ConfigMap.self, namespace: "default")
            let old = try await configMaps.create(ConfigMap(metadata: ObjectMeta(name: "old")))
            _ = try await configMaps.create(ConfigMap(metadata: ObjectMeta(name: "new")))
            await server.faults.compactHistory()
            var iterator = configMaps.watch(WatchOptions(resourceVersion: old.metadata.resourceVersion, timeoutSeconds: 30)).makeAsyncIterator()
            do {
                var sawGone = false
                while let event = try await iterator.next() {
                    if case .error(let status) = event, status.typedReason == .gone { sawGone = true }
                }
                #expect(sawGone)
            } catch let error as KubeAPIError {
                #expect(error.reason == .gone)
            }
        }
    }

    @Test("the watcher lists in pages, applies changes and resumes after dropped watches without re-listing")
    func watcherResumes() async throws {
        try await withServerAndClient { server, client in
            let configMaps = client.resources(ConfigMap.self, namespace: "default")
            for name in ["a", "b", "c"] { _ = try await configMaps.create(ConfigMap(metadata: ObjectMeta(name: name))) }
            var events = configMaps.watcher(Self.fastRetries, clock: ContinuousClock()).makeAsyncIterator()
            var initial: [String] = []
            while let event = await events.next() {
                initial.append(describe(event))
                if case .initDone = event { break }
            }
            #expect(initial.first == "initStart")
            #expect(initial.dropFirst().prefix(3).sorted() == ["initApply(a)", "initApply(b)", "initApply(c)"])
            #expect(initial.last == "initDone")

            _ = try await configMaps.create(ConfigMap(metadata: ObjectMeta(name: "d")))
            #expect(await events.next().map(describe) == "apply(d)")

            await server.faults.dropAllWatches()
            _ = try await configMaps.create(ConfigMap(metadata: ObjectMeta(name: "e")))
            #expect(await events.next().map(describe) == "apply(e)")

            await server.faults.dropAllWatches()
            try await configMaps.delete("d")
            #expect(await events.next().map(describe) == "delete(d)")
        }
    }

    @Test("after a forced 410 the watcher re-lists, and objects deleted meanwhile are missing from the new list")
    func watcherRelists() async throws {
        try await withServerAndClient { server, client in
            let configMaps = client.resources(ConfigMap.self, namespace: "default")
            for name in ["a", "b"] { _ = try await configMaps.create(ConfigMap(metadata: ObjectMeta(name: name))) }
            let reported = Mutex<[StatusReason]>([])
            var options = Self.fastRetries
            options.onError = { error in reported.withLock { $0.append((error as? KubeAPIError)?.reason ?? .other("\(error)")) } }
            var events = configMaps.watcher(options, clock: ContinuousClock()).makeAsyncIterator()
            while let event = await events.next() {
                if case .initDone = event { break }
            }
            _ = try await configMaps.create(ConfigMap(metadata: ObjectMeta(name: "c")))
            #expect(await events.next().map(describe) == "apply(c)")

            await server.faults.dropAllWatches()
            try await configMaps.delete("a")
            _ = try await configMaps.create(ConfigMap(metadata: ObjectMeta(name: "d")))
            await server.faults.compactHistory()

            var relist: [String] = []
            while let event = await events.next() {
                relist.append(describe(event))
                if case .initDone = event { break }
            }
            #expect(relist.first == "initStart")
            #expect(relist.dropFirst().dropLast().sorted() == ["initApply(b)", "initApply(c)", "initApply(d)"])
            #expect(relist.last == "initDone")
            #expect(reported.withLock { $0 } == [.gone])

            _ = try await configMaps.create(ConfigMap(metadata: ObjectMeta(name: "e")))
            #expect(await events.next().map(describe) == "apply(e)")
        }
    }

    @Test("a watch that ends without progress backs off on the injected clock, then resumes")
    func backoffOnInjectedClock() async throws {
        try await withServerAndClient { server, client in
            let configMaps = client.resources(ConfigMap.self, namespace: "default")
            let clock = ManualClock()
            let watcher = configMaps.watcher(WatcherOptions(), clock: clock)
            let (stream, continuation) = AsyncStream.makeStream(of: String.self)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await event in watcher { continuation.yield(describe(event)) }
                    continuation.finish()
                }
                var received = stream.makeAsyncIterator()
                #expect(await received.next() == "initStart")
                #expect(await received.next() == "initDone")
                try await eventually { await server.openWatchCount() == 1 }

                // The dropped watch delivered nothing, so the watcher waits (800 ms at most) before reconnecting.
                await server.faults.dropAllWatches()
                try await eventually { clock.sleeperCount == 1 }
                _ = try await configMaps.create(ConfigMap(metadata: ObjectMeta(name: "after-backoff")))
                await clock.advance(by: .seconds(1))
                #expect(await received.next() == "apply(after-backoff)")
                group.cancelAll()
            }
        }
    }

    /// A ConfigMap view that insists on `data`, so ConfigMaps without it do not decode.
    struct ConfigMapWithData: Resource {
        static let resource = ConfigMap.resource
        var metadata: ObjectMeta
        var data: [String: String]
    }

    @Test("objects that do not decode are left out of lists and watches instead of stalling them")
    func undecodableObjectsAreSkipped() async throws {
        try await withServerAndClient { _, client in
            let configMaps = client.resources(ConfigMap.self, namespace: "default")
            _ = try await configMaps.create(ConfigMap(metadata: ObjectMeta(name: "empty-1")))
            _ = try await configMaps.create(ConfigMap(metadata: ObjectMeta(name: "full-1"), data: ["k": "v"]))
            let strict = client.resources(ConfigMapWithData.self, namespace: "default")
            var events = strict.watcher(Self.fastRetries, clock: ContinuousClock()).makeAsyncIterator()
            var initial: [String] = []
            while let event = await events.next() {
                initial.append(describe(event))
                if case .initDone = event { break }
            }
            #expect(initial == ["initStart", "initApply(full-1)", "initDone"])
            _ = try await configMaps.create(ConfigMap(metadata: ObjectMeta(name: "empty-2")))
            _ = try await configMaps.create(ConfigMap(metadata: ObjectMeta(name: "full-2"), data: ["k": "v"]))
            #expect(await events.next().map(describe) == "apply(full-2)")
        }
    }
}
