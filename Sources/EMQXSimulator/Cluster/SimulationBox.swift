import Synchronization

/// The simulation state behind a lock, kept in step with the injected clock.
///
/// Every access first runs the simulation up to the clock's current time, so readers always see the state
/// "now", whichever clock drives it.
final class SimulationBox: Sendable {
    private let state: Mutex<SimulationCore>
    private let elapsed: @Sendable () -> Int64

    init(core: consuming SimulationCore, elapsed: @escaping @Sendable () -> Int64) {
        state = Mutex(core)
        self.elapsed = elapsed
    }

    /// Runs `body` on the state, brought up to the clock's time.
    func withCore<Result: Sendable, Failure: Error>(
        _ body: (inout SimulationCore) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        let now = elapsed()
        return try state.withLock { (core: inout SimulationCore) throws(Failure) -> Result in
            core.advance(to: now)
            return try body(&core)
        }
    }

    /// Runs the simulation up to `milliseconds` (the manual clock's observer calls this at every stop).
    func advance(to milliseconds: Int64) {
        state.withLock { $0.advance(to: milliseconds) }
    }

    /// Runs the simulation up to the clock's time.
    func catchUp() {
        let now = elapsed()
        state.withLock { $0.advance(to: now) }
    }
}
