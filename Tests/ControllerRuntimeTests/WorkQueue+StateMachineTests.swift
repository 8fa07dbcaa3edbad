import Primitives
import Testing

@testable import ControllerRuntime

@Suite("WorkQueue state machine")
struct WorkQueueStateMachineTests {
    typealias Machine = WorkQueue<String>.StateMachine

    @Test("adding a waiting key again does nothing")
    func deduplicates() {
        var machine = Machine(backoff: Backoff.workQueueFailures)
        #expect(machine.add("a", readyAt: .zero, now: .zero) == .queued)
        #expect(machine.add("a", readyAt: .zero, now: .zero) == .deduplicated)
        #expect(machine.depth == 1)
        #expect(machine.next(now: .zero)?.key == "a")
        #expect(machine.next(now: .zero) == nil)
    }

    @Test("a key being processed is not handed out twice")
    func oneAtATime() {
        var machine = Machine(backoff: Backoff.workQueueFailures)
        _ = machine.add("a", readyAt: .zero, now: .zero)
        #expect(machine.next(now: .zero)?.key == "a")
        #expect(machine.add("a", readyAt: .zero, now: .zero) == .deferredUntilDone)
        #expect(machine.next(now: .zero) == nil)
    }

    @Test("a key re-added during its reconcile runs once more, and only once")
    func reAddDuringProcessing() {
        var machine = Machine(backoff: Backoff.workQueueFailures)
        _ = machine.add("a", readyAt: .zero, now: .zero)
        _ = machine.next(now: .zero)
        for _ in 0..<5 { _ = machine.add("a", readyAt: .zero, now: .zero) }
        #expect(machine.done("a", now: .seconds(1)) == .seconds(1))
        #expect(machine.next(now: .seconds(1))?.key == "a")
        #expect(machine.done("a", now: .seconds(1)) == .zero)
        #expect(machine.next(now: .seconds(1)) == nil)
    }

    @Test("delayed keys become ready in deadline order; the earlier time wins")
    func requeueAfterOrdering() {
        var machine = Machine(backoff: Backoff.workQueueFailures)
        _ = machine.add("late", readyAt: .seconds(30), now: .zero)
        _ = machine.add("early", readyAt: .seconds(10), now: .zero)
        _ = machine.add("middle", readyAt: .seconds(60), now: .zero)
        #expect(machine.add("middle", readyAt: .seconds(20), now: .zero) == .movedEarlier)
        #expect(machine.add("early", readyAt: .seconds(50), now: .zero) == .deduplicated)
        #expect(machine.nextReadyTime() == .seconds(10))
        #expect(machine.next(now: .seconds(5)) == nil)
        var order: [String] = []
        while let handout = machine.next(now: .seconds(100)) { order.append(handout.key) }
        #expect(order == ["early", "middle", "late"])
    }

    @Test("queue duration counts from when the key became ready")
    func queueDuration() {
        var machine = Machine(backoff: Backoff.workQueueFailures)
        _ = machine.add("a", readyAt: .seconds(10), now: .zero)
        #expect(machine.next(now: .seconds(12))?.queueDuration == .seconds(2))
    }

    @Test("failure backoff doubles from 5 ms and caps at 1000 s; forget resets it")
    func backoffGrowthAndReset() {
        var machine = Machine(backoff: Backoff.workQueueFailures)
        var delays: [Duration] = []
        for _ in 0..<3 {
            let (delay, _) = machine.addAfterFailure("a", now: .zero)
            delays.append(delay)
            _ = machine.next(now: .seconds(10_000))
            _ = machine.done("a", now: .seconds(10_000))
        }
        #expect(delays == [.milliseconds(5), .milliseconds(10), .milliseconds(20)])
        #expect(machine.failureCount(of: "a") == 3)
        machine.forget("a")
        #expect(machine.addAfterFailure("a", now: .zero).delay == .milliseconds(5))
        #expect(Backoff.workQueueFailures.delay(afterFailures: 40) == .seconds(1000))
        #expect(Backoff.workQueueFailures.delay(afterFailures: 1000) == .seconds(1000))
    }

    @Test("after shutdown no key is handed out and adds are rejected")
    func shutdown() {
        var machine = Machine(backoff: Backoff.workQueueFailures)
        _ = machine.add("a", readyAt: .zero, now: .zero)
        _ = machine.add("b", readyAt: .zero, now: .zero)
        _ = machine.next(now: .zero)
        machine.shutDown()
        #expect(machine.next(now: .zero) == nil)
        #expect(machine.add("c", readyAt: .zero, now: .zero) == .rejected)
        #expect(machine.done("a", now: .zero) != nil)
    }
}
