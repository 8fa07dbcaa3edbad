/// Plans a rebalance as EMQX will run it, without I/O: the operator reads `/api/v5/nodes` (and `global_status`
/// for busy nodes), calls ``plan(loads:requestedNodes:thresholds:)``, publishes the plan, and starts the
/// rebalance only when it is not already balanced.
///
/// ## Guarantees
/// - Donors, recipients and the balance verdict are exactly what EMQX computes at `start` over the same nodes
///   (``BalanceTest``), so `isAlreadyBalanced` predicts `nothing_to_balance`.
/// - Participants are always named explicitly and never include an unavailable node: EMQX's default (every
///   running node, not availability-filtered) could make an evacuating node a recipient or crash the coordinator
///   on a busy donor (spec 9.2 item 4).
/// - The coordinator is a participant that is never evicted from: the least-loaded recipient (ties by name), so
///   that the process whose death aborts the whole rebalance sits on the node under least pressure. With no
///   recipients (already balanced) it is the least-loaded participant.
/// - Deterministic: the same input gives the same plan.
public enum RebalancePlanner {
    /// Plans over `loads` (every node EMQX lists, available or not).
    ///
    /// - Parameters:
    ///   - requestedNodes: `spec.nodes`; `nil` or empty means every available node.
    ///   - thresholds: the spec's thresholds (``BalanceThresholds/init(spec:)``).
    /// - Throws: ``PlanningError/unknownNodes(_:)`` when a requested node is not listed at all;
    ///   ``PlanningError/noCoordinator`` when no node is available.
    public static func plan(
        loads: [NodeLoad], requestedNodes: [String]? = nil, thresholds: BalanceThresholds = .emqxDefaults
    ) throws(PlanningError) -> RebalancePlan {
        let candidates: [NodeLoad]
        if let requestedNodes, !requestedNodes.isEmpty {
            let byName = Dictionary(loads.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
            let unknown = requestedNodes.filter { byName[$0] == nil }
            guard unknown.isEmpty else { throw .unknownNodes(unknown) }
            var seen = Set<String>()
            candidates = requestedNodes.compactMap { seen.insert($0).inserted ? byName[$0] : nil }
        } else {
            candidates = loads
        }
        let participants = candidates.filter(\.isAvailable)
        let unavailable = candidates.filter { !$0.isAvailable }.map(\.name)
        let verdict = BalanceTest.evaluate(participants, thresholds: thresholds)
        let pool = verdict.recipients.isEmpty ? participants : verdict.recipients
        guard let coordinator = pool.min(by: { ($0.connections, $0.name) < ($1.connections, $1.name) }) else {
            throw .noCoordinator
        }
        let excess = excess(of: verdict.donors.map(\.name), in: participants)
        return RebalancePlan(
            coordinator: coordinator.name, participants: participants.map(\.name), unavailableNodes: unavailable,
            verdict: verdict, connectionsToMove: excess.connections, sessionsToMove: excess.sessions)
    }

    /// How many connections and sessions `donors` hold above the participants' means (each rounded): what must
    /// still leave them for the load to be even. Used for the plan and, with current loads, for progress.
    public static func excess(of donors: [String], in participants: [NodeLoad]) -> (connections: Int64, sessions: Int64) {
        guard let meanConnections = BalanceTest.mean(participants.map(\.connections)),
            let meanSessions = BalanceTest.mean(participants.map(\.sessions))
        else { return (0, 0) }
        let donorSet = Set(donors)
        var connections = 0.0
        var sessions = 0.0
        for load in participants where donorSet.contains(load.name) {
            connections += max(0, Double(load.connections) - meanConnections)
            sessions += max(0, Double(load.sessions) - meanSessions)
        }
        return (Int64(connections.rounded()), Int64(sessions.rounded()))
    }
}
