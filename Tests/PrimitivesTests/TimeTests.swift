import Primitives
import Testing

@Suite("Duration conversions and the elapsed clock")
struct TimeTests {
    @Test("whole units round toward zero and saturate", arguments: [
        (Duration.milliseconds(1500), 1.5, Int64(1500), Int64(1_500_000_000)),
        (.nanoseconds(1_999_999), 0.001999999, 1, 1_999_999),
        (.zero, 0, 0, 0),
        (.seconds(Int64.max / 10), Double(Int64.max / 10), Int64.max, Int64.max),
        (.seconds(-2), -2, -2000, -2_000_000_000),
    ])
    func conversions(duration: Duration, seconds: Double, milliseconds: Int64, nanoseconds: Int64) {
        #expect(abs(duration.inSeconds - seconds) <= abs(seconds) * 1e-12)
        #expect(duration.inMilliseconds == milliseconds)
        #expect(duration.inNanoseconds == nanoseconds)
    }

    @Test("the elapsed clock starts at zero and follows the wrapped clock")
    func elapsedClock() async throws {
        let clock = ElapsedClock(ContinuousClock())
        #expect(clock.now < .seconds(1))
        let before = clock.now
        try await clock.sleep(for: .milliseconds(10))
        #expect(clock.now - before >= .milliseconds(10))
        let reached = clock.now
        try await clock.sleep(until: reached - .seconds(1))
        #expect(clock.now - reached < .seconds(1))
    }
}
