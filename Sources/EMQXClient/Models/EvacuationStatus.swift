/// An evacuation's status: the local status of an evacuating node, or one entry of `global_status`'s
/// `evacuations[]` (spec 6.1, 6.2, 7.3).
///
/// Lenient where versions differ: goals may be integers or floats; a missing `session_recipients` reads `[]`.
public struct EvacuationStatus: Sendable, Hashable, Decodable {
    /// `node`: the evacuating node. Present in `global_status` entries, absent in the local status.
    public var node: String?
    /// `state`.
    public var state: EvacuationState
    /// `connection_eviction_rate`: connections evicted per second.
    public var connectionEvictionRate: Int64
    /// `session_eviction_rate`: sessions migrated per second.
    public var sessionEvictionRate: Int64
    /// `connection_goal`: always 0 for an evacuation.
    public var connectionGoal: Double
    /// `session_goal`: always 0 for an evacuation.
    public var sessionGoal: Double
    /// `session_recipients`: the migration targets available now.
    public var sessionRecipients: [String]
    /// `stats`: snapshot counts.
    public var stats: EvictionStats

    public init(
        node: String? = nil, state: EvacuationState, connectionEvictionRate: Int64 = 500, sessionEvictionRate: Int64 = 500,
        sessionRecipients: [String] = [], stats: EvictionStats
    ) {
        self.node = node
        self.state = state
        self.connectionEvictionRate = connectionEvictionRate
        self.sessionEvictionRate = sessionEvictionRate
        self.connectionGoal = 0
        self.sessionGoal = 0
        self.sessionRecipients = sessionRecipients
        self.stats = stats
    }

    enum CodingKeys: String, CodingKey {
        case node, state, stats
        case connectionEvictionRate = "connection_eviction_rate"
        case sessionEvictionRate = "session_eviction_rate"
        case connectionGoal = "connection_goal"
        case sessionGoal = "session_goal"
        case sessionRecipients = "session_recipients"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        node = try container.decodeIfPresent(String.self, forKey: .node)
        state = try container.decode(EvacuationState.self, forKey: .state)
        connectionEvictionRate = container.lenientInt64(.connectionEvictionRate) ?? 0
        sessionEvictionRate = container.lenientInt64(.sessionEvictionRate) ?? 0
        connectionGoal = container.lenientDouble(.connectionGoal) ?? 0
        sessionGoal = container.lenientDouble(.sessionGoal) ?? 0
        sessionRecipients = try container.stringList(.sessionRecipients)
        stats = try container.decode(EvictionStats.self, forKey: .stats)
    }
}
