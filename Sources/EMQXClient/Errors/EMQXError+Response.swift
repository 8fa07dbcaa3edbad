import Foundation

extension EMQXError {
    /// The reasons EMQX reports in "error on node '<node>': <reason>" (spec 7.1), and the kind of each.
    private static let reasons: [(String, Kind)] = [
        ("already_started", .alreadyStarted),
        ("eviction_agent_busy", .evictionAgentBusy),
        ("nothing_to_balance", .nothingToBalance),
        ("not_started", .notStarted),
    ]

    /// Maps a non-2xx answer to an error, following spec section 7.1.
    ///
    /// - 401 and 403 are auth failures, whatever the body.
    /// - 404 with "Node not found" is the node-addressed error; any other 404 means the path itself does not exist
    ///   (the feature is absent), whether or not a body came with it.
    /// - 400 is told apart by its message: "Invalid nodes", "Nodes unavailable" (code `NOT_FOUND`), or one of the
    ///   coordinator's reasons (matched anywhere in the message, since EMQX before 5.1 printed raw Erlang terms);
    ///   otherwise a plain bad request (schema validation).
    /// - 503 with `RPC_ERROR` is an RPC failure; anything else is an unexpected response.
    static func fromResponse(status: Int, body: [UInt8], endpoint: EMQXEndpoint) -> EMQXError {
        let decoded = try? JSONDecoder().decode(EMQXErrorBody.self, from: Data(body))
        let code = decoded?.code
        let message = decoded?.message ?? Self.bodyText(body, status: status)
        func error(_ kind: Kind, nodes: [String] = []) -> EMQXError {
            EMQXError(
                kind: kind, httpStatus: status, code: code, message: message, node: endpoint.node, nodes: nodes,
                request: endpoint.summary)
        }
        switch status {
        case 401, 403:
            return error(.unauthorized)
        case 404:
            if message.hasPrefix("Node not found") { return error(.nodeNotFound) }
            return error(.featureAbsent)
        case 400:
            if message.hasPrefix("Invalid nodes") { return error(.invalidNodes, nodes: nodeList(in: message)) }
            if message.hasPrefix("Nodes unavailable") { return error(.nodesUnavailable, nodes: nodeList(in: message)) }
            if let reason = reasons.first(where: { message.contains($0.0) }) { return error(reason.1) }
            return error(.badRequest)
        case 503 where code == "RPC_ERROR":
            return error(.rpcError)
        default:
            return error(.unexpectedResponse)
        }
    }

    /// The node names inside the first `[...]` of an EMQX message printed with Erlang's `~p`:
    /// `['emqx2@h', 'emqx3@h']`, `[<<"bad_node">>]`, or unquoted atoms.
    static func nodeList(in message: String) -> [String] {
        guard let open = message.firstIndex(of: "["),
            let close = message[open...].firstIndex(of: "]")
        else { return [] }
        let inside = message[message.index(after: open)..<close]
        return inside.split(separator: ",").compactMap { item in
            var name = item.trimmingCharacters(in: .whitespacesAndNewlines)
            if name.hasPrefix("<<"), name.hasSuffix(">>") { name = String(name.dropFirst(2).dropLast(2)) }
            if name.count >= 2, let first = name.first, first == name.last, first == "'" || first == "\"" {
                name = String(name.dropFirst().dropLast())
            }
            return name.isEmpty ? nil : name
        }
    }

    private static func bodyText(_ body: [UInt8], status: Int) -> String {
        let text = String(decoding: body.prefix(512), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? "HTTP \(status) without a body" : text
    }
}
