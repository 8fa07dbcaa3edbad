import Testing
import VirtualTime

@testable import ControllerRuntime

@Suite("WorkQueue", .serialized)
struct WorkQueueTests {
    @Test("next waits for an add and hands the key out once")
    func nextWaitsForAdd() async {
        let queue = WorkQueue<String>(name: "test", clock: ManualClock())
        async let key = queue.next()
        queue.add("a")
        queue.add("a")
        #expect(await key == "a")
        #expect(queue.statistics == .init(depth: 0, ready: 0, processing: 1, adds: 1, retries: 0))
        queue.done("a")
        #expect(queue.statistics.processing == 0)
    }

    @Test("a delayed key becomes ready when virtual time passes its deadline")
    func delayedKeyOnVirtualTime() async {
        let clock = ManualClock()
        let queue = WorkQueue<String>(name: "test", clock: clock)
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await queue.run() }
            queue.add("later", after: .seconds(10))
            queue.add("sooner", after: .seconds(5))
            #expect(await eventually { clock.sleeperCount == 1 && clock.nextDeadline?.offset == .seconds(5) })
            await clock.advance(by: .seconds(5))
            #expect(await queue.next() == "sooner")
            await clock.advance(by: .seconds(5))
            #expect(await queue.next() == "later")
            queue.shutDown()
        }
        #expect(await queue.next() == nil)
    }

    @Test("next returns nil after shutdown and when cancelled")
    func nextEndsOnShutdown() async {
        let queue = WorkQueue<String>(name: "test", clock: ManualClock())
        async let key = queue.next()
        queue.shutDown()
        #expect(await key == nil)
        let other = WorkQueue<String>(name: "other", clock: ManualClock())
        let task = Task { await other.next() }
        task.cancel()
        #expect(await task.value == nil)
    }

    @Test("failure re-adds count as retries and wait for their backoff")
    func retries() async {
        let clock = ManualClock()
        let queue = WorkQueue<String>(name: "test", clock: clock)
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await queue.run() }
            #expect(queue.addAfterFailure("a") == .milliseconds(5))
            #expect(await eventually { clock.sleeperCount == 1 })
            await clock.advance(by: .milliseconds(5))
            #expect(await queue.next() == "a")
            #expect(queue.addAfterFailure("a") == .milliseconds(10))
            queue.done("a")
            #expect(queue.statistics.retries == 2)
            queue.shutDown()
        }
    }
}
