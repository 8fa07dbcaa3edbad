/// A rebalance coordinator (`emqx_node_rebalance`, spec §5.3–5.5), as a value. Node references are indices.
///
/// The donor and recipient sets are fixed at start. Each tick the caller measures what ``countKind`` names on
/// every donor and recipient, and the machine answers with the evictions to run and the next timer.
struct Rebalance: Sendable {
    enum State: String, Sendable {
        case waitHealthCheck = "wait_health_check"
        case evictingConns = "evicting_conns"
        case waitTakeover = "wait_takeover"
        case evictingSessions = "evicting_sessions"
    }

    /// What a tick in the current state measures on the participants.
    enum CountKind: Sendable { case connections, disconnectedSessions }

    enum Action: Equatable, Sendable {
        /// Multicall agent enable with `allow_connections => false` on the donors.
        case blockDonors
        /// `evict_connections(N)` on each listed donor.
        case evictConnections(Int, from: [Int])
        /// `evict_sessions(N, Recipients, disconnected)` on each listed donor.
        case evictSessions(Int, from: [Int], to: [Int])
        /// Balanced: multicall agent disable on the donors; the coordinator returns to `disabled`.
        case finish
    }

    struct Step: Equatable, Sendable {
        var actions: [Action] = []
        /// Milliseconds until the timer fires; nil when the run is over.
        var timer: Int64?
    }

    static let evictInterval: Int64 = 1000

    private(set) var state: State
    let options: RebalanceOptions
    let coordinator: Int
    let donors: [Int]
    let recipients: [Int]
    let initialConnections: [Int: Int]
    let initialSessions: [Int: Int]
    private(set) var donorConnAverage: Double?
    private(set) var recipientConnAverage: Double?
    private(set) var donorSessAverage: Double?
    private(set) var recipientSessAverage: Double?

    /// `start`: split `nodes` (with their connection and total session counts) into donors and recipients, or
    /// answer nil when EMQX would say `nothing_to_balance`.
    static func start(
        coordinator: Int, nodes: [Int], connections: [Int], sessions: [Int], options: RebalanceOptions
    ) -> (Rebalance, Step)? {
        guard BalanceTest.needsRebalance(connections: connections, sessions: sessions, options: options) else {
            return nil
        }
        let split = BalanceTest.split(connections: connections)
        var initialConnections: [Int: Int] = [:]
        var initialSessions: [Int: Int] = [:]
        for (position, node) in nodes.enumerated() {
            initialConnections[node] = connections[position]
            initialSessions[node] = sessions[position]
        }
        let machine = Rebalance(
            state: .waitHealthCheck, options: options, coordinator: coordinator,
            donors: split.donors.map { nodes[$0] }, recipients: split.recipients.map { nodes[$0] },
            initialConnections: initialConnections, initialSessions: initialSessions)
        return (machine, Step(timer: Int64(options.waitHealthCheck) * 1000))
    }

    private init(
        state: State, options: RebalanceOptions, coordinator: Int, donors: [Int], recipients: [Int],
        initialConnections: [Int: Int], initialSessions: [Int: Int]
    ) {
        self.state = state
        self.options = options
        self.coordinator = coordinator
        self.donors = donors
        self.recipients = recipients
        self.initialConnections = initialConnections
        self.initialSessions = initialSessions
    }

    /// Every node of the run: donors and recipients.
    var participants: [Int] { donors + recipients }

    /// What the next tick measures, or nil when it measures nothing (the `wait_*` states).
    var countKind: CountKind? {
        switch state {
        case .evictingConns: .connections
        case .evictingSessions: .disconnectedSessions
        case .waitHealthCheck, .waitTakeover: nil
        }
    }

    /// The state timer fired, with the counts that ``countKind`` names (donor and recipient order).
    mutating func timerFired(donorCounts: [Int], recipientCounts: [Int]) -> Step {
        switch state {
        case .waitHealthCheck:
            state = .evictingConns
            return Step(actions: [.blockDonors], timer: 0)
        case .waitTakeover:
            state = .evictingSessions
            return Step(timer: 0)
        case .evictingConns:
            let donorAverage = BalanceTest.average(donorCounts)
            let recipientAverage = BalanceTest.average(recipientCounts)
            donorConnAverage = donorAverage
            recipientConnAverage = recipientAverage
            if BalanceTest.within(
                donorAverage, goal: recipientAverage, absolute: Double(options.absConnThreshold),
                relative: options.relConnThreshold)
            {
                state = .waitTakeover
                return Step(timer: Int64(options.waitTakeover) * 1000)
            }
            let from = BalanceTest.nodesToEvict(donorCounts: donorCounts, recipientAverage: recipientAverage)
                .map { donors[$0] }
            return Step(actions: [.evictConnections(options.connEvictRate, from: from)], timer: Self.evictInterval)
        case .evictingSessions:
            let donorAverage = BalanceTest.average(donorCounts)
            let recipientAverage = BalanceTest.average(recipientCounts)
            donorSessAverage = donorAverage
            recipientSessAverage = recipientAverage
            if BalanceTest.within(
                donorAverage, goal: recipientAverage, absolute: Double(options.absSessThreshold),
                relative: options.relSessThreshold)
            {
                return Step(actions: [.finish], timer: nil)
            }
            let from = BalanceTest.nodesToEvict(donorCounts: donorCounts, recipientAverage: recipientAverage)
                .map { donors[$0] }
            return Step(
                actions: [.evictSessions(options.sessEvictRate, from: from, to: recipients)], timer: Self.evictInterval)
        }
    }
}
