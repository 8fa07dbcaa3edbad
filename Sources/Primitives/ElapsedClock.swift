/// A type-erased `Clock<Duration>` whose instants are the durations elapsed since it was wrapped.
///
/// Every timer of the clients and the controller machinery (watch reconnect backoff, work-queue delays and failure
/// backoff, requeue-after, lease renewal, event aggregation) reads one of these, so tests drive time with a
/// `ManualClock` and end-to-end tests share one clock with the broker simulator. Instants are plain `Duration`s,
/// which keeps state machines free of generic clock parameters.
///
/// ## Guarantees
/// - ``now`` is zero when the clock is wrapped and never goes backwards if the wrapped clock does not.
/// - ``sleep(until:)`` returns at once when ``now`` has already reached the deadline, and throws
///   `CancellationError` when the task is cancelled first (as the wrapped clock's `sleep` does).
public struct ElapsedClock: Sendable {
    private let elapsedSinceOrigin: @Sendable () -> Duration
    private let sleepUntilElapsed: @Sendable (Duration) async throws -> Void

    /// Wraps `clock`; ``now`` is zero at this call.
    public init<C: Clock<Duration>>(_ clock: C) {
        let origin = clock.now
        elapsedSinceOrigin = { origin.duration(to: clock.now) }
        sleepUntilElapsed = { deadline in
            try await clock.sleep(until: origin.advanced(by: deadline), tolerance: nil)
        }
    }

    /// The time elapsed since the clock was wrapped.
    public var now: Duration { elapsedSinceOrigin() }

    /// Sleeps until ``now`` reaches `deadline`; returns at once when it already has.
    /// - Throws: `CancellationError` when the task is cancelled first.
    public func sleep(until deadline: Duration) async throws {
        try await sleepUntilElapsed(deadline)
    }

    /// Sleeps for `duration` from now.
    /// - Throws: `CancellationError` when the task is cancelled first.
    public func sleep(for duration: Duration) async throws {
        try await sleepUntilElapsed(now + duration)
    }
}
