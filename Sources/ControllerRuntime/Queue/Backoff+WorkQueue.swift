import Primitives

extension Backoff {
    /// The work queue's per-key failure backoff: client-go's `ItemExponentialFailureRateLimiter`, 5 ms doubling to
    /// 1000 s, without jitter.
    public static let workQueueFailures = Backoff(initial: .milliseconds(5), max: .seconds(1000), factor: 2, jitter: 0, seed: 0)

    /// The delay after the `failures`-th consecutive failure (1 for the first): ``baseDelay(attempt:)`` of
    /// `failures - 1`; zero for zero failures.
    ///
    /// Deterministic: the work queue's state machine reads no randomness, so a ``jitter`` set on the backoff is not
    /// applied here (client-go's per-item limiter has none either).
    public func delay(afterFailures failures: Int) -> Duration {
        failures > 0 ? baseDelay(attempt: failures - 1) : .zero
    }
}
