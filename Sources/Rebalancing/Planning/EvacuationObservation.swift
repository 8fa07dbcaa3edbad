import EMQXClient

/// What EMQX says about a NodeEvacuation's target nodes, mapped to the resource's status values.
public struct EvacuationObservation: Sendable, Hashable {
    /// The resource's phase from EMQX: the least advanced target's. `nil` when no target's state is known
    /// (every target has an unknown state string): keep the previous phase.
    /// `.pending` when some target has no evacuation running (see ``notRunning``).
    public var phase: NodeEvacuation.Phase?
    /// Per target: name, EMQX state, initial counts (EMQX's snapshot) and current counts (live from
    /// `/api/v5/nodes` when the node is running, else EMQX's snapshot). `pod` and `podUID` are left for the
    /// reconciler to fill.
    public var brokerNodes: [NodeEvacuation.Status.BrokerNode]
    /// Percent of the initial connections and sessions moved off (floor), 0...100; 100 once evacuated, 0 while
    /// no initial counts are known.
    public var progress: Int
    /// Targets without an evacuation entry in `global_status`: never started, stopped by someone, or their node
    /// is unreachable (EMQX omits nodes whose RPC fails; see ``downNodes``).
    public var notRunning: [String]
    /// Targets `/api/v5/nodes` does not list as running: no start or stop can reach them now.
    public var downNodes: [String]

    /// Every target is in `prohibiting`: EMQX counted no connection and no session left (the `Ready` condition).
    public var isEvacuated: Bool { phase == .evacuated }
}
