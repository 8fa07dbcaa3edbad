import EMQXClient

/// One EMQX node's load as the planner sees it.
///
/// `connections` are clients currently connected (EMQX `live_connections`); `sessions` are every session held on
/// the node, connected or not (EMQX `connections`): the two numbers EMQX's rebalance compares (spec 2.4, 7.4).
public struct NodeLoad: Sendable, Hashable {
    /// The EMQX node name.
    public var name: String
    /// Clients currently connected.
    public var connections: Int64
    /// Sessions held on the node, connected or not.
    public var sessions: Int64
    /// Whether the node can take part: running, and its eviction agent disabled (not evacuating, not a donor
    /// of another rebalance, no purge). EMQX refuses unavailable nodes in `nodes` (400 "Nodes unavailable").
    public var isAvailable: Bool

    public init(name: String, connections: Int64, sessions: Int64, isAvailable: Bool = true) {
        self.name = name
        self.connections = connections
        self.sessions = sessions
        self.isAvailable = isAvailable
    }

    /// The load of a node of a ``BrokerSnapshot``.
    public init(_ node: BrokerSnapshot.Node, isAvailable: Bool = true) {
        self.init(name: node.name, connections: node.connections, sessions: node.sessions, isAvailable: isAvailable)
    }

    /// The load of a `/api/v5/nodes` entry; a node that is not running, or whose agent is busy (`busyNodes`:
    /// nodes under evacuation or donors of a rebalance, read from `global_status`), is not available. Missing
    /// counts read 0.
    public init(_ node: EMQXNode, busyNodes: Set<String> = []) {
        self.init(
            name: node.name,
            connections: node.connections ?? 0,
            sessions: node.sessions ?? 0,
            isAvailable: node.isRunning && !busyNodes.contains(node.name)
        )
    }

    /// The node names whose eviction agent `status` shows enabled: evacuating nodes, rebalance donors, and every
    /// node during a purge (the purge blocks the whole cluster).
    public static func busyNodes(in status: EMQXGlobalStatus, allNodes: [String]) -> Set<String> {
        if !status.purges.isEmpty { return Set(allNodes) }
        var busy = Set(status.evacuations.compactMap(\.node))
        for rebalance in status.rebalances { busy.formUnion(rebalance.donors) }
        return busy
    }
}
