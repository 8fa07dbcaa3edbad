import ControllerRuntime
import KubeClient
import KubeTestServer
import Testing

@Suite("Controller against the test API server", .timeLimit(.minutes(1)))
struct ControllerIntegrationTests {
    @Test("create, update and delete of the custom resource and of its owned ConfigMaps each reach the reconciler")
    func changesReachTheReconciler() async throws {
        try await ControllerHarness.withRunning { harness in
            let widgets = harness.client.resources(Widget.self, namespace: "default")
            let configMaps = harness.client.resources(ConfigMap.self, namespace: "default")

            var count = harness.reconciles(of: "w")
            var widget = try await widgets.create(newWidget("w"))
            #expect(await harness.waitForReconcile(of: "w", after: count), "create")

            count = harness.reconciles(of: "w")
            widget.spec.size = 2
            widget = try await widgets.update(widget)
            #expect(await harness.waitForReconcile(of: "w", after: count), "update")

            count = harness.reconciles(of: "w")
            var child = try await configMaps.create(ownedConfigMap("w-config", owner: widget))
            #expect(await harness.waitForReconcile(of: "w", after: count), "child created")

            count = harness.reconciles(of: "w")
            child.data = ["k": "changed"]
            child = try await configMaps.update(child)
            #expect(await harness.waitForReconcile(of: "w", after: count), "child updated")

            count = harness.reconciles(of: "w")
            try await configMaps.delete("w-config")
            #expect(await harness.waitForReconcile(of: "w", after: count), "child deleted")

            // A ConfigMap without a controller owner reconciles nothing.
            _ = try await configMaps.create(ConfigMap(metadata: ObjectMeta(name: "unowned", namespace: "default"), data: [:]))
            #expect(await eventually { harness.configMaps.store.object(for: ObjectKey(namespace: "default", name: "unowned")) != nil })
            #expect(Set(harness.reconciled.values.map(\.name)) == ["w"])

            count = harness.reconciles(of: "w")
            try await widgets.delete("w")
            #expect(await harness.waitForReconcile(of: "w", after: count), "delete")
            #expect(await eventually { harness.widgets.store.count == 0 })
        }
    }

    @Test("after dropped watches and after a forced 410 re-list, later changes still arrive and the caches match the server")
    func recovery() async throws {
        try await ControllerHarness.withRunning { harness in
            let widgets = harness.client.resources(Widget.self, namespace: "default")
            let a = try await widgets.create(newWidget("a"))
            #expect(await harness.waitForReconcile(of: "a", after: 0))

            // Dropped watches: the watchers re-watch from their last resourceVersion.
            await harness.server.faults.dropAllWatches()
            _ = try await widgets.create(newWidget("b"))
            #expect(await harness.waitForReconcile(of: "b", after: 0))
            _ = try await harness.client.resources(ConfigMap.self, namespace: "default").create(ownedConfigMap("a-config", owner: a))
            #expect(await harness.waitForReconcile(of: "a", after: 1))
            #expect(await eventually { (try? await harness.storesMatchServer()) == true })

            // Forced 410: the history is compacted and the watches dropped, so re-watching from the saved version
            // answers 410 Expired and the watchers re-list.
            _ = try await widgets.create(newWidget("c"))
            #expect(await harness.waitForReconcile(of: "c", after: 0))
            await harness.server.faults.compactHistory()
            await harness.server.faults.dropAllWatches()
            #expect(await eventually { harness.watchErrors.values.contains { $0.hasPrefix("410") } })

            var countB = harness.reconciles(of: "b")
            var b = try await widgets.get("b")
            b.spec.size = 7
            _ = try await widgets.update(b)
            #expect(await harness.waitForReconcile(of: "b", after: countB))
            countB = harness.reconciles(of: "b")
            try await widgets.delete("b")
            #expect(await harness.waitForReconcile(of: "b", after: countB))
            _ = try await widgets.create(newWidget("d"))
            #expect(await harness.waitForReconcile(of: "d", after: 0))
            #expect(await eventually { (try? await harness.storesMatchServer()) == true })
            #expect(Set(harness.widgets.store.keys.map(\.name)) == ["a", "c", "d"])
        }
    }

    @Test("/readyz answers 500 naming the unsynced cache while its list fails, then 200 once the caches synced")
    func readinessFollowsSync() async throws {
        try await withServerAndClient { server, client in
            try await server.registerCustomResourceDefinition(widgetCRD)
            // Every list of widgets fails until the test lifts the fault.
            server.faults.failRequests(matching: RequestMatcher(method: "GET", resource: "widgets"), status: 500, count: 1_000_000)
            let harness = ControllerHarness(server: server, client: client)
            try await withHTTPClient { http in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask { try await harness.manager.run() }
                    let port = try #require(await harness.manager.probeServer?.port)
                    let readyz = "http://127.0.0.1:\(port)/readyz"
                    #expect(await eventually { server.faults.requests.count(verb: "list", resource: "widgets") >= 2 })
                    #expect(await eventually { harness.configMaps.store.isSynced })
                    let (status, body) = try await httpGet(http, readyz)
                    #expect(status == 500)
                    #expect(body.contains("[-]informer:widgets failed"))
                    #expect(body.contains("[+]informer:configmaps ok"))
                    #expect(harness.reconciled.count == 0, "no reconcile before the caches synced")

                    server.faults.clearRequestFailures()
                    #expect(await eventually { (try? await httpGet(http, readyz)) ?? (0, "") == (200, "ok") })
                    group.cancelAll()
                }
            }
        }
    }

    @Test("after the caches synced, changes reach the reconciler with no list or get requests to the server")
    func watchOnlyAfterSync() async throws {
        try await ControllerHarness.withRunning { harness in
            let widgets = harness.client.resources(Widget.self, namespace: "default")
            let configMaps = harness.client.resources(ConfigMap.self, namespace: "default")
            let seed = try await widgets.create(newWidget("seed"))
            #expect(await harness.waitForReconcile(of: "seed", after: 0))
            let requests = harness.server.faults.requests
            let before = requests.snapshot

            for index in 0..<5 {
                let widget = try await widgets.create(newWidget("w\(index)"))
                _ = try await configMaps.create(ownedConfigMap("w\(index)-config", owner: widget))
            }
            try await configMaps.delete("w0-config")
            try await widgets.delete("w1")
            var changed = seed
            changed.spec.size = 3
            _ = try await widgets.update(changed)
            for index in 0..<5 {
                #expect(await harness.waitForReconcile(of: "w\(index)", after: 0))
            }
            #expect(await harness.waitForReconcile(of: "seed", after: 1))
            // w1's ConfigMap goes too: the server's garbage collector follows the ownerReference.
            #expect(await eventually { harness.widgets.store.count == 5 && harness.configMaps.store.count == 3 })

            let after = requests.snapshot
            for resource in ["widgets", "configmaps"] {
                for verb in ["list", "get"] {
                    let key = RequestCounter.Key(verb: verb, resource: resource)
                    #expect(after[key, default: 0] == before[key, default: 0], "\(verb) \(resource) after sync")
                }
            }
            // The test's own writes are the only other requests.
            #expect(after[RequestCounter.Key(verb: "create", resource: "widgets")] == 6)
            #expect(try await harness.storesMatchServer())
        }
    }
}
