/// Per-key failure backoff of the work queue: `base * 2^(failures - 1)`, capped at `cap`.
///
/// The defaults are client-go's `ItemExponentialFailureRateLimiter` (5 ms doubling up to 1000 s). The count of a key
/// is reset by a successful reconcile (``WorkQueue/forget(_:)``), so a key that recovers starts again at `base`.
public struct FailureBackoff: Sendable, Hashable {
    /// Delay after the first failure. Default 5 ms.
    public var base: Duration
    /// Upper bound of the delay. Default 1000 s.
    public var cap: Duration

    public init(base: Duration = .milliseconds(5), cap: Duration = .seconds(1000)) {
        self.base = base
        self.cap = cap
    }

    /// The delay after the `failures`-th consecutive failure (1 for the first); zero for zero failures.
    public func delay(afterFailures failures: Int) -> Duration {
        guard failures > 0 else { return .zero }
        var delay = base
        var remaining = failures - 1
        while remaining > 0, delay < cap {
            delay *= 2
            remaining -= 1
        }
        return min(delay, cap)
    }
}
