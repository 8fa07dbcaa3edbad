/// The EMQX edition a simulated cluster reports (`edition` in `/api/v5/nodes`).
public enum EMQXEdition: String, Sendable {
    /// Has node evacuation and cluster rebalance.
    case enterprise = "Enterprise"
    /// Has neither: the `load_rebalance` and `node_eviction` paths are not routed.
    case opensource = "Opensource"
}
