import Synchronization

/// A clock whose time moves only when a test says so.
///
/// Tasks that sleep on it wake in deadline order as ``advance(by:)`` passes their deadlines. Components that
/// simulate time themselves (the broker simulator) subscribe with ``onAdvance(_:)`` and are told, synchronously and
/// in order, every instant the clock stops at, so that the simulator and anything else sleeping on the same clock
/// (the operator under test) see one timeline.
///
/// ## Guarantees
/// - `now` never goes backwards.
/// - A sleeper whose deadline is not after `now` returns at once; a cancelled sleeper throws `CancellationError`.
/// - During `advance`, the clock stops at each pending sleeper deadline in order; at each stop it first calls every
///   observer with the new instant, then resumes the sleepers due, then yields so that they can run.
public final class ManualClock: Clock, Sendable {
    public struct Instant: InstantProtocol, Sendable, Hashable, Comparable, CustomStringConvertible {
        /// Time since the clock's origin.
        public var offset: Duration

        public init(offset: Duration) { self.offset = offset }

        public func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        public func duration(to other: Instant) -> Duration { other.offset - offset }
        public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
        public var description: String { "t+\(offset)" }
    }

    private struct Sleeper {
        var id: UInt64
        var deadline: Instant
        var continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var now = Instant(offset: .zero)
        var nextID: UInt64 = 0
        var sleepers: [Sleeper] = []
        var observers: [@Sendable (Instant) -> Void] = []
    }

    private let state = Mutex(State())

    public init() {}

    public var now: Instant { state.withLock { $0.now } }
    public var minimumResolution: Duration { .zero }

    /// The number of tasks currently sleeping on this clock.
    public var sleeperCount: Int { state.withLock { $0.sleepers.count } }

    /// The earliest deadline any task is sleeping until, if any.
    public var nextDeadline: Instant? { state.withLock { $0.sleepers.map(\.deadline).min() } }

    public func sleep(until deadline: Instant, tolerance: Duration? = nil) async throws {
        try Task.checkCancellation()
        let id: UInt64 = state.withLock { state in
            state.nextID += 1
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                // Checked under the lock that the cancellation handler takes, so a cancellation that arrives
                // before the sleeper is registered is never lost (the handler would find nothing to resume).
                enum Outcome { case sleep, due, cancelled }
                let outcome: Outcome = state.withLock { state in
                    if Task.isCancelled { return .cancelled }
                    if deadline <= state.now { return .due }
                    state.sleepers.append(Sleeper(id: id, deadline: deadline, continuation: continuation))
                    return .sleep
                }
                switch outcome {
                case .sleep: break
                case .due: continuation.resume()
                case .cancelled: continuation.resume(throwing: CancellationError())
                }
            }
        } onCancel: {
            let cancelled: Sleeper? = state.withLock { state in
                guard let index = state.sleepers.firstIndex(where: { $0.id == id }) else { return nil }
                return state.sleepers.remove(at: index)
            }
            cancelled?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Registers `observer`, called with every instant the clock stops at, before sleepers due then resume.
    /// The observer runs synchronously inside ``advance(by:)``; it must not sleep on this clock.
    public func onAdvance(_ observer: @escaping @Sendable (Instant) -> Void) {
        state.withLock { $0.observers.append(observer) }
    }

    /// Moves time forward by `duration`, stopping at each sleeper deadline on the way (see the type's guarantees).
    public func advance(by duration: Duration) async {
        await advance(to: now.advanced(by: duration))
    }

    /// Moves time forward to `target`; does nothing when `target` is not after `now`.
    public func advance(to target: Instant) async {
        while true {
            let (stop, observers): (Instant?, [@Sendable (Instant) -> Void]) = state.withLock { state in
                guard state.now < target else { return (nil, []) }
                let next = state.sleepers.map(\.deadline).filter { $0 <= target }.min() ?? target
                state.now = max(state.now, next)
                return (state.now, state.observers)
            }
            guard let stop else { return }
            for observer in observers { observer(stop) }
            let due: [Sleeper] = state.withLock { state in
                let due = state.sleepers.filter { $0.deadline <= stop }.sorted { $0.deadline < $1.deadline }
                state.sleepers.removeAll { $0.deadline <= stop }
                return due
            }
            for sleeper in due { sleeper.continuation.resume() }
            await Self.settle()
            if stop >= target { return }
        }
    }

    /// Gives woken tasks a chance to run until they sleep again or finish.
    private static func settle() async {
        for _ in 0..<32 { await Task.yield() }
    }
}
