/// One node's evacuation coordinator (`emqx_node_rebalance_evacuation`, spec §3.2), as a value.
///
/// The machine does no I/O: each input returns what the node must do (``Evacuation/Step``) and when its single
/// state timer fires next (a gen_statem `state_timeout`, replaced on every step).
struct Evacuation: Sendable {
    enum State: String, Sendable {
        case waitingHealthCheck = "waiting_health_check"
        case evictingConns = "evicting_conns"
        case waitingTakeover = "waiting_takeover"
        case evictingSessions = "evicting_sessions"
        case prohibiting
    }

    enum Action: Equatable, Sendable {
        /// Re-enable the agent (same Kind) with `allow_connections => false`.
        case blockConnections
        /// `evict_connections(N)`.
        case evictConnections(Int)
        /// `evict_sessions(N, Targets, any)`; targets are node indices.
        case evictSessions(Int, targets: [Int])
    }

    struct Step: Equatable, Sendable {
        var actions: [Action] = []
        /// Milliseconds until the timer fires; nil cancels it.
        var timer: Int64?
    }

    /// Ticks are 1000 ms apart (`EVICT_INTERVAL`).
    static let evictInterval: Int64 = 1000
    /// Retry delay when no migration target is available (`EVICT_INTERVAL_NO_NODES`).
    static let evictIntervalNoNodes: Int64 = 30000

    private(set) var state: State
    let options: EvacuationOptions
    private(set) var initialConnections: Int
    private(set) var currentConnections: Int
    private(set) var initialSessions: Int
    private(set) var currentSessions: Int

    /// `start(Opts)` in `disabled`: the caller has enabled the agent with `allow_connections => true`.
    static func started(options: EvacuationOptions, connections: Int, sessions: Int) -> (Evacuation, Step) {
        let machine = Evacuation(
            state: .waitingHealthCheck, options: options, initialConnections: connections,
            currentConnections: connections, initialSessions: sessions, currentSessions: sessions)
        return (machine, Step(timer: Int64(options.waitHealthCheck) * 1000))
    }

    /// Boot with a persisted file: the caller has enabled the agent blocking at once (no health-check wait).
    static func restored(options: EvacuationOptions, connections: Int, sessions: Int) -> (Evacuation, Step) {
        let machine = Evacuation(
            state: .evictingConns, options: options, initialConnections: connections,
            currentConnections: connections, initialSessions: sessions, currentSessions: sessions)
        return (machine, Step(timer: 0))
    }

    /// The state timer fired. `connections` and `sessions` are the agent's live counts, `targets` the available
    /// migration targets (used only in `evicting_sessions`).
    mutating func timerFired(connections: Int, sessions: Int, targets: [Int]) -> Step {
        switch state {
        case .waitingHealthCheck:
            state = .evictingConns
            return Step(actions: [.blockConnections], timer: 0)
        case .evictingConns:
            if connections > 0 {
                currentConnections = connections
                return Step(actions: [.evictConnections(options.connEvictRate)], timer: Self.evictInterval)
            }
            currentConnections = 0
            state = .waitingTakeover
            return Step(timer: Int64(options.waitTakeover) * 1000)
        case .waitingTakeover:
            state = .evictingSessions
            return Step(timer: 0)
        case .evictingSessions:
            if sessions > 0 {
                if targets.isEmpty { return Step(timer: Self.evictIntervalNoNodes) }
                currentSessions = sessions
                return Step(actions: [.evictSessions(options.sessEvictRate, targets: targets)], timer: Self.evictInterval)
            }
            currentSessions = 0
            state = .prohibiting
            return Step(timer: nil)
        case .prohibiting:
            return Step(timer: nil)
        }
    }
}
