import Synchronization
import Testing
import VirtualTime

@Suite("ManualClock")
struct ManualClockTests {
    @Test("a sleeper wakes only once time passes its deadline")
    func sleeperWakesAtDeadline() async throws {
        let clock = ManualClock()
        let woke = Locked(false)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await clock.sleep(for: .seconds(5))
                woke.withLock { $0 = true }
            }
            while clock.sleeperCount == 0 { await Task.yield() }
            await clock.advance(by: .seconds(4))
            #expect(woke.withLock { $0 } == false)
            await clock.advance(by: .seconds(1))
            try await group.waitForAll()
            #expect(woke.withLock { $0 })
            #expect(clock.now == ManualClock.Instant(offset: .seconds(5)))
        }
    }

    @Test("observers see every stop in order, before the sleepers due there resume")
    func observersSeeStopsInOrder() async throws {
        let clock = ManualClock()
        let log = Locked<[String]>([])
        clock.onAdvance { instant in log.withLock { $0.append("observe \(instant.offset)") } }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await clock.sleep(for: .seconds(2))
                log.withLock { $0.append("woke") }
            }
            while clock.sleeperCount == 0 { await Task.yield() }
            await clock.advance(by: .seconds(3))
            try await group.waitForAll()
        }
        #expect(log.withLock { $0 } == ["observe 2.0 seconds", "woke", "observe 3.0 seconds"])
    }

    @Test("a cancelled sleeper throws and leaves the clock")
    func cancelledSleeperThrows() async throws {
        let clock = ManualClock()
        let task = Task { try await clock.sleep(for: .seconds(60)) }
        while clock.sleeperCount == 0 { await Task.yield() }
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(clock.sleeperCount == 0)
    }
}

/// A Sendable box for values that test tasks share.
final class Locked<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>
    init(_ value: Value) { mutex = Mutex(value) }
    func withLock<T: Sendable>(_ body: (inout sending Value) -> T) -> T { mutex.withLock { body(&$0) } }
}
