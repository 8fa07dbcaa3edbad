import Primitives
import Testing
import VirtualTime

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

    @Test("the elapsed clock starts at zero, follows the wrapped clock and sleeps until its deadline")
    func elapsedClock() async throws {
        let manual = ManualClock()
        await manual.advance(by: .seconds(100))
        let clock = ElapsedClock(manual)
        #expect(clock.now == .zero)
        await manual.advance(by: .seconds(3))
        #expect(clock.now == .seconds(3))

        try await clock.sleep(until: .seconds(1))  // already passed: returns at once
        let sleeper = Task { try await clock.sleep(for: .seconds(2)) }
        while manual.sleeperCount == 0 { await Task.yield() }
        #expect(manual.nextDeadline == ManualClock.Instant(offset: .seconds(105)))
        await manual.advance(by: .seconds(2))
        try await sleeper.value
        #expect(clock.now == .seconds(5))
    }

    @Test("a cancelled sleeper throws CancellationError")
    func cancellation() async {
        let manual = ManualClock()
        let clock = ElapsedClock(manual)
        let sleeper = Task { try await clock.sleep(for: .seconds(10)) }
        while manual.sleeperCount == 0 { await Task.yield() }
        sleeper.cancel()
        await #expect(throws: CancellationError.self) { try await sleeper.value }
    }
}
