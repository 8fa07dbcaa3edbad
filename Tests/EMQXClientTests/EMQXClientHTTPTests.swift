import Foundation
import Synchronization
import Testing

@testable import EMQXClient

@Suite("EMQXClient over HTTP against a scripted server")
struct EMQXClientHTTPTests {
    static let notFoundPath = #"{"code":"NOT_FOUND","message":"Request Path Not Found"}"#

    /// A client whose retry pauses do not wait.
    private func client(_ url: String, timeout: Duration = .seconds(30), retry: RetryPolicy = RetryPolicy()) throws -> EMQXClient {
        try EMQXClient(
            configuration: EMQXClientConfiguration(url: url, apiKey: "operator", apiSecret: "s3cret", timeout: timeout, retry: retry),
            sleep: { _ in })
    }

    @Test("requests carry Basic auth, go to EMQX's paths and send the flat bodies")
    func requestsOnTheWire() async throws {
        try await StubEMQXServer.withServer(reply: { _, _ in .json(200, "{}") }) { server, url in
            let emqx = try client(url + "/")
            try await emqx.startEvacuation(node: "emqx@10.0.0.1", EvacuationStartRequest(waitHealthCheck: .seconds(30), connEvictRate: 100))
            try await emqx.stopEvacuation(node: "emqx@10.0.0.1")
            try await emqx.startRebalance(coordinator: "emqx@10.0.0.2", RebalanceStartRequest(nodes: ["emqx@10.0.0.1", "emqx@10.0.0.2"]))
            try await emqx.stopRebalance(coordinator: "emqx@10.0.0.2")
            try await emqx.shutdown()
            let requests = server.requests
            #expect(requests.map { "\($0.method) \($0.path)" } == [
                "POST /api/v5/load_rebalance/emqx@10.0.0.1/evacuation/start",
                "POST /api/v5/load_rebalance/emqx@10.0.0.1/evacuation/stop",
                "POST /api/v5/load_rebalance/emqx@10.0.0.2/start",
                "POST /api/v5/load_rebalance/emqx@10.0.0.2/stop",
            ])
            let expectedAuth = "Basic " + Data("operator:s3cret".utf8).base64EncodedString()
            #expect(requests.allSatisfy { $0.authorization == expectedAuth })
            #expect(requests[0].body == #"{"conn_evict_rate":100,"wait_health_check":"30s"}"#)
            #expect(requests[1].body == "{}")
            #expect(requests[2].body == #"{"nodes":["emqx@10.0.0.1","emqx@10.0.0.2"]}"#)
        }
    }

    @Test("a server without load_rebalance (404 on the path) is reported as feature absent, while /nodes works")
    func featureAbsent() async throws {
        try await StubEMQXServer.withServer(reply: { request, _ in
            request.path == "/api/v5/nodes"
                ? .json(200, #"[{"node":"emqx@h","node_status":"running","live_connections":3,"connections":4}]"#)
                : .json(404, Self.notFoundPath)
        }) { server, url in
            let emqx = try client(url)
            let nodes = try await emqx.nodes()
            #expect(nodes.map(\.name) == ["emqx@h"])
            let statusError = await #expect(throws: EMQXError.self) { try await emqx.globalStatus() }
            #expect(statusError?.kind == .featureAbsent)
            #expect(statusError?.isRetryable == false)
            let startError = await #expect(throws: EMQXError.self) {
                try await emqx.startEvacuation(node: "emqx@h", EvacuationStartRequest())
            }
            #expect(startError?.kind == .featureAbsent)
            #expect(startError?.node == "emqx@h")
            #expect(server.requests.count == 3, "a feature-absent answer is not retried")
            try await emqx.shutdown()
        }
    }

    @Test("an answer slower than the timeout is a retryable timeout error")
    func timeout() async throws {
        try await StubEMQXServer.withServer(reply: { _, _ in .hang }) { server, url in
            let emqx = try client(url, timeout: .milliseconds(300), retry: .none)
            let error = await #expect(throws: EMQXError.self) { try await emqx.globalStatus() }
            #expect(error?.kind == .timeout)
            #expect(error?.isRetryable == true)
            #expect(server.requests.count <= 1, "a timed-out call with retry .none is sent at most once")
            try await emqx.shutdown()
        }
    }

    @Test("GETs are retried after retryable failures, with growing jittered pauses")
    func getRetried() async throws {
        let box = PauseBox()
        try await StubEMQXServer.withServer(reply: { _, index in
            index < 3 ? .json(503, "") : .json(200, #"{"evacuations":[],"purges":[],"rebalances":[]}"#)
        }) { server, url in
            let emqx = try EMQXClient(
                configuration: EMQXClientConfiguration(url: url, apiKey: "k", apiSecret: "s", retry: RetryPolicy(maxAttempts: 3)),
                sleep: { box.record($0) })
            let status = try await emqx.globalStatus()
            #expect(status == EMQXGlobalStatus())
            #expect(server.requests.count == 3)
            let pauses = box.pauses
            #expect(pauses.count == 2)
            #expect(pauses.allSatisfy { $0 > .zero && $0 <= .milliseconds(400) })
            try await emqx.shutdown()
        }
    }

    @Test("GETs give up after the last attempt with the last error")
    func getGivesUp() async throws {
        try await StubEMQXServer.withServer(reply: { _, _ in .json(503, "") }) { server, url in
            let emqx = try client(url, retry: RetryPolicy(maxAttempts: 4))
            let error = await #expect(throws: EMQXError.self) { try await emqx.nodes() }
            #expect(error?.kind == .unexpectedResponse)
            #expect(error?.httpStatus == 503)
            #expect(server.requests.count == 4)
            try await emqx.shutdown()
        }
    }

    @Test("starts and stops are never retried, even after a retryable failure")
    func postNotRetried() async throws {
        try await StubEMQXServer.withServer(reply: { _, _ in
            .json(503, #"{"code":"RPC_ERROR","message":"RPC error on node 'emqx@h': timeout"}"#)
        }) { server, url in
            let emqx = try client(url, retry: RetryPolicy(maxAttempts: 5))
            let error = await #expect(throws: EMQXError.self) {
                try await emqx.startRebalance(coordinator: "emqx@h", RebalanceStartRequest())
            }
            #expect(error?.kind == .rpcError)
            #expect(error?.isRetryable == true)
            #expect(error?.code == "RPC_ERROR")
            #expect(server.requests.count == 1)
            try await emqx.shutdown()
        }
    }

    @Test("an auth failure is not retried")
    func authNotRetried() async throws {
        try await StubEMQXServer.withServer(reply: { _, _ in
            .json(401, #"{"code":"BAD_API_KEY_OR_SECRET","message":"Check api_key/api_secret"}"#)
        }) { server, url in
            let emqx = try client(url, retry: RetryPolicy(maxAttempts: 5))
            let error = await #expect(throws: EMQXError.self) { try await emqx.nodes() }
            #expect(error?.kind == .unauthorized)
            #expect(error?.code == "BAD_API_KEY_OR_SECRET")
            #expect(server.requests.count == 1)
            try await emqx.shutdown()
        }
    }

    @Test("availability_check: 200 is available, 503 NODE_EVACUATING is unavailable")
    func availability() async throws {
        try await StubEMQXServer.withServer(reply: { _, index in
            index == 1 ? .json(200, "{}") : .json(503, #"{"code":"NODE_EVACUATING","message":"Node Evacuating"}"#)
        }) { server, url in
            let emqx = try client(url)
            #expect(try await emqx.availabilityCheck() == .available)
            #expect(try await emqx.availabilityCheck() == .unavailable)
            #expect(server.requests.count == 2, "unavailable is an answer, not a failure to retry")
            #expect(server.requests.allSatisfy { $0.path == "/api/v5/load_rebalance/availability_check" })
            try await emqx.shutdown()
        }
    }

    @Test("a 200 body that does not decode is an unexpected response naming the call")
    func undecodableBody() async throws {
        try await StubEMQXServer.withServer(reply: { _, _ in .json(200, #"{"unexpected": true}"#) }) { _, url in
            let emqx = try client(url)
            let error = await #expect(throws: EMQXError.self) { try await emqx.rebalanceStatus() }
            #expect(error?.kind == .unexpectedResponse)
            #expect(error?.isRetryable == false)
            #expect(error?.message.contains("GET /api/v5/load_rebalance/status") == true)
            try await emqx.shutdown()
        }
    }

    @Test("nothing listening is a retryable transport error")
    func connectionRefused() async throws {
        let emqx = try client("http://127.0.0.1:1", timeout: .seconds(1), retry: .none)
        let error = await #expect(throws: EMQXError.self) { try await emqx.nodes() }
        #expect(error?.kind == .transport || error?.kind == .timeout)
        #expect(error?.isRetryable == true)
        try await emqx.shutdown()
    }

    @Test("an unusable configuration is refused up front")
    func invalidConfiguration() {
        let noScheme = #expect(throws: EMQXError.self) {
            _ = try EMQXClient(configuration: EMQXClientConfiguration(url: "emqx:18083", apiKey: "k", apiSecret: "s"))
        }
        #expect(noScheme?.kind == .invalidConfiguration)
        let badCA = #expect(throws: EMQXError.self) {
            _ = try EMQXClient(
                configuration: EMQXClientConfiguration(url: "https://emqx:18083", apiKey: "k", apiSecret: "s", caCertificatePEM: "not a certificate"))
        }
        #expect(badCA?.kind == .invalidConfiguration)
    }
}

/// Records the pauses a client's retries asked for, instead of sleeping.
final class PauseBox: Sendable {
    private let state = Mutex<[Duration]>([])
    func record(_ pause: Duration) { state.withLock { $0.append(pause) } }
    var pauses: [Duration] { state.withLock { $0 } }
}
