/// Exponential backoff with a cap and jitter: the one implementation behind every retry pace of the operator (the
/// watcher's reconnects, the work queue's per-key failure delays, the Kubernetes client's read retries and the EMQX
/// client's retries of idempotent calls).
///
/// The delay of attempt `n` (counting from 0) is drawn from `[base·(1 − jitter), base]`, where
/// `base = min(initial · factorⁿ, max)`.
///
/// ## Guarantees
/// - Delays never exceed ``max`` and never fall below `base·(1 − jitter)`; with `jitter == 0` they are exact
///   (`Duration` arithmetic, no floating-point rounding for integral factors: 5 ms doubles to exactly 10 ms).
/// - The pure functions (``baseDelay(attempt:)``, ``delay(attempt:randomUnit:)``) read no clock and no global
///   randomness; ``delay(attempt:using:)`` draws from the generator it is given, so a seeded ``SplitMix64`` makes the
///   jitter reproducible.
/// - The stepping form (``next()`` and ``reset()``) keeps its own attempt count and seeded generator; a copy backs off
///   independently of the original.
///
/// The defaults are the watch-reconnect values of client-go's reflector and kube-rs: 800 ms doubling to 30 s, half
/// of each delay random.
public struct Backoff: Sendable, Hashable {
    /// Delay of the first attempt, before jitter.
    public var initial: Duration
    /// The cap of every delay.
    public var max: Duration
    /// Growth per attempt, clamped to `1...1000`.
    public var factor: Double
    /// The fraction of each delay that is random, clamped to `0...1`: 0 for none, 1 for "full jitter" (`[0, base]`).
    public var jitter: Double
    /// Delays handed out by ``next()`` since creation or the last ``reset()``.
    public private(set) var attempts = 0
    private var random: SplitMix64

    /// - Parameter seed: Seeds the generator of ``next()``; `nil` seeds it from the system's randomness.
    public init(
        initial: Duration = .milliseconds(800),
        max: Duration = .seconds(30),
        factor: Double = 2,
        jitter: Double = 0.5,
        seed: UInt64? = nil
    ) {
        self.initial = initial
        self.max = max
        self.factor = Swift.min(1000, Swift.max(1, factor))
        self.jitter = Swift.min(1, Swift.max(0, jitter))
        var system = SystemRandomNumberGenerator()
        self.random = SplitMix64(seed: seed ?? system.next())
    }

    // MARK: Pure

    /// The delay of attempt `attempt` (from 0; negative counts as 0) before jitter: `min(initial · factorⁿ, max)`.
    public func baseDelay(attempt: Int) -> Duration {
        var delay = Swift.min(initial, max)
        guard factor > 1 else { return delay }
        let integralFactor = factor.rounded() == factor ? Int(factor) : nil
        var remaining = attempt
        while remaining > 0, delay < max {
            delay = integralFactor.map { delay * $0 } ?? delay * factor
            remaining -= 1
        }
        return Swift.min(delay, max)
    }

    /// The delay of attempt `attempt` with `randomUnit` (clamped to `0...1`) of the jitter taken off: 0 gives the base
    /// delay, 1 gives `base·(1 − jitter)`.
    public func delay(attempt: Int, randomUnit: Double) -> Duration {
        let base = baseDelay(attempt: attempt)
        let cut = jitter * Swift.min(1, Swift.max(0, randomUnit))
        return cut == 0 ? base : base * (1 - cut)
    }

    /// The delay of attempt `attempt`, with the jitter drawn from `generator`.
    public func delay(attempt: Int, using generator: inout some RandomNumberGenerator) -> Duration {
        delay(attempt: attempt, randomUnit: jitter == 0 ? 0 : Double.random(in: 0..<1, using: &generator))
    }

    // MARK: Stepping

    /// The delay before the next attempt; each call moves one step further.
    public mutating func next() -> Duration {
        let attempt = attempts
        attempts += 1
        return delay(attempt: attempt, using: &random)
    }

    /// Back to the first step.
    public mutating func reset() {
        attempts = 0
    }
}
