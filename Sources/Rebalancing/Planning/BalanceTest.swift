/// EMQX's balance test (spec 5.2), as a pure function: would EMQX answer `nothing_to_balance`?
///
/// 1. The mean connection count `avg = Σ connections / n` (a float) splits the nodes: **donors** have
///    `connections >= avg`, **recipients** `connections < avg`. Sessions play no part in the split.
/// 2. With no donors or no recipients (no nodes, one node, all equal) there is nothing to balance.
/// 3. Otherwise the cluster is balanced when both
///    `within(donor mean connections, recipient mean connections, abs_conn, rel_conn)` and
///    `within(donor mean sessions, recipient mean sessions, abs_sess, rel_sess)` hold, where
///    `within(v, goal, abs, rel) := v <= goal + abs || v <= goal × rel` (non-strict, as EMQX's code; its docs
///    write `<`). It compares the two sides' means, not every node with every other.
public enum BalanceTest {
    /// The outcome of the test over a set of nodes.
    public struct Verdict: Sendable, Hashable {
        /// Mean connections over all nodes tested.
        public var meanConnections: Double
        /// Nodes at or above the mean, in input order.
        public var donors: [NodeLoad]
        /// Nodes below the mean, in input order.
        public var recipients: [NodeLoad]
        /// Donors' and recipients' mean connections and sessions; `nil` when that side is empty.
        public var donorConnectionMean: Double?
        public var recipientConnectionMean: Double?
        public var donorSessionMean: Double?
        public var recipientSessionMean: Double?
        /// The connection side holds (also true when a side is empty).
        public var connectionsWithinThresholds: Bool
        /// The session side holds (also true when a side is empty).
        public var sessionsWithinThresholds: Bool

        /// EMQX would answer `nothing_to_balance`: no donors, no recipients, or both sides within thresholds.
        public var isBalanced: Bool { connectionsWithinThresholds && sessionsWithinThresholds }
    }

    /// EMQX's threshold predicate: `value <= goal + absolute || value <= goal × relative`.
    public static func within(_ value: Double, goal: Double, absolute: Double, relative: Double) -> Bool {
        value <= goal + absolute || value <= goal * relative
    }

    /// Runs the test over `loads` (the participating nodes) with `thresholds`.
    public static func evaluate(_ loads: [NodeLoad], thresholds: BalanceThresholds = .emqxDefaults) -> Verdict {
        let meanConnections = mean(loads.map(\.connections)) ?? 0
        let donors = loads.filter { Double($0.connections) >= meanConnections }
        let recipients = loads.filter { Double($0.connections) < meanConnections }
        let donorConnections = mean(donors.map(\.connections))
        let recipientConnections = mean(recipients.map(\.connections))
        let donorSessions = mean(donors.map(\.sessions))
        let recipientSessions = mean(recipients.map(\.sessions))
        var connectionsWithin = true
        var sessionsWithin = true
        if let donorConnections, let recipientConnections, let donorSessions, let recipientSessions {
            connectionsWithin = within(
                donorConnections, goal: recipientConnections, absolute: Double(thresholds.absoluteConnections),
                relative: thresholds.relativeConnections)
            sessionsWithin = within(
                donorSessions, goal: recipientSessions, absolute: Double(thresholds.absoluteSessions),
                relative: thresholds.relativeSessions)
        }
        return Verdict(
            meanConnections: meanConnections, donors: donors, recipients: recipients, donorConnectionMean: donorConnections,
            recipientConnectionMean: recipientConnections, donorSessionMean: donorSessions, recipientSessionMean: recipientSessions,
            connectionsWithinThresholds: connectionsWithin, sessionsWithinThresholds: sessionsWithin)
    }

    /// The float mean, as EMQX computes it (`sum / n`); `nil` for no values.
    static func mean(_ values: [Int64]) -> Double? {
        guard !values.isEmpty else { return nil }
        return Double(values.reduce(0, +)) / Double(values.count)
    }
}
