import AsyncHTTPClient
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

    @Test("readyz is 500 until every cache synced, then 200; the probe server serves no metrics")
    func overHTTP() async throws {
        let store = Store<Widget>()
        let server = ProbeServer(configuration: .init(host: "127.0.0.1", port: 0), readinessChecks: [.synced(store, name: "informer:widgets")])
        try await withHTTPClient { client in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await server.run() }
                let port = try #require(await server.port)
                let base = "http://127.0.0.1:\(port)"

                var (status, body) = try await httpGet(client, "\(base)/readyz")
                #expect(status == 500)
                #expect(body.contains("[-]informer:widgets failed"))
                (status, body) = try await httpGet(client, "\(base)/healthz")
                #expect(status == 200 && body == "ok")

                var writer = StoreWriter(store)
                writer.apply(.initStart)
                writer.apply(.initDone)
                (status, body) = try await httpGet(client, "\(base)/readyz")
                #expect(status == 200 && body == "ok")
                (status, body) = try await httpGet(client, "\(base)/readyz?verbose")
                #expect(body == "[+]informer:widgets ok\nreadyz check passed\n")
                (status, _) = try await httpGet(client, "\(base)/metrics")
                #expect(status == 404)
                group.cancelAll()
            }
        }
    }
}

