import Testing

@testable import EMQXClient

@Suite("RetryPolicy: jittered exponential backoff")
struct RetryPolicyTests {
    @Test(
        "pauses double from the initial delay up to the cap, without jitter taken off",
        arguments: [(1, Duration.milliseconds(200)), (2, .milliseconds(400)), (3, .milliseconds(800)), (4, .milliseconds(1600)), (5, .seconds(2)), (9, .seconds(2))])
    func exponential(attempt: Int, pause: Duration) {
        #expect(RetryPolicy().delay(afterAttempt: attempt, randomUnit: 0) == pause)
    }

    @Test("jitter takes off at most its share of the pause")
    func jitter() {
        let policy = RetryPolicy(initialDelay: .seconds(1), jitter: 0.5)
        #expect(policy.delay(afterAttempt: 1, randomUnit: 1) == .milliseconds(500))
        #expect(policy.delay(afterAttempt: 1, randomUnit: 0.5) == .milliseconds(750))
        for _ in 0..<20 {
            let pause = policy.randomDelay(afterAttempt: 1)
            #expect(pause >= .milliseconds(500) && pause <= .seconds(1))
        }
    }

    @Test("at least one attempt, and jitter within 0...1")
    func bounds() {
        #expect(RetryPolicy(maxAttempts: 0).maxAttempts == 1)
        #expect(RetryPolicy.none.maxAttempts == 1)
        #expect(RetryPolicy(jitter: 3).jitter == 1)
    }

    @Test("the configuration never prints the secret")
    func redacted() {
        let configuration = EMQXClientConfiguration(url: "http://h:18083", apiKey: "key", apiSecret: "s3cr3t-value")
        #expect(!configuration.description.contains("s3cr3t-value"))
        #expect(configuration.description.contains("key"))
    }
}
