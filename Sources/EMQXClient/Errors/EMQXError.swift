/// A failed EMQX API call, with what the user needs to act on it.
///
/// `kind` says what went wrong (one kind per documented EMQX error, spec section 7.1, plus transport trouble);
/// `code` and `message` are EMQX's own (`{"code": ..., "message": ...}`), kept verbatim for status conditions and
/// events; ``isRetryable`` tells "retry later" from "do not retry". New kinds may be added without breaking
/// callers: compare with `==` (`error.kind == .alreadyStarted`) rather than switching exhaustively.
public struct EMQXError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong. A struct over a private enum, so that new kinds do not break callers.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case nodeNotFound, invalidNodes, nodesUnavailable, alreadyStarted, evictionAgentBusy, nothingToBalance
            case notStarted, badRequest, rpcError, unauthorized, featureAbsent, transport, timeout, unexpectedResponse
            case invalidConfiguration
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// 404 `NOT_FOUND` "Node not found: <node>": the node in the path is not running in the cluster. Do not
        /// retry as is: re-read the node list (a restarting node comes back under its name).
        public static let nodeNotFound = Kind(.nodeNotFound)
        /// 400 `BAD_REQUEST` "Invalid nodes: [...]": a `nodes` or `migrate_to` entry EMQX has never heard of.
        public static let invalidNodes = Kind(.invalidNodes)
        /// 400 with code `NOT_FOUND` "Nodes unavailable: [...]": known nodes that are down or busy (their eviction
        /// agent is enabled). Retry later, or plan without them.
        public static let nodesUnavailable = Kind(.nodesUnavailable)
        /// 400 "error on node ...: already_started": an evacuation or rebalance already runs there (adopt it).
        public static let alreadyStarted = Kind(.alreadyStarted)
        /// 400 "...: eviction_agent_busy": the node is a rebalance donor or under purge; retry once that ends.
        public static let evictionAgentBusy = Kind(.evictionAgentBusy)
        /// 400 "...: nothing_to_balance": EMQX's balance test already holds (a success for the caller).
        public static let nothingToBalance = Kind(.nothingToBalance)
        /// 400 "...: not_started": a stop found nothing running (the stop's goal already holds).
        public static let notStarted = Kind(.notStarted)
        /// Any other 400 (schema validation of the body, an unknown reason).
        public static let badRequest = Kind(.badRequest)
        /// 503 `RPC_ERROR`: the node-to-node call failed (node down, RPC timeout, coordinator crash). Retry later.
        public static let rpcError = Kind(.rpcError)
        /// 401 or 403: the API key or secret is wrong, or lacks permission.
        public static let unauthorized = Kind(.unauthorized)
        /// 404 on the path itself: this EMQX has no `load_rebalance` API (community edition, or too old).
        public static let featureAbsent = Kind(.featureAbsent)
        /// The request did not get an answer: connection refused or reset, TLS failure, DNS. Retry later.
        public static let transport = Kind(.transport)
        /// No complete answer within the configured timeout. Retry later.
        public static let timeout = Kind(.timeout)
        /// An answer this client does not understand: another status, or a body that does not decode.
        public static let unexpectedResponse = Kind(.unexpectedResponse)
        /// The client configuration is unusable (bad URL, unreadable CA).
        public static let invalidConfiguration = Kind(.invalidConfiguration)

        public var description: String { base.rawValue }
    }

    /// What went wrong.
    public var kind: Kind
    /// The HTTP status, when EMQX answered.
    public var httpStatus: Int?
    /// EMQX's error code (`NOT_FOUND`, `BAD_REQUEST`, `RPC_ERROR`, `NODE_EVACUATING`, ...), when it sent one.
    public var code: String?
    /// EMQX's message verbatim, or a description of the transport failure.
    public var message: String
    /// The node named in the request path (start and stop calls), if any.
    public var node: String?
    /// The nodes EMQX listed as invalid or unavailable (parsed from its message), otherwise empty.
    public var nodes: [String]
    /// The request, as `METHOD /api/v5/...`.
    public var request: String?

    public init(
        kind: Kind,
        httpStatus: Int? = nil,
        code: String? = nil,
        message: String,
        node: String? = nil,
        nodes: [String] = [],
        request: String? = nil
    ) {
        self.kind = kind
        self.httpStatus = httpStatus
        self.code = code
        self.message = message
        self.node = node
        self.nodes = nodes
        self.request = request
    }

    /// Whether the same call may succeed later without the caller changing anything.
    ///
    /// True for transport failures, timeouts, `RPC_ERROR`, unavailable nodes, a busy eviction agent, and other 5xx
    /// or 429 answers. False for everything that states a fact (`already_started`, `not_started`,
    /// `nothing_to_balance`, node not found, feature absent) or a mistake (bad request, invalid nodes, auth).
    public var isRetryable: Bool {
        switch kind {
        case .transport, .timeout, .rpcError, .nodesUnavailable, .evictionAgentBusy:
            return true
        case .unexpectedResponse:
            guard let httpStatus else { return false }
            return httpStatus >= 500 || httpStatus == 429
        default:
            return false
        }
    }

    public var description: String {
        var parts = ["EMQX \(kind)"]
        if let request { parts.append("on \(request)") }
        if let httpStatus { parts.append("HTTP \(httpStatus)") }
        if let code { parts.append(code) }
        return parts.joined(separator: " ") + ": " + message
    }
}
