import ControllerRuntime
import KubeClient
import Synchronization
import Testing
import VirtualTime

/// In-memory sources: a store per kind fed directly by its writer.
final class Sources: Sendable {
    let widgets = Store<Widget>()
    let gadgets = Store<Gadget>(indexes: [.ownerUID])
    private let writers = Mutex<(StoreWriterBox<Widget>, StoreWriterBox<Gadget>)?>(nil)

    init(widgets initial: [Widget] = [], gadgets initialGadgets: [Gadget] = []) {
        writers.withLock { $0 = (StoreWriterBox(widgets), StoreWriterBox(gadgets)) }
        send(.initStart)
        for widget in initial { send(.initApply(widget)) }
        send(.initDone)
        send(gadget: .initStart)
        for gadget in initialGadgets { send(gadget: .initApply(gadget)) }
        send(gadget: .initDone)
    }

    func send(_ event: WatcherEvent<Widget>) { writers.withLock { $0?.0.apply(event) } }
    func send(gadget event: WatcherEvent<Gadget>) { writers.withLock { $0?.1.apply(event) } }
}

/// Holds a non-copyable writer in a class so a test can keep it in a Mutex.
final class StoreWriterBox<Object: Resource> {
    private var writer: StoreWriter<Object>
    init(_ store: Store<Object>) { writer = StoreWriter(store) }
    func apply(_ event: WatcherEvent<Object>) { writer.apply(event) }
}

private func key(_ name: String) -> ObjectKey { ObjectKey(namespace: "default", name: name) }

@Suite("Controller")
struct ControllerTests {
    @Test("reconciles every cached primary after sync, then primaries, owned children and watched objects as they change")
    func triggers() async {
        let sources = Sources(widgets: [Widget("a"), Widget("b")])
        let seen = Recorder<String>()
        let controller = Controller(for: sources.widgets, options: .init(name: "widgets"), clock: ManualClock())
            .owns(sources.gadgets)
            .watches(sources.gadgets) { gadget in gadget.nodeName.map { [key($0)] } ?? [] }
        let reconciler = ReconcileFunction { key in
            seen.append(key.name)
            return .done
        }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await controller.run(reconciler) }
            #expect(await eventually { Set(seen.values) == ["a", "b"] })
            sources.send(.apply(Widget("c")))
            #expect(await eventually { seen.values.contains("c") })
            sources.send(gadget: .apply(Gadget("g", owner: Widget("a"), nodeName: "n")))
            #expect(await eventually { seen.values.filter { $0 == "a" }.count == 2 && seen.values.contains("n") })
            sources.send(gadget: .delete(Gadget("g", owner: Widget("a"))))
            #expect(await eventually { seen.values.filter { $0 == "a" }.count == 3 })
            sources.send(.delete(Widget("b")))
            #expect(await eventually { seen.values.filter { $0 == "b" }.count == 2 })
            controller.shutDown()
        }
    }

    @Test("a generation filter drops status-only updates of the primary")
    func generationFilter() async {
        let sources = Sources(widgets: [Widget("a")])
        let count = Locked(0)
        let controller = Controller(for: sources.widgets, options: .init(name: "widgets"), clock: ManualClock())
            .withEventFilter(.generationChanged)
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await controller.run(ReconcileFunction { _ in count.withLock { $0 += 1 }; return .done }) }
            #expect(await eventually { count.withLock { $0 } == 1 })
            sources.send(.apply(Widget("a", resourceVersion: "2", generation: 1)))
            sources.send(.apply(Widget("a", resourceVersion: "3", generation: 2)))
            #expect(await eventually { count.withLock { $0 } == 2 })
            controller.shutDown()
        }
    }

    @Test("a key is never reconciled twice at once; a change during its reconcile runs it exactly once more")
    func oneAtATimeWithReAdd() async {
        let sources = Sources(widgets: [Widget("a")])
        let running = Locked(0)
        let maxRunning = Locked(0)
        let calls = Locked(0)
        let gate = AsyncFlag()
        let controller = Controller(for: sources.widgets, options: .init(name: "widgets", maxConcurrentReconciles: 4), clock: ManualClock())
        let reconciler = ReconcileFunction { _ in
            let call = calls.withLock { $0 += 1; return $0 }
            let now = running.withLock { $0 += 1; return $0 }
            maxRunning.withLock { $0 = max($0, now) }
            if call == 1 { await gate.wait() }
            running.withLock { $0 -= 1 }
            return .done
        }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await controller.run(reconciler) }
            #expect(await eventually { calls.withLock { $0 } == 1 })
            for version in 2...6 { sources.send(.apply(Widget("a", resourceVersion: "\(version)"))) }
            gate.set()
            #expect(await eventually { calls.withLock { $0 } == 2 && controller.queue.statistics.processing == 0 })
            #expect(maxRunning.withLock { $0 } == 1)
            controller.shutDown()
        }
        #expect(calls.withLock { $0 } == 2)
    }

    @Test("requeue-after runs the key again when virtual time passes the delay")
    func requeueAfter() async {
        let clock = ManualClock()
        let sources = Sources(widgets: [Widget("a")])
        let calls = Locked(0)
        let controller = Controller(for: sources.widgets, options: .init(name: "widgets"), clock: clock)
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await controller.run(ReconcileFunction { _ in
                    calls.withLock { $0 += 1 }
                    return .requeue(after: .seconds(30))
                })
            }
            #expect(await eventually { calls.withLock { $0 } == 1 && clock.nextDeadline?.offset == .seconds(30) })
            await clock.advance(by: .seconds(29))
            #expect(calls.withLock { $0 } == 1)
            await clock.advance(by: .seconds(1))
            #expect(await eventually { calls.withLock { $0 } == 2 })
            controller.shutDown()
        }
    }

    @Test("errors retry with growing backoff, success resets it, terminal errors are not retried")
    func errorsAndBackoff() async {
        struct Flaky: Error {}
        let clock = ManualClock()
        let sources = Sources(widgets: [Widget("a"), Widget("t")])
        let calls = Recorder<String>()
        let controller = Controller(for: sources.widgets, options: .init(name: "widgets"), clock: clock)
        let reconciler = ReconcileFunction { key in
            calls.append(key.name)
            if key.name == "t" { throw TerminalReconcileError(Flaky()) }
            if calls.values.filter({ $0 == "a" }).count < 3 { throw Flaky() }
            return .done
        }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await controller.run(reconciler) }
            #expect(await eventually { calls.count == 2 && controller.queue.failureCount(of: key("a")) == 1 })
            #expect(controller.queue.failureCount(of: key("t")) == 0)
            await clock.advance(by: .milliseconds(5))
            #expect(await eventually { controller.queue.failureCount(of: key("a")) == 2 })
            await clock.advance(by: .milliseconds(9))
            #expect(calls.values.filter { $0 == "a" }.count == 2)
            await clock.advance(by: .milliseconds(1))
            #expect(await eventually { calls.values.filter { $0 == "a" }.count == 3 && controller.queue.failureCount(of: key("a")) == 0 })
            #expect(calls.values.filter { $0 == "t" }.count == 1)
            #expect(controller.queue.statistics.retries == 2)
            controller.shutDown()
        }
    }

    @Test("shutdown takes no new keys and lets the running reconcile finish")
    func gracefulShutdown() async {
        let sources = Sources(widgets: [Widget("a")])
        let started = AsyncFlag()
        let release = AsyncFlag()
        let finished = Locked(false)
        let controller = Controller(for: sources.widgets, options: .init(name: "widgets"), clock: ManualClock())
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await controller.run(ReconcileFunction { _ in
                    started.set()
                    await release.wait()
                    finished.withLock { $0 = true }
                    return .done
                })
            }
            await started.wait()
            controller.shutDown()
            sources.send(.apply(Widget("b")))
            release.set()
        }
        #expect(finished.withLock { $0 })
        #expect(controller.queue.statistics.processing == 0)
    }

    @Test("running reconciles are cancelled when the shutdown bound passes")
    func shutdownBound() async {
        let clock = ManualClock()
        let sources = Sources(widgets: [Widget("a")])
        let started = AsyncFlag()
        let cancelled = Locked(false)
        let controller = Controller(for: sources.widgets, options: .init(name: "widgets", gracefulShutdownTimeout: .seconds(30)), clock: clock)
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await controller.run(ReconcileFunction { _ in
                    started.set()
                    do { try await clock.sleep(for: .seconds(3600)) } catch { cancelled.withLock { $0 = true } }
                    return .done
                })
            }
            await started.wait()
            controller.shutDown()
            #expect(await eventually { clock.sleeperCount == 2 })
            await clock.advance(by: .seconds(30))
        }
        #expect(cancelled.withLock { $0 })
    }
}
