/// The simulator's truth, as `GET /sim/v1/stats` serves it: per node counts and states, cluster totals, and
/// what happened to clients. Every number is counted per client, not derived from totals.
public struct SimulatorStats: Codable, Sendable, Equatable {
    public struct Node: Codable, Sendable, Equatable {
        public var name: String
        /// `running` or `stopped`.
        public var status: String
        /// Live connections (EMQX `/nodes` `live_connections`).
        public var connections: Int
        /// Channels, connected or not (EMQX `/nodes` `connections`).
        public var sessions: Int
        public var disconnectedSessions: Int
        /// The availability check passes (running, eviction agent disabled).
        public var available: Bool
        /// An MQTT connect would be accepted.
        public var acceptingConnections: Bool
        /// The load balancer currently sends clients here.
        public var loadBalancerHealthy: Bool
        /// Evacuation state string, if one runs here.
        public var evacuationState: String?
        /// State of the rebalance this node coordinates, if any.
        public var rebalanceState: String?
        /// `coordinator`, `donor`, `recipient`, or a combination joined by `+`; nil when in no rebalance.
        public var rebalanceRole: String?
        /// Milliseconds since boot; 0 when stopped.
        public var uptimeMilliseconds: Int
    }

    public struct Totals: Codable, Sendable, Equatable {
        public var clients: Int
        public var persistentClients: Int
        public var connections: Int
        public var sessions: Int
        public var disconnectedSessions: Int
    }

    /// Simulation time in milliseconds.
    public var timeMilliseconds: Int
    public var nodes: [Node]
    public var totals: Totals
    /// Persistent sessions lost: expired, or gone with a node that crashed or left.
    public var sessionsLost: Int
    /// Clients whose latest connect attempt found no node.
    public var clientsWithoutNode: Int
    /// Clients that at some point found no node.
    public var clientsEverWithoutNode: Int
    public var counters: SimulationCounters
}

extension SimulationCore {
    func stats() -> SimulatorStats {
        var roles: [Int: [String]] = [:]
        for coordinator in nodes.indices {
            guard let machine = nodes[coordinator].rebalance else { continue }
            roles[coordinator, default: []].append("coordinator")
            for donor in machine.donors { roles[donor, default: []].append("donor") }
            for recipient in machine.recipients { roles[recipient, default: []].append("recipient") }
        }
        let nodeStats = nodes.indices.filter { nodes[$0].membership != .removed }.map { index in
            let node = nodes[index]
            return SimulatorStats.Node(
                name: node.name, status: node.isRunning ? "running" : "stopped",
                connections: node.connectionCount, sessions: node.sessionCount,
                disconnectedSessions: node.disconnectedSessions.count, available: node.isAvailable,
                acceptingConnections: node.acceptsConnections, loadBalancerHealthy: node.loadBalancerHealthy,
                evacuationState: node.evacuation?.state.rawValue, rebalanceState: node.rebalance?.state.rawValue,
                rebalanceRole: roles[index]?.joined(separator: "+"),
                uptimeMilliseconds: node.isRunning ? Int(now - node.bootTime) : 0)
        }
        let persistent = clients.flags.reduce(0) { $0 + ($1.contains(.persistent) ? 1 : 0) }
        let totals = SimulatorStats.Totals(
            clients: clients.count, persistentClients: persistent,
            connections: nodeStats.reduce(0) { $0 + $1.connections },
            sessions: nodeStats.reduce(0) { $0 + $1.sessions },
            disconnectedSessions: nodeStats.reduce(0) { $0 + $1.disconnectedSessions })
        return SimulatorStats(
            timeMilliseconds: Int(now), nodes: nodeStats, totals: totals,
            sessionsLost: counters.sessionsExpired + counters.sessionsLostWithNode,
            clientsWithoutNode: clientsWithoutNode, clientsEverWithoutNode: clientsEverWithoutNode,
            counters: counters)
    }
}
