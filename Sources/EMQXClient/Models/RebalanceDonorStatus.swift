/// The local status of a node that is a donor in a running rebalance (spec 6.1, 7.3).
///
/// Recipients, and a coordinator that is not itself a donor, report `disabled` locally: use
/// ``EMQXGlobalStatus/rebalances`` to follow a rebalance. Lenient where versions differ: the RPC timeouts exist
/// from EMQX 5.9 on (`nil` before); the goals appear only once the coordinator has ticked.
public struct RebalanceDonorStatus: Sendable, Hashable, Decodable {
    /// `state`.
    public var state: RebalanceState
    /// `coordinator_node`.
    public var coordinatorNode: String
    /// `connection_eviction_rate`.
    public var connectionEvictionRate: Int64
    /// `connection_eviction_rpc_timeout` (EMQX sends milliseconds; 5.9+).
    public var connectionEvictionRPCTimeout: Duration?
    /// `session_eviction_rate`.
    public var sessionEvictionRate: Int64
    /// `session_eviction_rpc_timeout` (EMQX sends milliseconds; 5.9+).
    public var sessionEvictionRPCTimeout: Duration?
    /// `recipients`.
    public var recipients: [String]
    /// `connection_goal`: the recipients' mean connection count (a float), once the coordinator has ticked.
    public var connectionGoal: Double?
    /// `disconnected_session_goal`: the recipients' mean disconnected-session count, once the session phase ticked.
    public var disconnectedSessionGoal: Double?
    /// `stats`: this donor's initial counts and its live counts.
    public var stats: EvictionStats

    public init(
        state: RebalanceState, coordinatorNode: String, recipients: [String], stats: EvictionStats,
        connectionEvictionRate: Int64 = 500, sessionEvictionRate: Int64 = 500, connectionGoal: Double? = nil,
        disconnectedSessionGoal: Double? = nil
    ) {
        self.state = state
        self.coordinatorNode = coordinatorNode
        self.recipients = recipients
        self.stats = stats
        self.connectionEvictionRate = connectionEvictionRate
        self.sessionEvictionRate = sessionEvictionRate
        self.connectionGoal = connectionGoal
        self.disconnectedSessionGoal = disconnectedSessionGoal
    }

    enum CodingKeys: String, CodingKey {
        case state, recipients, stats
        case coordinatorNode = "coordinator_node"
        case connectionEvictionRate = "connection_eviction_rate"
        case connectionEvictionRPCTimeout = "connection_eviction_rpc_timeout"
        case sessionEvictionRate = "session_eviction_rate"
        case sessionEvictionRPCTimeout = "session_eviction_rpc_timeout"
        case connectionGoal = "connection_goal"
        case disconnectedSessionGoal = "disconnected_session_goal"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        state = try container.decode(RebalanceState.self, forKey: .state)
        coordinatorNode = try container.decode(String.self, forKey: .coordinatorNode)
        connectionEvictionRate = container.lenientInt64(.connectionEvictionRate) ?? 0
        connectionEvictionRPCTimeout = container.lenientInt64(.connectionEvictionRPCTimeout).map { .milliseconds($0) }
        sessionEvictionRate = container.lenientInt64(.sessionEvictionRate) ?? 0
        sessionEvictionRPCTimeout = container.lenientInt64(.sessionEvictionRPCTimeout).map { .milliseconds($0) }
        recipients = try container.stringList(.recipients)
        connectionGoal = container.lenientDouble(.connectionGoal)
        disconnectedSessionGoal = container.lenientDouble(.disconnectedSessionGoal)
        stats = try container.decode(EvictionStats.self, forKey: .stats)
    }
}
