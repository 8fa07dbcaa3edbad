/// The body of `POST /api/v5/load_rebalance/{node}/evacuation/start` (spec sections 3.1 and 7.2).
///
/// Encodes to EMQX's flat JSON object. Every field is optional: `nil` is omitted so that EMQX applies its own
/// default (shown per property). Durations are sent as whole-second strings (`"60s"`); an empty `migrateTo` is
/// omitted (every other running node).
public struct EvacuationStartRequest: Sendable, Hashable, Encodable {
    /// `wait_health_check`: time the node reports unavailable while still accepting connections. EMQX default 60 s.
    public var waitHealthCheck: Duration?
    /// `conn_evict_rate`: connections evicted per second. EMQX default 500.
    public var connEvictRate: Int?
    /// `sess_evict_rate`: sessions migrated per second. EMQX default 500.
    public var sessEvictRate: Int?
    /// `wait_takeover`: pause after the last connection left, for clients to take their sessions over elsewhere.
    /// EMQX default 60 s.
    public var waitTakeover: Duration?
    /// `migrate_to`: nodes that receive migrated sessions. EMQX default: every running node but this one.
    public var migrateTo: [String]?
    /// `redirect_to`: Server-Reference for MQTT v5 clients. EMQX 5.9 accepts it over HTTP and ignores it (§9.2).
    public var redirectTo: String?

    public init(
        waitHealthCheck: Duration? = nil,
        connEvictRate: Int? = nil,
        sessEvictRate: Int? = nil,
        waitTakeover: Duration? = nil,
        migrateTo: [String]? = nil,
        redirectTo: String? = nil
    ) {
        self.waitHealthCheck = waitHealthCheck
        self.connEvictRate = connEvictRate
        self.sessEvictRate = sessEvictRate
        self.waitTakeover = waitTakeover
        self.migrateTo = migrateTo
        self.redirectTo = redirectTo
    }

    enum CodingKeys: String, CodingKey {
        case waitHealthCheck = "wait_health_check"
        case connEvictRate = "conn_evict_rate"
        case sessEvictRate = "sess_evict_rate"
        case waitTakeover = "wait_takeover"
        case migrateTo = "migrate_to"
        case redirectTo = "redirect_to"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(waitHealthCheck.map(EMQXDurationText.seconds), forKey: .waitHealthCheck)
        try container.encodeIfPresent(connEvictRate, forKey: .connEvictRate)
        try container.encodeIfPresent(sessEvictRate, forKey: .sessEvictRate)
        try container.encodeIfPresent(waitTakeover.map(EMQXDurationText.seconds), forKey: .waitTakeover)
        if let migrateTo, !migrateTo.isEmpty { try container.encode(migrateTo, forKey: .migrateTo) }
        try container.encodeIfPresent(redirectTo, forKey: .redirectTo)
    }
}
