import Foundation

/// Jittered exponential backoff: the n-th delay (from 0) is drawn uniformly from
/// `[base·(1 − jitter), base]` where `base = min(initial · factorⁿ, max)`.
///
/// The defaults are the watch-reconnect values of client-go's reflector and kube-rs: 800 ms doubling to 30 s. The
/// jitter spreads reconnecting clients apart; delays never exceed `max`. Who decides when things are healthy
/// again calls ``reset()`` (the ``Watcher`` does after a watch that stayed up for a while).
///
/// A value type: copies back off independently. Give a `seed` for reproducible jitter (tests).
public struct Backoff: Sendable {
    public var initial: Duration
    /// The cap of every delay.
    public var max: Duration
    public var factor: Double
    /// The fraction of each delay that is random, in `0...1`: 0 for none, 1 for "full jitter" (`[0, base]`).
    public var jitter: Double
    /// Delays handed out since creation or the last ``reset()``.
    public private(set) var attempts = 0
    private var random: SplitMix64

    public init(
        initial: Duration = .milliseconds(800),
        max: Duration = .seconds(30),
        factor: Double = 2,
        jitter: Double = 0.5,
        seed: UInt64? = nil
    ) {
        self.initial = initial
        self.max = max
        self.factor = Swift.max(1, factor)
        self.jitter = Swift.min(1, Swift.max(0, jitter))
        var system = SystemRandomNumberGenerator()
        self.random = SplitMix64(seed: seed ?? system.next())
    }

    /// The delay before the next attempt; each call moves one step further.
    public mutating func next() -> Duration {
        let base = baseDelay(attempt: attempts)
        attempts += 1
        let fraction = 1 - jitter * Double.random(in: 0..<1, using: &random)
        return .nanoseconds(Int64((Self.seconds(base) * fraction * 1e9).rounded(.down)))
    }

    /// Back to the first step.
    public mutating func reset() {
        attempts = 0
    }

    /// The delay of attempt `n` before jitter: `min(initial · factorⁿ, max)`.
    public func baseDelay(attempt: Int) -> Duration {
        let seconds = Swift.min(Self.seconds(initial) * pow(factor, Double(Swift.max(0, attempt))), Self.seconds(max))
        return .nanoseconds(Int64((seconds * 1e9).rounded(.down)))
    }

    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}

/// A small, fast, seedable generator (Steele, Lea and Flood's SplitMix64), so jitter is reproducible in tests.
struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) {
        self.state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
