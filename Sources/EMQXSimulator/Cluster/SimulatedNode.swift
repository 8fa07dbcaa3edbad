/// One EMQX node of the simulation: membership, eviction agent, coordinators, and the clients it holds.
struct SimulatedNode: Sendable {
    enum Membership: String, Sendable {
        case running
        case stopped
        /// Left the cluster; kept only so that indices stay stable.
        case removed
    }

    var name: String
    var membership: Membership = .running
    /// Simulation time (ms) of the last boot; uptime is measured from it.
    var bootTime: Int64
    var agent: EvictionAgent = .disabled
    /// The running evacuation coordinator, if any (in memory: lost on a crash).
    var evacuation: Evacuation?
    /// The `.evacuation` file: survives a restart.
    var persistedEvacuation: PersistedEvacuation?
    /// The rebalance this node coordinates, if any (in memory only).
    var rebalance: Rebalance?
    /// Generation of the evacuation timer; a timer event of another generation is stale.
    var evacuationTimer: UInt32 = 0
    /// Generation of the rebalance timer.
    var rebalanceTimer: UInt32 = 0
    /// Clients connected here (each also holds its session here).
    var connections = ContiguousArray<Int32>()
    /// Disconnected sessions held here, including migrated ones on virtual channels.
    var disconnectedSessions = ContiguousArray<Int32>()
    /// The load balancer's view of the node.
    var loadBalancerHealthy = true
    /// Consecutive probes that disagreed with ``loadBalancerHealthy``.
    var probeStreak = 0

    init(name: String, bootTime: Int64) {
        self.name = name
        self.bootTime = bootTime
    }

    var isRunning: Bool { membership == .running }
    /// EMQX's `is_node_available`: running and the eviction agent disabled.
    var isAvailable: Bool { isRunning && !agent.isEnabled }
    /// Whether an MQTT connect would be accepted.
    var acceptsConnections: Bool { isRunning && agent.allowsConnections }
    /// `connection_count()`: live connections.
    var connectionCount: Int { connections.count }
    /// `session_count()`: every channel, connected or not (durable sessions are not simulated).
    var sessionCount: Int { connections.count + disconnectedSessions.count }
}
