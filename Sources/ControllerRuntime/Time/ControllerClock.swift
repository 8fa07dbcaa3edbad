/// A type-erased `Clock<Duration>` whose instants are durations since the clock was wrapped.
///
/// Every timer of this module (work-queue delays and backoff, requeue-after, lease renewal, reconnect backoff) reads
/// one of these, so tests drive time with a `ManualClock` and end-to-end tests share a clock with the broker
/// simulator. Instants are plain `Duration`s, which keeps the state machines free of generic clock parameters.
public struct ControllerClock: Sendable {
    private let elapsedSinceOrigin: @Sendable () -> Duration
    private let sleepUntilElapsed: @Sendable (Duration) async throws -> Void

    /// Wraps `clock`; `now` is zero at this call.
    public init<C: Clock<Duration>>(_ clock: C) {
        let origin = clock.now
        elapsedSinceOrigin = { origin.duration(to: clock.now) }
        sleepUntilElapsed = { deadline in
            try await clock.sleep(until: origin.advanced(by: deadline), tolerance: nil)
        }
    }

    /// The time elapsed since the clock was wrapped.
    public var now: Duration { elapsedSinceOrigin() }

    /// Sleeps until `now` reaches `deadline`; returns at once when it already has.
    /// - Throws: `CancellationError` when the task is cancelled first.
    public func sleep(until deadline: Duration) async throws {
        try await sleepUntilElapsed(deadline)
    }

    /// Sleeps for `duration`.
    public func sleep(for duration: Duration) async throws {
        try await sleepUntilElapsed(now + duration)
    }
}

extension Duration {
    /// The duration as (fractional) seconds, for metrics and lease fields.
    var seconds: Double {
        let (whole, attoseconds) = components
        return Double(whole) + Double(attoseconds) / 1e18
    }
}
