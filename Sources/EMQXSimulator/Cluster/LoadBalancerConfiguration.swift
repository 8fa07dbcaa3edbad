/// The load balancer that simulated clients connect through: round robin over the nodes it considers healthy.
///
/// Like HAProxy with `option httpchk` on `/api/v5/load_rebalance/availability_check`, it probes every node each
/// `probeInterval`, takes a node out after `fall` failed probes in a row and back in after `rise` passed ones.
/// A probe passes when the node runs and its eviction agent is disabled (the availability check's rule). The
/// probes read the node directly, so a simulated API outage does not take nodes out.
public struct LoadBalancerConfiguration: Sendable {
    /// Time between probes. Default 1 s.
    public var probeInterval: Duration
    /// Failed probes in a row that take a node out. Default 2.
    public var fall: Int
    /// Passed probes in a row that bring a node back. Default 2.
    public var rise: Int

    public init(probeInterval: Duration = .seconds(1), fall: Int = 2, rise: Int = 2) {
        self.probeInterval = probeInterval
        self.fall = fall
        self.rise = rise
    }
}
