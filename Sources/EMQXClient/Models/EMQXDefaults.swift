/// EMQX 5.9's defaults for evacuation and rebalance parameters (`emqx_node_rebalance` schema), in one place.
///
/// The CRDs' schema defaults, the requests the operator sends and the planner's thresholds all read these, so a
/// field left out of a resource means what it means to EMQX.
public enum EMQXDefaults {
    /// `conn_evict_rate`: connections evicted per second per node.
    public static let connEvictRate = 500
    /// `sess_evict_rate`: sessions migrated per second per node.
    public static let sessEvictRate = 500
    /// `wait_health_check`, seconds: how long a node refuses clients before it starts evicting (load balancers see it).
    public static let waitHealthCheckSeconds = 60
    /// `wait_takeover`, seconds: how long evicted clients get to take their sessions over before sessions move.
    public static let waitTakeoverSeconds = 60
    /// `abs_conn_threshold`.
    public static let absConnThreshold = 1000
    /// `rel_conn_threshold`.
    public static let relConnThreshold = 1.1
    /// `abs_sess_threshold`.
    public static let absSessThreshold = 1000
    /// `rel_sess_threshold`.
    public static let relSessThreshold = 1.1
    /// `rel_conn_threshold` and `rel_sess_threshold` as the decimal strings the CRDs carry.
    public static let relThresholdText = "1.1"
}
