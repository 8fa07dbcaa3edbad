import Primitives
import Testing

@Suite("backoff: one exponential backoff with cap and jitter")
struct BackoffTests {
    @Test("without jitter the delays double from 800 ms and stop at 30 s")
    func growth() {
        var backoff = Backoff(jitter: 0)
        let delays = (0..<9).map { _ in backoff.next() }
        #expect(delays == [.milliseconds(800), .milliseconds(1600), .milliseconds(3200), .milliseconds(6400), .milliseconds(12800), .milliseconds(25600), .seconds(30), .seconds(30), .seconds(30)])
        #expect(backoff.attempts == 9)
    }

    @Test("base delays are exact for integral factors and capped", arguments: [
        (Backoff(initial: .milliseconds(5), max: .seconds(1000), jitter: 0), 0, Duration.milliseconds(5)),
        (Backoff(initial: .milliseconds(5), max: .seconds(1000), jitter: 0), 1, .milliseconds(10)),
        (Backoff(initial: .milliseconds(5), max: .seconds(1000), jitter: 0), 10, .milliseconds(5120)),
        (Backoff(initial: .milliseconds(5), max: .seconds(1000), jitter: 0), 17, .milliseconds(655_360)),
        (Backoff(initial: .milliseconds(5), max: .seconds(1000), jitter: 0), 18, .seconds(1000)),
        (Backoff(initial: .milliseconds(5), max: .seconds(1000), jitter: 0), 1_000_000, .seconds(1000)),
        (Backoff(initial: .milliseconds(100), max: .seconds(1), factor: 3), 2, .milliseconds(900)),
        (Backoff(initial: .milliseconds(100), max: .seconds(1), factor: 1.5), 2, .milliseconds(225)),
        (Backoff(initial: .milliseconds(100), max: .seconds(1), factor: 1), 50, .milliseconds(100)),
        (Backoff(initial: .milliseconds(100), max: .seconds(1), factor: 0.5), 3, .milliseconds(100)),
        (Backoff(initial: .seconds(5), max: .seconds(1)), 0, .seconds(1)),
        (Backoff(initial: .milliseconds(100), max: .seconds(1)), -3, .milliseconds(100)),
    ])
    func baseDelays(backoff: Backoff, attempt: Int, expected: Duration) {
        #expect(backoff.baseDelay(attempt: attempt) == expected)
    }

    @Test("the random unit takes off at most the jitter's share", arguments: [
        (0.0, Duration.seconds(1)), (0.5, .milliseconds(750)), (1.0, .milliseconds(500)), (-1.0, .seconds(1)), (7.0, .milliseconds(500)),
    ])
    func randomUnit(unit: Double, expected: Duration) {
        #expect(Backoff(initial: .seconds(1), max: .seconds(10), jitter: 0.5).delay(attempt: 0, randomUnit: unit) == expected)
    }

    @Test("jittered delays stay within [base·(1−jitter), base] and are not all equal", arguments: [0.1, 0.5, 1.0])
    func jitterBounds(jitter: Double) {
        var backoff = Backoff(jitter: jitter, seed: 42)
        var seen: Set<Duration> = []
        for attempt in 0..<200 {
            let base = backoff.baseDelay(attempt: attempt)
            let delay = backoff.next()
            #expect(delay >= base * (1 - jitter) && delay <= base, "attempt \(attempt): \(delay) outside [\(base * (1 - jitter)), \(base)]")
            seen.insert(delay)
        }
        #expect(seen.count > 100)
    }

    @Test("the pure form draws its jitter from the generator it is given, so a seed reproduces it")
    func seededGenerator() {
        let backoff = Backoff(initial: .seconds(1), max: .seconds(60), jitter: 1)
        var first = SplitMix64(seed: 3)
        var second = SplitMix64(seed: 3)
        let a = (0..<10).map { backoff.delay(attempt: $0, using: &first) }
        let b = (0..<10).map { backoff.delay(attempt: $0, using: &second) }
        #expect(a == b)
        #expect(zip(a, 0..<10).allSatisfy { delay, attempt in delay <= backoff.baseDelay(attempt: attempt) && delay >= .zero })
    }

    @Test("the same seed gives the same delays; copies back off independently")
    func reproducible() {
        var first = Backoff(seed: 7)
        var second = Backoff(seed: 7)
        #expect((0..<20).map { _ in first.next() } == (0..<20).map { _ in second.next() })
        var copy = first
        _ = copy.next()
        #expect(copy.attempts == first.attempts + 1)
    }

    @Test("reset starts again from the initial delay")
    func reset() {
        var backoff = Backoff(jitter: 0)
        for _ in 0..<6 { _ = backoff.next() }
        #expect(backoff.next() == .seconds(30))
        backoff.reset()
        #expect(backoff.attempts == 0)
        #expect(backoff.next() == .milliseconds(800))
    }

    @Test("factor and jitter are clamped to their ranges")
    func clamping() {
        #expect(Backoff(factor: 0).factor == 1)
        #expect(Backoff(factor: 1e9).factor == 1000)
        #expect(Backoff(jitter: -1).jitter == 0)
        #expect(Backoff(jitter: 3).jitter == 1)
    }
}
