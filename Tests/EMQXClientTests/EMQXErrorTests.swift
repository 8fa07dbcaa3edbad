import Testing

@testable import EMQXClient

@Suite("EMQXError from EMQX's documented error answers (spec 7.1)")
struct EMQXErrorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var status: Int
        var body: String
        var endpoint: EMQXEndpoint
        var kind: EMQXError.Kind
        var retryable: Bool
        var nodes: [String] = []
        var testDescription: String { name }
    }

    static let start = EMQXEndpoint.post("/load_rebalance/emqx@127.0.0.1/start", node: "emqx@127.0.0.1")
    static let evacuate = EMQXEndpoint.post("/load_rebalance/emqx1@10.0.0.1/evacuation/start", node: "emqx1@10.0.0.1")
    static let stop = EMQXEndpoint.post("/load_rebalance/emqx1@10.0.0.1/evacuation/stop", node: "emqx1@10.0.0.1")
    static let status = EMQXEndpoint.get("/load_rebalance/global_status")

    static let cases: [Case] = [
        Case(
            name: "unknown node in the path", status: 404,
            body: #"{"code":"NOT_FOUND","message":"Node not found: emqx9@10.0.0.9"}"#, endpoint: evacuate,
            kind: .nodeNotFound, retryable: false),
        Case(
            name: "invalid nodes", status: 400,
            body: #"{"code":"BAD_REQUEST","message":"Invalid nodes: [<<\"bad_node\">>]"}"#, endpoint: start,
            kind: .invalidNodes, retryable: false, nodes: ["bad_node"]),
        Case(
            name: "nodes unavailable (400 with code NOT_FOUND)", status: 400,
            body: #"{"code":"NOT_FOUND","message":"Nodes unavailable: ['emqx2@h', 'emqx3@h']"}"#, endpoint: start,
            kind: .nodesUnavailable, retryable: true, nodes: ["emqx2@h", "emqx3@h"]),
        Case(
            name: "already started", status: 400,
            body: #"{"code":"BAD_REQUEST","message":"error on node 'emqx@127.0.0.1': already_started"}"#, endpoint: start,
            kind: .alreadyStarted, retryable: false),
        Case(
            name: "eviction agent busy", status: 400,
            body: #"{"code":"BAD_REQUEST","message":"error on node 'emqx1@10.0.0.1': eviction_agent_busy"}"#, endpoint: evacuate,
            kind: .evictionAgentBusy, retryable: true),
        Case(
            name: "nothing to balance", status: 400,
            body: #"{"code":"BAD_REQUEST","message":"error on node 'emqx@127.0.0.1': nothing_to_balance"}"#, endpoint: start,
            kind: .nothingToBalance, retryable: false),
        Case(
            name: "not started", status: 400,
            body: #"{"code":"BAD_REQUEST","message":"error on node 'emqx1@10.0.0.1': not_started"}"#, endpoint: stop,
            kind: .notStarted, retryable: false),
        Case(
            name: "schema validation", status: 400,
            body: #"{"code":"BAD_REQUEST","message":"bad conn_evict_rate"}"#, endpoint: start, kind: .badRequest,
            retryable: false),
        Case(
            name: "RPC error", status: 503,
            body: #"{"code":"RPC_ERROR","message":"RPC error on node 'emqx@127.0.0.1': {'EXIT',timeout}"}"#, endpoint: start,
            kind: .rpcError, retryable: true),
        Case(
            name: "bad API key", status: 401,
            body: #"{"code":"BAD_API_KEY_OR_SECRET","message":"Check api_key/api_secret"}"#, endpoint: status,
            kind: .unauthorized, retryable: false),
        Case(name: "forbidden", status: 403, body: "", endpoint: start, kind: .unauthorized, retryable: false),
        Case(
            name: "feature absent: a router 404 on a status path", status: 404,
            body: #"{"code":"NOT_FOUND","message":"Request Path Not Found"}"#, endpoint: status, kind: .featureAbsent,
            retryable: false),
        Case(
            name: "feature absent: a bare 404 on a node path", status: 404, body: "Not Found", endpoint: evacuate,
            kind: .featureAbsent, retryable: false),
        Case(
            name: "a 503 that is not an RPC error (outage)", status: 503, body: "", endpoint: status,
            kind: .unexpectedResponse, retryable: true),
        Case(
            name: "a 500", status: 500, body: #"{"code":"INTERNAL_ERROR","message":"boom"}"#, endpoint: status,
            kind: .unexpectedResponse, retryable: true),
        Case(name: "a 409", status: 409, body: "", endpoint: start, kind: .unexpectedResponse, retryable: false),
    ]

    @Test("each documented answer maps to its kind and retry advice", arguments: cases)
    func mapping(_ example: Case) {
        let error = EMQXError.fromResponse(status: example.status, body: Array(example.body.utf8), endpoint: example.endpoint)
        #expect(error.kind == example.kind)
        #expect(error.isRetryable == example.retryable)
        #expect(error.httpStatus == example.status)
        #expect(error.nodes == example.nodes)
        #expect(error.node == example.endpoint.node)
        #expect(error.request == example.endpoint.summary)
    }

    @Test("EMQX's code and message are kept verbatim for the user")
    func keepsCodeAndMessage() {
        let error = EMQXError.fromResponse(
            status: 400, body: Array(#"{"code":"NOT_FOUND","message":"Nodes unavailable: ['emqx2@h']"}"#.utf8),
            endpoint: Self.start)
        #expect(error.code == "NOT_FOUND")
        #expect(error.message == "Nodes unavailable: ['emqx2@h']")
        #expect(error.description.contains("Nodes unavailable"))
        #expect(error.description.contains("POST /api/v5/load_rebalance/emqx@127.0.0.1/start"))
    }

    @Test("a body that is not EMQX's error shape still gives a readable message")
    func nonJSONBody() {
        let empty = EMQXError.fromResponse(status: 502, body: [], endpoint: Self.status)
        #expect(empty.code == nil)
        #expect(empty.message == "HTTP 502 without a body")
        let html = EMQXError.fromResponse(status: 502, body: Array("<html>Bad Gateway</html>".utf8), endpoint: Self.status)
        #expect(html.message == "<html>Bad Gateway</html>")
    }

    @Test(
        "node lists in Erlang print forms",
        arguments: [
            ("Invalid nodes: [<<\"a\">>,<<\"b@h\">>]", ["a", "b@h"]),
            ("Nodes unavailable: ['emqx2@10.0.0.2']", ["emqx2@10.0.0.2"]),
            ("Nodes unavailable: [emqx@localhost, 'x@y.z']", ["emqx@localhost", "x@y.z"]),
            ("Nodes unavailable: []", []),
            ("no list here", []),
        ])
    func nodeLists(message: String, nodes: [String]) {
        #expect(EMQXError.nodeList(in: message) == nodes)
    }

    @Test("transport failures and timeouts are retryable; configuration errors are not")
    func transportKinds() {
        #expect(EMQXError(kind: .transport, message: "connection refused").isRetryable)
        #expect(EMQXError(kind: .timeout, message: "deadline").isRetryable)
        #expect(!EMQXError(kind: .invalidConfiguration, message: "bad URL").isRetryable)
    }
}
