import AsyncHTTPClient
import ControllerRuntime
import KubeClient
import Testing
import VirtualTime

@Suite("Metrics server")
struct MetricsServerTests {
    static func manager() -> Manager {
        Manager(probe: .init(host: "127.0.0.1", port: 0), metrics: .init(host: "127.0.0.1", port: 0))
    }

    @Test("the manager serves /metrics on its own port, apart from the probes; the reconcile count moves with changes")
    func separateAddress() async throws {
        let manager = Self.manager()
        let sources = Sources(widgets: [Widget("a"), Widget("b")])
        let controller = Controller(for: sources.widgets, options: .init(name: "widgets"), metricsFactory: manager.metricsFactory)
        manager.add(controller, reconciler: ReconcileFunction { _ in .done })
        try await withHTTPClient { client in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await manager.run() }
                let metricsPort = try #require(await manager.metricsServer?.port)
                let probePort = try #require(await manager.probeServer?.port)
                #expect(metricsPort != probePort)
                let metricsURL = "http://127.0.0.1:\(metricsPort)/metrics"
                let success = #"controller_runtime_reconcile_total{controller="widgets",result="success"}"#

                #expect(await eventually {
                    (try? await PrometheusText.samples(httpGet(client, metricsURL).1)[success]) == 2
                })
                let samples = PrometheusText.samples(try await httpGet(client, metricsURL).1)
                #expect(samples[success] == 2)
                #expect(samples[#"workqueue_adds_total{name="widgets",controller="widgets"}"#] == 2)
                #expect(samples[#"workqueue_depth{name="widgets",controller="widgets"}"#] == 0)
                #expect(samples[#"workqueue_unfinished_work_seconds{name="widgets",controller="widgets"}"#] == 0)
                #expect(samples[#"workqueue_longest_running_processor_seconds{name="widgets",controller="widgets"}"#] == 0)
                #expect(samples[#"controller_runtime_reconcile_time_seconds_count{controller="widgets"}"#] == 2)
                #expect(samples.keys.contains { $0.hasPrefix("workqueue_queue_duration_seconds_bucket") })
                #expect(samples.keys.contains { $0.hasPrefix("controller_runtime_active_workers") })

                sources.send(.apply(Widget("c")))
                #expect(await eventually {
                    (try? await PrometheusText.samples(httpGet(client, metricsURL).1)[success]) == 3
                })

                // Each server answers only its own paths.
                #expect(try await httpGet(client, "http://127.0.0.1:\(metricsPort)/readyz").0 == 404)
                #expect(try await httpGet(client, "http://127.0.0.1:\(probePort)/metrics").0 == 404)
                #expect(try await httpGet(client, "http://127.0.0.1:\(probePort)/readyz").0 == 200)
                group.cancelAll()
            }
        }
    }

    @Test("unfinished work and the longest-running processor grow while a reconcile hangs, and drop to 0 when it ends")
    func unfinishedWork() async throws {
        let clock = ManualClock()
        let manager = Manager(probe: nil, metrics: .init(host: "127.0.0.1", port: 0))
        #expect(manager.probeServer == nil)
        let sources = Sources(widgets: [Widget("a"), Widget("b")])
        let controller = Controller(for: sources.widgets, options: .init(name: "hanging", maxConcurrentReconciles: 2), clock: clock, metricsFactory: manager.metricsFactory)
        let release = AsyncFlag()
        manager.add(controller, reconciler: ReconcileFunction { key in
            if key.name.hasPrefix("a") { await release.wait() }
            return .done
        })
        let labels = #"{name="hanging",controller="hanging"}"#
        try await withHTTPClient { client in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await manager.run() }
                let port = try #require(await manager.metricsServer?.port)
                let url = "http://127.0.0.1:\(port)/metrics"
                #expect(await eventually { controller.queue.statistics.processing == 1 && controller.queue.statistics.depth == 0 })
                await clock.advance(by: .seconds(3))
                var samples = PrometheusText.samples(try await httpGet(client, url).1)
                #expect(samples["workqueue_unfinished_work_seconds\(labels)"] == 3)
                #expect(samples["workqueue_longest_running_processor_seconds\(labels)"] == 3)
                // A second key hangs from now on: the sum counts both, the longest stays the first.
                controller.queue.add(ObjectKey(namespace: "default", name: "a2"))
                #expect(await eventually { controller.queue.statistics.processing == 2 })
                await clock.advance(by: .seconds(2))
                samples = PrometheusText.samples(try await httpGet(client, url).1)
                #expect(samples["workqueue_unfinished_work_seconds\(labels)"] == 7)
                #expect(samples["workqueue_longest_running_processor_seconds\(labels)"] == 5)

                release.set()
                #expect(await eventually { controller.queue.statistics.processing == 0 })
                samples = PrometheusText.samples(try await httpGet(client, url).1)
                #expect(samples["workqueue_unfinished_work_seconds\(labels)"] == 0)
                #expect(samples["workqueue_longest_running_processor_seconds\(labels)"] == 0)
                group.cancelAll()
            }
        }
    }
}
