import EMQXClient

/// What EMQX says about a running rebalance attempt, mapped to ClusterRebalance status values.
public struct RebalanceObservation: Sendable, Hashable {
    /// Why an attempt counts as interrupted (EMQX aborts without a trace, spec 5.6).
    public enum Interruption: Sendable, Hashable, CustomStringConvertible {
        /// The coordinator's entry left `global_status` before EMQX's balance test held.
        case coordinatorEntryVanished(lastState: RebalanceState?)
        /// A participant (or the coordinator) is no longer listed as running.
        case nodeStopped(String)
        /// A participant (or the coordinator) restarted during the attempt: its uptime went back.
        case nodeRestarted(String)

        public var description: String {
            switch self {
            case .coordinatorEntryVanished(let state):
                "the rebalance left EMQX's global status before the load was balanced"
                    + (state.map { " (last state \($0))" } ?? "")
            case .nodeStopped(let node): "node \(node) stopped during the rebalance"
            case .nodeRestarted(let node): "node \(node) restarted during the rebalance"
            }
        }
    }

    /// Where the attempt stands.
    public enum Signal: Sendable, Hashable {
        /// EMQX runs it, in this state.
        case running(RebalanceState)
        /// EMQX ended it and its balance test holds over the participants: outcome `Balanced`.
        case balanced
        /// EMQX ended it by itself (it was last seen in `evicting_sessions`, no node went down) but the balance
        /// test does not hold over total sessions (EMQX's session phase only looks at disconnected ones, spec 9.2
        /// item 3): outcome `NotBalanced`.
        case notBalanced
        /// It was aborted or stopped: outcome `Interrupted`; re-plan over the nodes still up and retry.
        case interrupted([Interruption])
    }

    public var signal: Signal
    /// The phase this implies: `Rebalancing` while running, `Completed` once balanced; after an interruption or
    /// `NotBalanced`, the reconciler decides between a retry and `Failed` (``RebalancePhaseMapping/canRetry(attempts:retryLimit:)``).
    public var phase: ClusterRebalance.Phase
    /// The attempt's outcome once it ended; `nil` while running.
    public var outcome: ClusterRebalance.Outcome?
    /// Moved off the donors so far: the plan's amounts minus what the donors still hold above the mean.
    public var moved: ClusterRebalance.Status.Moved
    /// Percent of the planned move done, 0...100 (100 once balanced).
    public var percent: Int
    /// Per participant, the counts read now (stopped participants are left out).
    public var nodes: [ClusterRebalance.Status.NodeCounts]
    /// EMQX's balance test over the running participants now.
    public var verdict: BalanceTest.Verdict
    /// EMQX's state now, to remember as the attempt's `lastSeenState`.
    public var emqxState: RebalanceState?
    /// Uptimes now, to remember as the attempt's `previousUptimes`.
    public var uptimes: [String: Duration]
}
