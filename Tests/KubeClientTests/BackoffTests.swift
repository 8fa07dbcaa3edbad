import Testing

@testable import KubeClient

@Suite("backoff")
struct BackoffTests {
    @Test("without jitter the delays double from 800 ms and stop at 30 s")
    func growth() {
        var backoff = Backoff(jitter: 0)
        let delays = (0..<9).map { _ in backoff.next() }
        #expect(delays == [.milliseconds(800), .milliseconds(1600), .milliseconds(3200), .milliseconds(6400), .milliseconds(12800), .milliseconds(25600), .seconds(30), .seconds(30), .seconds(30)])
        #expect(backoff.attempts == 9)
    }

    @Test("jittered delays stay within [base·(1−jitter), base] and are not all equal", arguments: [0.1, 0.5, 1.0])
    func jitterBounds(jitter: Double) {
        var backoff = Backoff(jitter: jitter, seed: 42)
        var seen: Set<Duration> = []
        for attempt in 0..<200 {
            let base = backoff.baseDelay(attempt: attempt)
            let delay = backoff.next()
            let lower = Duration.nanoseconds(Int64((Backoff.seconds(base) * (1 - jitter) * 1e9).rounded(.down)))
            #expect(delay >= lower && delay <= base, "attempt \(attempt): \(delay) outside [\(lower), \(base)]")
            seen.insert(delay)
        }
        #expect(seen.count > 100)
    }

    @Test("the same seed gives the same delays")
    func reproducible() {
        var first = Backoff(seed: 7)
        var second = Backoff(seed: 7)
        #expect((0..<20).map { _ in first.next() } == (0..<20).map { _ in second.next() })
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
}

@Suite("read retry policy")
struct ReadRetryPolicyTests {
    @Test("delays double from the initial one up to the maximum; Retry-After wins, capped")
    func delays() {
        let policy = ReadRetryPolicy(maximumRetries: 5, initialDelay: .milliseconds(200), maximumDelay: .seconds(1))
        #expect((0..<5).map { policy.delay(retry: $0, retryAfter: nil) } == [.milliseconds(200), .milliseconds(400), .milliseconds(800), .seconds(1), .seconds(1)])
        #expect(policy.delay(retry: 0, retryAfter: .milliseconds(300)) == .milliseconds(300))
        #expect(policy.delay(retry: 0, retryAfter: .seconds(30)) == .seconds(1))
    }

    @Test("only load-shedding answers are retried", arguments: [(429, true), (503, true), (504, true), (500, false), (409, false), (404, false)])
    func retryable(status: Int, expected: Bool) {
        #expect(ReadRetryPolicy.isRetryable(status: status) == expected)
    }
}
