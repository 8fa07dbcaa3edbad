/// One entry of `global_status`'s `rebalances[]`: a running rebalance, seen from its coordinator (spec 6.2, 7.3).
///
/// A rebalance is ephemeral: when it ends, is stopped or aborts (a participant went down), its entry disappears
/// without a trace. Lenient where versions differ: RPC timeouts exist from EMQX 5.9 on; the goals and averages
/// appear once the coordinator has ticked, as floats.
public struct RebalanceCoordinatorStatus: Sendable, Hashable, Decodable {
    /// `node`: the node reporting it, i.e. the coordinator.
    public var node: String
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
    /// `donors`: nodes at or above the mean connection count at start.
    public var donors: [String]
    /// `recipients`: nodes below it.
    public var recipients: [String]
    /// `connection_goal`: the recipients' mean connection count at the last tick.
    public var connectionGoal: Double?
    /// `disconnected_session_goal`: the recipients' mean disconnected-session count at the last session tick.
    public var disconnectedSessionGoal: Double?
    /// `donor_conn_avg`: the donors' mean connection count at the last tick.
    public var donorConnectionAverage: Double?
    /// `donor_sess_avg`: the donors' mean disconnected-session count at the last session tick.
    public var donorSessionAverage: Double?

    public init(
        node: String, state: RebalanceState, coordinatorNode: String? = nil, donors: [String], recipients: [String],
        connectionEvictionRate: Int64 = 500, sessionEvictionRate: Int64 = 500
    ) {
        self.node = node
        self.state = state
        self.coordinatorNode = coordinatorNode ?? node
        self.donors = donors
        self.recipients = recipients
        self.connectionEvictionRate = connectionEvictionRate
        self.sessionEvictionRate = sessionEvictionRate
    }

    enum CodingKeys: String, CodingKey {
        case node, state, donors, recipients
        case coordinatorNode = "coordinator_node"
        case connectionEvictionRate = "connection_eviction_rate"
        case connectionEvictionRPCTimeout = "connection_eviction_rpc_timeout"
        case sessionEvictionRate = "session_eviction_rate"
        case sessionEvictionRPCTimeout = "session_eviction_rpc_timeout"
        case connectionGoal = "connection_goal"
        case disconnectedSessionGoal = "disconnected_session_goal"
        case donorConnectionAverage = "donor_conn_avg"
        case donorSessionAverage = "donor_sess_avg"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        node = try container.decode(String.self, forKey: .node)
        state = try container.decode(RebalanceState.self, forKey: .state)
        coordinatorNode = try container.decodeIfPresent(String.self, forKey: .coordinatorNode) ?? node
        connectionEvictionRate = container.lenientInt64(.connectionEvictionRate) ?? 0
        connectionEvictionRPCTimeout = container.lenientInt64(.connectionEvictionRPCTimeout).map { .milliseconds($0) }
        sessionEvictionRate = container.lenientInt64(.sessionEvictionRate) ?? 0
        sessionEvictionRPCTimeout = container.lenientInt64(.sessionEvictionRPCTimeout).map { .milliseconds($0) }
        donors = try container.stringList(.donors)
        recipients = try container.stringList(.recipients)
        connectionGoal = container.lenientDouble(.connectionGoal)
        disconnectedSessionGoal = container.lenientDouble(.disconnectedSessionGoal)
        donorConnectionAverage = container.lenientDouble(.donorConnectionAverage)
        donorSessionAverage = container.lenientDouble(.donorSessionAverage)
    }
}
