import CoreMetrics
import DequeModule
import Primitives
import Synchronization

/// A de-duplicating, delay-capable queue of keys that hands each key to one worker at a time.
///
/// The semantics are client-go's work queue with controller-runtime's priority-queue rules:
///
/// ## Guarantees
/// - **De-duplication**: adding a key that is already waiting does nothing, except that an earlier ready time wins.
/// - **One at a time**: a key handed out by ``next()`` is not handed out again until ``done(_:)``.
/// - **Re-add during processing**: a key added while it is being processed runs once more after `done`, and only
///   once however often it was added.
/// - **Failure backoff**: ``addAfterFailure(_:)`` delays the key by ``Backoff/workQueueFailures`` (5 ms doubling to 1000 s);
///   ``forget(_:)`` resets the count.
/// - **Delays** (``add(_:after:)``) run on the injected clock; the ``run()`` loop must be running for delayed keys to
///   become ready.
/// - **Shutdown**: after ``shutDown()`` no key is handed out and ``next()`` returns `nil`; keys being processed can
///   still be marked done.
///
/// Depth, adds, queue latency, work duration and retries are reported to the injected metrics factory under
/// client-go's `workqueue_*` names and are also readable as ``statistics``. The unfinished-work gauges
/// (`workqueue_unfinished_work_seconds`, `workqueue_longest_running_processor_seconds`) are updated when a key is
/// handed out or done and by ``updateUnfinishedWorkMetrics()``, which a ``MetricsServer`` runs before each scrape.
public final class WorkQueue<Key: Hashable & Sendable>: Sendable {
    /// Counters for tests and diagnostics.
    public struct Statistics: Sendable, Hashable {
        /// Keys waiting (ready or delayed) or due to run again after their current reconcile.
        public var depth: Int
        /// Waiting keys that are due now (delayed ones not counted); with ``processing`` at zero the queue is idle
        /// until a delay passes or a key is added.
        public var ready: Int
        /// Keys being processed.
        public var processing: Int
        /// Adds that queued a key that was not waiting (what `workqueue_adds_total` counts).
        public var adds: Int
        /// Failure re-adds (what `workqueue_retries_total` counts).
        public var retries: Int
    }

    private struct Waiter {
        var id: UInt64
        var continuation: CheckedContinuation<Void, Never>
    }

    private struct State {
        var machine: StateMachine
        var waiters: Deque<Waiter> = []
        var nextWaiterID: UInt64 = 0
        var timerContinuation: CheckedContinuation<Void, Never>?
        var timerPoked = false
        var adds = 0
        var retries = 0
    }

    public let name: String
    private let clock: ElapsedClock
    private let state: Mutex<State>
    private let metrics: WorkQueueMetrics
    private let shutdownFlag = AsyncFlag()

    /// - Parameters:
    ///   - name: The queue's name in metrics (`name` and `controller` labels).
    ///   - clock: The clock of delays and latencies.
    ///   - backoff: Per-key failure backoff; client-go's defaults unless given.
    ///   - metricsFactory: Where `workqueue_*` metrics go; nowhere unless given.
    public init(
        name: String,
        clock: some Clock<Duration>,
        backoff: Backoff = Backoff.workQueueFailures,
        metricsFactory: any MetricsFactory = NOOPMetricsHandler.instance
    ) {
        self.name = name
        self.clock = ElapsedClock(clock)
        self.state = Mutex(State(machine: StateMachine(backoff: backoff)))
        self.metrics = WorkQueueMetrics(name: name, factory: metricsFactory)
    }

    /// Adds `key`, ready now.
    public func add(_ key: Key) {
        add(key, after: .zero)
    }

    /// Adds `key`, ready after `delay`; if it is already waiting the earlier ready time wins.
    public func add(_ key: Key, after delay: Duration) {
        let now = clock.now
        let (outcome, depth, wake) = state.withLock { state in
            let outcome = state.machine.add(key, readyAt: now + max(delay, .zero), now: now)
            if outcome == .queued { state.adds += 1 }
            return (outcome, state.machine.depth, wakeUp(&state, now: now))
        }
        if outcome == .queued { metrics.adds.increment() }
        metrics.depth.record(depth)
        resume(wake)
    }

    /// Adds `key` after its failure backoff and counts a retry; returns the delay chosen.
    @discardableResult
    public func addAfterFailure(_ key: Key) -> Duration {
        let now = clock.now
        let (delay, outcome, depth, wake) = state.withLock { state in
            let (delay, outcome) = state.machine.addAfterFailure(key, now: now)
            state.retries += 1
            if outcome == .queued { state.adds += 1 }
            return (delay, outcome, state.machine.depth, wakeUp(&state, now: now))
        }
        metrics.retries.increment()
        if outcome == .queued { metrics.adds.increment() }
        metrics.depth.record(depth)
        resume(wake)
        return delay
    }

    /// Resets the failure count of `key`.
    public func forget(_ key: Key) {
        state.withLock { $0.machine.forget(key) }
    }

    /// The number of consecutive failures of `key` since the last ``forget(_:)``.
    public func failureCount(of key: Key) -> Int {
        state.withLock { $0.machine.failureCount(of: key) }
    }

    /// Waits for a ready key and marks it as processing; `nil` once the queue shuts down or the task is cancelled.
    /// The caller must call ``done(_:)`` with the key when finished.
    public func next() async -> Key? {
        while true {
            if Task.isCancelled { return nil }
            let now = clock.now
            let id: UInt64
            let immediate: (handout: StateMachine.Handout?, depth: Int, wake: [CheckedContinuation<Void, Never>])? =
                state.withLock { state in
                    if state.machine.isShuttingDown { return (nil, 0, []) }
                    guard let handout = state.machine.next(now: now) else { return nil }
                    // Another ready key wakes another worker; the timer loop re-reads the earliest deadline.
                    return (handout, state.machine.depth, wakeUp(&state, now: now))
                }
            if let immediate {
                resume(immediate.wake)
                guard let handout = immediate.handout else { return nil }
                metrics.depth.record(immediate.depth)
                metrics.queueDuration.recordNanoseconds(handout.queueDuration.inNanoseconds)
                updateUnfinishedWorkMetrics()
                return handout.key
            }
            id = state.withLock { state in
                state.nextWaiterID += 1
                return state.nextWaiterID
            }
            await withTaskCancellationHandler {
                await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                    // Checked under the lock the cancellation handler takes: a cancellation that arrives before the
                    // waiter is registered finds nothing to resume, so it must be seen here.
                    let resumeNow: Bool = state.withLock { state in
                        if state.machine.isShuttingDown || state.machine.hasReadyKey(now: clock.now) || Task.isCancelled { return true }
                        state.waiters.append(Waiter(id: id, continuation: continuation))
                        return false
                    }
                    if resumeNow { continuation.resume() }
                }
            } onCancel: {
                let waiter: Waiter? = state.withLock { state in
                    guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                    return state.waiters.remove(at: index)
                }
                waiter?.continuation.resume()
            }
        }
    }

    /// Marks `key` as finished; if it was added during processing it waits again.
    public func done(_ key: Key) {
        let now = clock.now
        let (duration, depth, wake) = state.withLock { state in
            let duration = state.machine.done(key, now: now)
            return (duration, state.machine.depth, wakeUp(&state, now: now))
        }
        if let duration { metrics.workDuration.recordNanoseconds(duration.inNanoseconds) }
        metrics.depth.record(depth)
        updateUnfinishedWorkMetrics()
        resume(wake)
    }

    /// Records `workqueue_unfinished_work_seconds` and `workqueue_longest_running_processor_seconds` as of now.
    public func updateUnfinishedWorkMetrics() {
        let now = clock.now
        let work = state.withLock { $0.machine.unfinishedWork(now: now) }
        metrics.unfinishedWork.record(work.total.inSeconds)
        metrics.longestRunningProcessor.record(work.longest.inSeconds)
    }

    /// Stops handing out keys: every ``next()`` returns `nil` from now on, and ``run()`` returns.
    public func shutDown() {
        let wake: [CheckedContinuation<Void, Never>] = state.withLock { state in
            state.machine.shutDown()
            var all = state.waiters.map(\.continuation)
            state.waiters.removeAll()
            if let timer = state.timerContinuation {
                all.append(timer)
                state.timerContinuation = nil
            }
            state.timerPoked = true
            return all
        }
        for continuation in wake { continuation.resume() }
        shutdownFlag.set()
    }

    /// Returns once ``shutDown()`` is called (or the task is cancelled).
    public func waitUntilShutDown() async {
        await shutdownFlag.wait()
    }

    /// Whether ``shutDown()`` was called.
    public var isShuttingDown: Bool { state.withLock { $0.machine.isShuttingDown } }

    /// A snapshot of depth, processing, adds and retries.
    public var statistics: Statistics {
        state.withLock { state in
            Statistics(
                depth: state.machine.depth, ready: state.machine.readyCount(now: clock.now), processing: state.machine.processingCount,
                adds: state.adds, retries: state.retries
            )
        }
    }

    /// Makes delayed keys ready when their time comes; returns after ``shutDown()`` or when cancelled.
    public func run() async {
        while true {
            let (deadline, stop): (Duration?, Bool) = state.withLock { state in
                state.timerPoked = false
                return (state.machine.nextReadyTime(), state.machine.isShuttingDown)
            }
            if stop || Task.isCancelled { return }
            if let deadline, deadline <= clock.now {
                // Wake a worker without poking this loop, or it would spin while the key waits for a free worker.
                let wake: [CheckedContinuation<Void, Never>] = state.withLock { state in
                    guard state.machine.hasReadyKey(now: clock.now), let waiter = state.waiters.popFirst() else { return [] }
                    return [waiter.continuation]
                }
                resume(wake)
                // Ready keys stay ready until a worker takes them; wait for the next change instead of spinning.
                await waitForPoke()
                continue
            }
            await withTaskGroup(of: Void.self) { group in
                if let deadline {
                    group.addTask { [clock] in _ = try? await clock.sleep(until: deadline) }
                }
                group.addTask { await self.waitForPoke() }
                await group.next()
                group.cancelAll()
            }
            let wake = state.withLock { wakeUp(&$0, now: clock.now) }
            resume(wake)
        }
    }

    // MARK: - Private

    /// Takes the waiters to resume when a key is ready, and pokes the timer loop so that it re-reads the earliest
    /// deadline. Waiters re-check the state themselves, so waking more than needed is harmless.
    private func wakeUp(_ state: inout State, now: Duration) -> [CheckedContinuation<Void, Never>] {
        var wake: [CheckedContinuation<Void, Never>] = []
        if state.machine.hasReadyKey(now: now), let waiter = state.waiters.popFirst() {
            wake.append(waiter.continuation)
        }
        if let timer = state.timerContinuation {
            wake.append(timer)
            state.timerContinuation = nil
        } else {
            state.timerPoked = true
        }
        return wake
    }

    private func resume(_ continuations: [CheckedContinuation<Void, Never>]) {
        for continuation in continuations { continuation.resume() }
    }

    private func waitForPoke() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow: Bool = state.withLock { state in
                    if state.timerPoked || state.machine.isShuttingDown || Task.isCancelled {
                        state.timerPoked = false
                        return true
                    }
                    state.timerContinuation = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let continuation: CheckedContinuation<Void, Never>? = state.withLock { state in
                defer { state.timerContinuation = nil }
                return state.timerContinuation
            }
            continuation?.resume()
        }
    }
}
