/// One reading of an EMQX cluster's state, as the reconcilers decide on it: per node load from `/api/v5/nodes`
/// and the running evacuations and rebalances from `load_rebalance/global_status`.
///
/// Counts use this project's words: `connections` are clients connected now (EMQX `live_connections`),
/// `sessions` are sessions held, connected or not (EMQX `connections`).
public struct BrokerSnapshot: Sendable, Hashable {
    public struct Node: Sendable, Hashable {
        public var name: String
        public var isRunning: Bool
        public var connections: Int64
        public var sessions: Int64
        /// Milliseconds since the node started; a smaller value than before means it restarted.
        public var uptimeMilliseconds: Int64?
        public var version: String?

        public init(name: String, isRunning: Bool = true, connections: Int64 = 0, sessions: Int64 = 0, uptimeMilliseconds: Int64? = nil, version: String? = nil) {
            self.name = name
            self.isRunning = isRunning
            self.connections = connections
            self.sessions = sessions
            self.uptimeMilliseconds = uptimeMilliseconds
            self.version = version
        }
    }

    /// One entry of `global_status.evacuations`.
    public struct Evacuation: Sendable, Hashable {
        public var node: String
        /// EMQX's state string: `waiting_health_check`, `evicting_conns`, `waiting_takeover`, `evicting_sessions`,
        /// `prohibiting`.
        public var state: String
        public var initialConnections: Int64
        public var currentConnections: Int64
        public var initialSessions: Int64
        public var currentSessions: Int64

        public init(node: String, state: String, initialConnections: Int64 = 0, currentConnections: Int64 = 0, initialSessions: Int64 = 0, currentSessions: Int64 = 0) {
            self.node = node
            self.state = state
            self.initialConnections = initialConnections
            self.currentConnections = currentConnections
            self.initialSessions = initialSessions
            self.currentSessions = currentSessions
        }
    }

    /// One entry of `global_status.rebalances` (one per coordinator).
    public struct Rebalance: Sendable, Hashable {
        public var coordinator: String
        public var state: String
        public var donors: [String]
        public var recipients: [String]

        public init(coordinator: String, state: String, donors: [String], recipients: [String]) {
            self.coordinator = coordinator
            self.state = state
            self.donors = donors
            self.recipients = recipients
        }

        /// Every node whose eviction agent the rebalance holds (donors) or that receives its clients.
        public var participants: Set<String> { Set(donors + recipients + [coordinator]) }
    }

    public var nodes: [Node]
    public var evacuations: [Evacuation]
    public var rebalances: [Rebalance]

    public init(nodes: [Node], evacuations: [Evacuation] = [], rebalances: [Rebalance] = []) {
        self.nodes = nodes
        self.evacuations = evacuations
        self.rebalances = rebalances
    }

    public func node(named name: String) -> Node? { nodes.first { $0.name == name } }

    public func evacuation(of node: String) -> Evacuation? { evacuations.first { $0.node == node } }

    /// The running rebalance a node takes part in, if any.
    public func rebalance(involving node: String) -> Rebalance? { rebalances.first { $0.participants.contains(node) } }

    /// Nodes whose eviction agent an operation holds: evacuating nodes and rebalance donors. EMQX refuses them as
    /// participants of another operation.
    public var busyNodes: Set<String> {
        Set(evacuations.map(\.node)).union(rebalances.flatMap(\.donors))
    }

    /// Running nodes that accept new clients: not busy (an evacuating node or a donor refuses them).
    public var acceptingNodes: [Node] {
        let busy = busyNodes
        return nodes.filter { $0.isRunning && !busy.contains($0.name) }
    }
}
