import Testing

@testable import KubeClient

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
