/// A rebalance planned with EMQX's own rule (spec 5.2): who coordinates, who takes part, who gives and who takes,
/// how much must move, and whether EMQX would find nothing to balance.
public struct RebalancePlan: Sendable, Hashable {
    /// The node whose API path starts the rebalance (`POST /load_rebalance/{coordinator}/start`).
    public var coordinator: String
    /// The nodes to send as `nodes`: requested (or all known) nodes that are available.
    public var participants: [String]
    /// Requested (or known) nodes left out because they are down or busy; a retry may include them again.
    public var unavailableNodes: [String]
    /// EMQX's balance test over the participants.
    public var verdict: BalanceTest.Verdict
    /// Connections that must leave the donors for the participants' connections to be even (rounded).
    public var connectionsToMove: Int64
    /// Sessions that must leave the donors for the participants' sessions to be even (rounded).
    public var sessionsToMove: Int64

    public init(
        coordinator: String, participants: [String], unavailableNodes: [String], verdict: BalanceTest.Verdict,
        connectionsToMove: Int64, sessionsToMove: Int64
    ) {
        self.coordinator = coordinator
        self.participants = participants
        self.unavailableNodes = unavailableNodes
        self.verdict = verdict
        self.connectionsToMove = connectionsToMove
        self.sessionsToMove = sessionsToMove
    }

    /// Nodes clients move away from: at or above the mean connection count.
    public var donors: [String] { verdict.donors.map(\.name) }
    /// Nodes clients move to: below the mean.
    public var recipients: [String] { verdict.recipients.map(\.name) }
    /// EMQX would answer `nothing_to_balance`: the result is `AlreadyBalanced`, a success.
    public var isAlreadyBalanced: Bool { verdict.isBalanced }

    /// The value for `ClusterRebalance.status.plan`.
    public var status: ClusterRebalance.Status.Plan {
        ClusterRebalance.Status.Plan(
            coordinator: coordinator, donors: donors, recipients: recipients, connectionsToMove: connectionsToMove,
            sessionsToMove: sessionsToMove)
    }
}
