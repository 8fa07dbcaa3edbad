import Foundation
import Hummingbird

/// The HTTP edge: `/api/v5` as EMQX serves it, `/sim/v1` for control and truth, EMQX's 404 for anything else.
extension EMQXSimulator {
    func respond(to request: Request, binding: Binding) async -> Response {
        let segments = request.uri.path.split(separator: "/").map {
            String($0).removingPercentEncoding ?? String($0)
        }
        if segments.starts(with: ["sim", "v1"]) {
            return await simulatorRoute(request, Array(segments.dropFirst(2)))
        }
        if segments.starts(with: ["api", "v5"]) {
            return await apiRoute(request, Array(segments.dropFirst(2)), binding: binding)
        }
        return Self.pathNotFound(request)
    }

    // MARK: /api/v5

    private enum Endpoint {
        case availabilityCheck, nodes, node(String), status, globalStatus, evictionStatus
        case startRebalance(String), stopRebalance(String), startEvacuation(String), stopEvacuation(String)

        var method: HTTPRequest.Method {
            switch self {
            case .availabilityCheck, .nodes, .node, .status, .globalStatus, .evictionStatus: .get
            case .startRebalance, .stopRebalance, .startEvacuation, .stopEvacuation: .post
            }
        }
    }

    private static func endpoint(_ path: [String]) -> Endpoint? {
        switch path.count {
        case 1 where path[0] == "nodes": return .nodes
        case 2 where path[0] == "nodes": return .node(path[1])
        case 2 where path == ["load_rebalance", "availability_check"]: return .availabilityCheck
        case 2 where path == ["load_rebalance", "status"]: return .status
        case 2 where path == ["load_rebalance", "global_status"]: return .globalStatus
        case 2 where path == ["node_eviction", "status"]: return .evictionStatus
        case 3 where path[0] == "load_rebalance" && path[2] == "start": return .startRebalance(path[1])
        case 3 where path[0] == "load_rebalance" && path[2] == "stop": return .stopRebalance(path[1])
        case 4 where path[0] == "load_rebalance" && path[2] == "evacuation" && path[3] == "start":
            return .startEvacuation(path[1])
        case 4 where path[0] == "load_rebalance" && path[2] == "evacuation" && path[3] == "stop":
            return .stopEvacuation(path[1])
        default: return nil
        }
    }

    private func apiRoute(_ request: Request, _ path: [String], binding: Binding) async -> Response {
        let receivedAt = ContinuousClock.now
        guard let endpoint = Self.endpoint(path),
            configuration.edition == .enterprise || !["load_rebalance", "node_eviction"].contains(path[0])
        else { return Self.pathNotFound(request) }
        let delay = latency.withLock { $0 }
        if delay > .zero { try? await Task.sleep(for: delay) }
        if box.withCore({ $0.now < $0.apiOutageUntil }) {
            return Self.error(.serviceUnavailable, "SERVICE_UNAVAILABLE", "Service unavailable (simulated API outage)")
        }
        guard request.method == endpoint.method else { return Response(status: .methodNotAllowed) }
        if case .availabilityCheck = endpoint {} else if let failure = authenticate(request) { return failure }
        var body = EMQXJSON.object([])
        if endpoint.method == .post {
            guard let buffer = try? await request.body.collect(upTo: 1 << 20) else {
                return Self.error(.badRequest, "BAD_REQUEST", "Bad request body")
            }
            if buffer.readableBytes > 0 {
                guard let parsed = try? JSONDecoder().decode(EMQXJSON.self, from: Data(buffer.readableBytesView)) else {
                    return Self.error(.badRequest, "BAD_REQUEST", "Invalid JSON body")
                }
                body = parsed
            }
        }
        switch endpoint {
        case .nodes:
            return Self.json(box.withCore { core in
                .array(core.nodes.indices.filter { core.nodes[$0].membership != .removed }.map { core.nodeInfo(node: $0) })
            })
        case .node(let name):
            let info: EMQXJSON? = box.withCore { core in core.nodeIndex(named: name).map { core.nodeInfo(node: $0) } }
            guard let info else { return Self.error(.notFound, "NOT_FOUND", "Node not found") }
            return Self.json(info)
        case .globalStatus:
            return Self.json(box.withCore { $0.globalStatus() })
        case .availabilityCheck, .status, .evictionStatus:
            return localEndpoint(endpoint, binding: binding)
        case .startEvacuation(let node):
            let options: EvacuationOptions
            do { options = try APIRequestParsing.evacuationOptions(body) } catch {
                return Self.error(.badRequest, "BAD_REQUEST", error.message)
            }
            let response = operate(on: node, checking: options.migrateTo) { core, index throws(OperationError) in
                try core.startEvacuation(node: index, options: options)
            }
            return recording(.startEvacuation, node: node, receivedAt: receivedAt, response)
        case .stopEvacuation(let node):
            let response = operate(on: node, checking: nil) { core, index throws(OperationError) in
                try core.stopEvacuation(node: index)
            }
            return recording(.stopEvacuation, node: node, receivedAt: receivedAt, response)
        case .startRebalance(let node):
            let options: RebalanceOptions
            do { options = try APIRequestParsing.rebalanceOptions(body) } catch {
                return Self.error(.badRequest, "BAD_REQUEST", error.message)
            }
            let response = operate(on: node, checking: options.nodes) { core, index throws(OperationError) in
                try core.startRebalance(coordinator: index, options: options)
            }
            return recording(.startRebalance, node: node, receivedAt: receivedAt, response)
        case .stopRebalance(let node):
            let response = operate(on: node, checking: nil) { core, index throws(OperationError) in
                try core.stopRebalance(coordinator: index)
            }
            return recording(.stopRebalance, node: node, receivedAt: receivedAt, response)
        }
    }

    /// The endpoints that answer for the node that receives the request.
    private func localEndpoint(_ endpoint: Endpoint, binding: Binding) -> Response {
        let answer: Response? = box.withCore { core in
            let node: Int
            switch binding {
            case .node(let name):
                guard let index = core.nodeIndex(named: name), core.nodes[index].isRunning else { return nil }
                node = index
            case .service:
                let running = core.runningNodes
                guard !running.isEmpty else { return nil }
                node = serviceCursor.withLock { cursor in
                    defer { cursor += 1 }
                    return running[cursor % running.count]
                }
            }
            switch endpoint {
            case .availabilityCheck:
                if core.nodes[node].isAvailable { return Self.json(.object([])) }
                return Self.error(.serviceUnavailable, "NODE_EVACUATING", "Node Evacuating")
            case .status: return Self.json(core.localStatus(node: node))
            default: return Self.json(core.evictionStatus(node: node))
            }
        }
        return answer ?? Self.error(.serviceUnavailable, "SERVICE_UNAVAILABLE", "Node is down")
    }

    /// A start or stop call proxied to `node`, with the checks of spec §7.1 in EMQX's order.
    private func operate(
        on node: String, checking names: [String]?,
        _ call: (inout SimulationCore, Int) throws(OperationError) -> Void
    ) -> Response {
        box.withCore { (core: inout SimulationCore) -> Response in
            guard let index = core.nodeIndex(named: node), core.nodes[index].isRunning else {
                return Self.error(.notFound, "NOT_FOUND", "Node not found: \(node)")
            }
            if let names {
                let invalid = names.filter { !core.isKnownNodeName($0) }
                if !invalid.isEmpty {
                    let list = invalid.map { "<<\"\($0)\">>" }.joined(separator: ",")
                    return Self.error(.badRequest, "BAD_REQUEST", "Invalid nodes: [\(list)]")
                }
                let unavailable = names.filter { name in
                    guard let index = core.nodeIndex(named: name) else { return true }
                    return !core.nodes[index].isAvailable
                }
                if !unavailable.isEmpty {
                    let list = unavailable.map { "'\($0)'" }.joined(separator: ",")
                    return Self.error(.badRequest, "NOT_FOUND", "Nodes unavailable: [\(list)]")
                }
            }
            do throws(OperationError) {
                try call(&core, index)
                return Self.json(.object([]))
            } catch {
                if case .rpcError(let reason) = error {
                    return Self.error(.serviceUnavailable, "RPC_ERROR", "RPC error on node '\(node)': \(reason)")
                }
                return Self.error(.badRequest, "BAD_REQUEST", "error on node '\(node)': \(error.reason)")
            }
        }
    }

    /// Basic auth with the configured key and secret; EMQX's 401 bodies otherwise.
    private func authenticate(_ request: Request) -> Response? {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("basic "),
            let decoded = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
            let credentials = String(data: decoded, encoding: .utf8), let colon = credentials.firstIndex(of: ":")
        else {
            var response = Self.error(
                .unauthorized, "AUTHORIZATION_HEADER_ERROR", "Support authorization: basic/bearer ")
            response.headers[.wwwAuthenticate] = "Basic Realm=\"emqx-dashboard\""
            return response
        }
        let key = credentials[..<colon]
        let secret = credentials[credentials.index(after: colon)...]
        guard key == configuration.apiKey, secret == configuration.apiSecret else {
            var response = Self.error(.unauthorized, "BAD_API_KEY_OR_SECRET", "Check api_key/api_secret")
            response.headers[.wwwAuthenticate] = "Basic Realm=\"emqx-dashboard\""
            return response
        }
        return nil
    }

    // MARK: Responses

    static func json(_ value: EMQXJSON, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: value.rendered)))
    }

    static func error(_ status: HTTPResponse.Status, _ code: String, _ message: String) -> Response {
        json(.object([("code", .string(code)), ("message", .string(message))]), status: status)
    }

    /// EMQX's catch-all 404 (`emqx_dashboard_not_found`): the body follows the Accept header.
    static func pathNotFound(_ request: Request) -> Response {
        let accept = request.headers[.accept] ?? "text/html"
        let (type, body): (String, String) =
            if accept.hasPrefix("application/json") {
                ("application/json", "{\"code\": \"NOT_FOUND\", \"message\": \"Request Path Not Found\"}")
            } else if accept.hasPrefix("text/plain") {
                ("text/plain", "404 - NOT FOUND")
            } else {
                (
                    "text/html",
                    "<html><head><title>404 - NOT FOUND</title></head><body><h1>404 - NOT FOUND</h1></body></html>"
                )
            }
        return Response(
            status: .notFound, headers: [.contentType: type], body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}
