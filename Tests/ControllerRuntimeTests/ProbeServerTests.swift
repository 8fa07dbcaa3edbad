import AsyncHTTPClient
import NIOCore
import ControllerRuntime
import KubeClient
import Prometheus
import Testing
import VirtualTime

@Suite("Probe server")
struct ProbeServerTests {
    @Test("health report text matches controller-runtime's healthz")
    func reportText() {
        #expect(HealthReport.render(probe: "readyz", results: [("a", true)], verbose: false) == (200, "ok"))
        #expect(HealthReport.render(probe: "readyz", results: [("a", true), ("b", true)], verbose: true) == (200, "[+]a ok\n[+]b ok\nreadyz check passed\n"))
        #expect(
            HealthReport.render(probe: "readyz", results: [("a", true), ("b", false)], verbose: false)
                == (500, "[+]a ok\n[-]b failed: reason withheld\nreadyz check failed\n")
        )
        #expect(HealthReport.options(fromQuery: "verbose&exclude=a&exclude=b").verbose)
        #expect(HealthReport.options(fromQuery: "verbose&exclude=a&exclude=b").excluded == ["a", "b"])
        #expect(!HealthReport.options(fromQuery: nil).verbose)
    }

    @Test("readyz is 500 until every cache synced; metrics are served in Prometheus text")
    func overHTTP() async throws {
        let registry = PrometheusCollectorRegistry()
        let factory = MetricNames.makePrometheusFactory(registry: registry)
        let store = Store<Widget>()
        let server = ProbeServer(
            configuration: .init(host: "127.0.0.1", port: 0),
            registry: registry,
            readinessChecks: [.synced(store, name: "informer:widgets")]
        )
        let sources = Sources(widgets: [Widget("a")])
        let controller = Controller(for: sources.widgets, options: .init(name: "widgets"), clock: ManualClock(), metricsFactory: factory)
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            group.addTask { await controller.run(ReconcileFunction { _ in .done }) }
            let port = try #require(await server.port)
            let base = "http://127.0.0.1:\(port)"

            var (status, body) = try await get(client, "\(base)/readyz")
            #expect(status == 500)
            #expect(body.contains("[-]informer:widgets failed"))
            (status, body) = try await get(client, "\(base)/healthz")
            #expect(status == 200 && body == "ok")

            var writer = StoreWriter(store)
            writer.apply(.initStart)
            writer.apply(.initDone)
            (status, body) = try await get(client, "\(base)/readyz")
            #expect(status == 200 && body == "ok")
            (status, body) = try await get(client, "\(base)/readyz?verbose")
            #expect(body == "[+]informer:widgets ok\nreadyz check passed\n")

            #expect(await eventually { controller.queue.statistics.adds == 1 && controller.queue.statistics.processing == 0 })
            (status, body) = try await get(client, "\(base)/metrics")
            #expect(status == 200)
            let samples = PrometheusText.samples(body)
            #expect(samples[#"controller_runtime_reconcile_total{controller="widgets",result="success"}"#] == 1)
            #expect(samples[#"workqueue_adds_total{name="widgets",controller="widgets"}"#] == 1)
            #expect(samples[#"controller_runtime_reconcile_time_seconds_count{controller="widgets"}"#] == 1)
            #expect(samples[#"workqueue_depth{name="widgets",controller="widgets"}"#] == 0)
            #expect(samples.keys.contains { $0.hasPrefix("workqueue_queue_duration_seconds_bucket") })
            #expect(samples.keys.contains { $0.hasPrefix("workqueue_work_duration_seconds_count") })
            #expect(samples.keys.contains { $0.hasPrefix("controller_runtime_active_workers") })
            controller.shutDown()
            group.cancelAll()
        }
        try await client.shutdown()
    }

    private func get(_ client: HTTPClient, _ url: String) async throws -> (Int, String) {
        let response = try await client.execute(HTTPClientRequest(url: url), timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), String(buffer: body))
    }
}

/// A minimal parser of the Prometheus text format: `name{labels} value` lines, comments skipped.
enum PrometheusText {
    static func samples(_ text: String) -> [String: Double] {
        var samples: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { continue }
            samples[String(line[..<space])] = value
        }
        return samples
    }
}
