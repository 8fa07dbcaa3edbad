/// The body of `POST /api/v5/load_rebalance/{node}/start` (spec sections 5.1 and 7.2).
///
/// Encodes to EMQX's flat JSON object. Every field is optional: `nil` is omitted so that EMQX applies its own
/// default (shown per property). Waits are sent as whole-second strings (`"60s"`), RPC timeouts as `"15s"` or
/// `"1500ms"`, relative thresholds as JSON numbers; an empty `nodes` is omitted (every running node).
public struct RebalanceStartRequest: Sendable, Hashable, Encodable {
    /// `nodes`: participants. EMQX default: every running node (not filtered by availability).
    public var nodes: [String]?
    /// `wait_health_check`: time donors report unavailable before they refuse connections. EMQX default 60 s.
    public var waitHealthCheck: Duration?
    /// `conn_evict_rate`: connections evicted per second from each donor. EMQX default 500.
    public var connEvictRate: Int?
    /// `conn_evict_rpc_timeout`: EMQX 5.9+. EMQX default 15 s.
    public var connEvictRPCTimeout: Duration?
    /// `sess_evict_rate`: disconnected sessions migrated per second from each donor. EMQX default 500.
    public var sessEvictRate: Int?
    /// `sess_evict_rpc_timeout`: EMQX 5.9+. EMQX default 15 s.
    public var sessEvictRPCTimeout: Duration?
    /// `abs_conn_threshold`: balanced when the donors' mean is at most the recipients' mean plus this. Default 1000.
    public var absConnThreshold: Int?
    /// `rel_conn_threshold`: balanced when the donors' mean is at most the recipients' mean times this (> 1.0).
    /// Default 1.1.
    public var relConnThreshold: Double?
    /// `abs_sess_threshold`: as `absConnThreshold`, for sessions. Default 1000.
    public var absSessThreshold: Int?
    /// `rel_sess_threshold`: as `relConnThreshold`, for sessions. Default 1.1.
    public var relSessThreshold: Double?
    /// `wait_takeover`: pause between the connection and the session phase. EMQX default 60 s.
    public var waitTakeover: Duration?

    public init(
        nodes: [String]? = nil,
        waitHealthCheck: Duration? = nil,
        connEvictRate: Int? = nil,
        connEvictRPCTimeout: Duration? = nil,
        sessEvictRate: Int? = nil,
        sessEvictRPCTimeout: Duration? = nil,
        absConnThreshold: Int? = nil,
        relConnThreshold: Double? = nil,
        absSessThreshold: Int? = nil,
        relSessThreshold: Double? = nil,
        waitTakeover: Duration? = nil
    ) {
        self.nodes = nodes
        self.waitHealthCheck = waitHealthCheck
        self.connEvictRate = connEvictRate
        self.connEvictRPCTimeout = connEvictRPCTimeout
        self.sessEvictRate = sessEvictRate
        self.sessEvictRPCTimeout = sessEvictRPCTimeout
        self.absConnThreshold = absConnThreshold
        self.relConnThreshold = relConnThreshold
        self.absSessThreshold = absSessThreshold
        self.relSessThreshold = relSessThreshold
        self.waitTakeover = waitTakeover
    }

    enum CodingKeys: String, CodingKey {
        case nodes
        case waitHealthCheck = "wait_health_check"
        case connEvictRate = "conn_evict_rate"
        case connEvictRPCTimeout = "conn_evict_rpc_timeout"
        case sessEvictRate = "sess_evict_rate"
        case sessEvictRPCTimeout = "sess_evict_rpc_timeout"
        case absConnThreshold = "abs_conn_threshold"
        case relConnThreshold = "rel_conn_threshold"
        case absSessThreshold = "abs_sess_threshold"
        case relSessThreshold = "rel_sess_threshold"
        case waitTakeover = "wait_takeover"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        if let nodes, !nodes.isEmpty { try container.encode(nodes, forKey: .nodes) }
        try container.encodeIfPresent(waitHealthCheck.map(EMQXDurationText.seconds), forKey: .waitHealthCheck)
        try container.encodeIfPresent(connEvictRate, forKey: .connEvictRate)
        try container.encodeIfPresent(connEvictRPCTimeout.map(EMQXDurationText.milliseconds), forKey: .connEvictRPCTimeout)
        try container.encodeIfPresent(sessEvictRate, forKey: .sessEvictRate)
        try container.encodeIfPresent(sessEvictRPCTimeout.map(EMQXDurationText.milliseconds), forKey: .sessEvictRPCTimeout)
        try container.encodeIfPresent(absConnThreshold, forKey: .absConnThreshold)
        try container.encodeIfPresent(relConnThreshold, forKey: .relConnThreshold)
        try container.encodeIfPresent(absSessThreshold, forKey: .absSessThreshold)
        try container.encodeIfPresent(relSessThreshold, forKey: .relSessThreshold)
        try container.encodeIfPresent(waitTakeover.map(EMQXDurationText.seconds), forKey: .waitTakeover)
    }
}
