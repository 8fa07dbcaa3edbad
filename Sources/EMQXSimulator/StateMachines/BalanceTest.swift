/// EMQX's rebalance arithmetic (spec §5.2, §5.4), as pure functions.
public enum BalanceTest {
    /// `within(V, Goal, Abs, Rel) := V <= Goal + Abs or V <= Goal * Rel` (non-strict, as the code has it).
    public static func within(_ value: Double, goal: Double, absolute: Double, relative: Double) -> Bool {
        value <= goal + absolute || value <= goal * relative
    }

    /// The mean of `values` as a float; 0 for an empty list.
    public static func average(_ values: [Int]) -> Double {
        values.isEmpty ? 0 : Double(values.reduce(0, +)) / Double(values.count)
    }

    /// The donor/recipient split at start: donors hold at least the mean connection count, recipients less.
    /// Returns indices into `connections`.
    public static func split(connections: [Int]) -> (donors: [Int], recipients: [Int]) {
        let mean = average(connections)
        var donors: [Int] = []
        var recipients: [Int] = []
        for (index, count) in connections.enumerated() {
            if Double(count) >= mean { donors.append(index) } else { recipients.append(index) }
        }
        return (donors, recipients)
    }

    /// Whether a rebalance is needed: there are donors and recipients, and the donors' mean is not within the
    /// thresholds of the recipients' mean for connections, or for (total) sessions.
    public static func needsRebalance(connections: [Int], sessions: [Int], options: RebalanceOptions) -> Bool {
        let (donors, recipients) = split(connections: connections)
        guard !donors.isEmpty, !recipients.isEmpty else { return false }
        let connBalanced = within(
            average(donors.map { connections[$0] }), goal: average(recipients.map { connections[$0] }),
            absolute: Double(options.absConnThreshold), relative: options.relConnThreshold)
        let sessBalanced = within(
            average(donors.map { sessions[$0] }), goal: average(recipients.map { sessions[$0] }),
            absolute: Double(options.absSessThreshold), relative: options.relSessThreshold)
        return !connBalanced || !sessBalanced
    }

    /// Donors whose own count is strictly above the recipients' mean: the ones a tick evicts from.
    public static func nodesToEvict(donorCounts: [Int], recipientAverage: Double) -> [Int] {
        donorCounts.indices.filter { Double(donorCounts[$0]) > recipientAverage }
    }
}
