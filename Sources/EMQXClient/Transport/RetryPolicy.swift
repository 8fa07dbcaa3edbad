import Foundation

/// Jittered exponential backoff for idempotent EMQX calls.
///
/// Attempt `n` (counting from 1) that failed with a retryable ``EMQXError`` is followed, if `n < maxAttempts`, by a
/// pause of `min(initialDelay × multiplier^(n-1), maxDelay)`, shortened by a random share of up to `jitter`
/// (so that many operators' retries do not arrive in step). Only GETs are retried; starts and stops never are.
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts in total, the first included; 1 disables retries. Default 3.
    public var maxAttempts: Int
    /// Pause after the first failed attempt. Default 200 ms.
    public var initialDelay: Duration
    /// Longest pause. Default 2 s.
    public var maxDelay: Duration
    /// Growth of the pause per attempt. Default 2.
    public var multiplier: Double
    /// Share of the pause that is random, 0...1. Default 0.5.
    public var jitter: Double

    public init(
        maxAttempts: Int = 3,
        initialDelay: Duration = .milliseconds(200),
        maxDelay: Duration = .seconds(2),
        multiplier: Double = 2,
        jitter: Double = 0.5
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.initialDelay = initialDelay
        self.maxDelay = maxDelay
        self.multiplier = multiplier
        self.jitter = min(max(jitter, 0), 1)
    }

    /// No retries: every call makes exactly one attempt.
    public static let none = RetryPolicy(maxAttempts: 1)

    /// The pause after failed attempt `attempt` (1-based), given `randomUnit` in 0...1 (0: no jitter taken off).
    public func delay(afterAttempt attempt: Int, randomUnit: Double) -> Duration {
        let exponent = Double(max(attempt - 1, 0))
        let base = seconds(initialDelay) * pow(multiplier, exponent)
        let capped = min(base, seconds(maxDelay))
        let unit = min(max(randomUnit, 0), 1)
        let jittered = capped * (1 - jitter * unit)
        return .nanoseconds(Int64((jittered * 1e9).rounded()))
    }

    /// The pause after failed attempt `attempt`, with fresh randomness.
    func randomDelay(afterAttempt attempt: Int) -> Duration {
        delay(afterAttempt: attempt, randomUnit: Double.random(in: 0...1))
    }

    private func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
