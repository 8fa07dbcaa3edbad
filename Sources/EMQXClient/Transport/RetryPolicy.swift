import Primitives

/// How the client retries idempotent EMQX calls: at most ``maxAttempts`` attempts, paced by a jittered exponential
/// ``Backoff``.
///
/// Attempt `n` (counting from 1) that failed with a retryable ``EMQXError`` is followed, if `n < maxAttempts`, by a
/// pause of `min(initialDelay × multiplier^(n-1), maxDelay)`, shortened by a random share of up to `jitter`
/// (so that many operators' retries do not arrive in step). Only GETs are retried; starts and stops never are.
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts in total, the first included; 1 disables retries. Default 3.
    public var maxAttempts: Int
    /// The pace of the pauses: 200 ms doubling to 2 s, half of each pause random, unless given.
    public var backoff: Backoff

    /// Pause after the first failed attempt. Default 200 ms.
    public var initialDelay: Duration { backoff.initial }
    /// Longest pause. Default 2 s.
    public var maxDelay: Duration { backoff.max }
    /// Growth of the pause per attempt. Default 2.
    public var multiplier: Double { backoff.factor }
    /// Share of the pause that is random, 0...1. Default 0.5.
    public var jitter: Double { backoff.jitter }

    public init(
        maxAttempts: Int = 3,
        initialDelay: Duration = .milliseconds(200),
        maxDelay: Duration = .seconds(2),
        multiplier: Double = 2,
        jitter: Double = 0.5
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.backoff = Backoff(initial: initialDelay, max: maxDelay, factor: multiplier, jitter: jitter, seed: 0)
    }

    /// No retries: every call makes exactly one attempt.
    public static let none = RetryPolicy(maxAttempts: 1)

    /// The pause after failed attempt `attempt` (1-based), given `randomUnit` in 0...1 (0: no jitter taken off).
    public func delay(afterAttempt attempt: Int, randomUnit: Double) -> Duration {
        backoff.delay(attempt: attempt - 1, randomUnit: randomUnit)
    }

    /// The pause after failed attempt `attempt`, with fresh randomness.
    func randomDelay(afterAttempt attempt: Int) -> Duration {
        var generator = SystemRandomNumberGenerator()
        return backoff.delay(attempt: attempt - 1, using: &generator)
    }
}
