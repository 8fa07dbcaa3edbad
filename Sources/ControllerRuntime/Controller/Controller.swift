import CoreMetrics
import Foundation
import KubeClient
import Logging
import Primitives
import ServiceLifecycle

/// Runs a ``Reconciler`` for one primary kind, triggered by changes of that kind and of the kinds it owns or
/// watches — kube-rs's `Controller` and controller-runtime's builder in one value.
///
/// ```swift
/// let controller = Controller(for: evacuations.store, options: .init(name: "nodeevacuation"), clock: clock)
///     .owns(pods.store)
///     .watches(nodes.store) { node in keysOfEvacuations(on: node) }
/// try await controller.run(reconciler)
/// ```
///
/// ## Guarantees
/// - A key is never reconciled by two workers at once; a change during a reconcile causes exactly one more.
/// - No reconcile starts before every store the controller reads from has synced; then every cached primary
///   object is reconciled once.
/// - `.requeue(after:)` schedules the key again relative to when the reconcile finished; a thrown error retries with
///   per-key backoff (``Backoff/workQueueFailures``); ``TerminalReconcileError`` is counted and not retried; `.done` and a
///   successful requeue reset the backoff.
/// - On graceful shutdown (swift-service-lifecycle, or ``shutDown()``) no new key is taken, running reconciles get
///   ``ControllerOptions/gracefulShutdownTimeout`` to finish, then they are cancelled. Cancelling the task that runs
///   the controller (leadership lost) cancels running reconciles at once.
public struct Controller<Primary: Resource>: Sendable {
    struct Trigger: Sendable {
        var subscribe: @Sendable (WorkQueue<ObjectKey>) -> @Sendable () -> Void
        var waitUntilSynced: @Sendable () async -> Void
    }

    public let options: ControllerOptions
    /// The primary kind's cache, the one reconcilers read their object from.
    public let store: Store<Primary>
    /// The controller's queue of primary keys; adding a key here triggers a reconcile.
    public let queue: WorkQueue<ObjectKey>
    private var triggers: [Trigger] = []
    private var predicate: ChangePredicate<Primary> = .all
    private let clock: ElapsedClock
    private let metrics: ControllerMetrics
    private let logger: Logger

    /// - Parameters:
    ///   - store: The primary kind's store (its reflector must run for the controller to start).
    ///   - options: Name, concurrency, shutdown bound, backoff.
    ///   - clock: The clock of requeues, backoff and metrics.
    ///   - metricsFactory: Where `controller_runtime_*` and `workqueue_*` metrics go.
    ///   - logger: Reconcile errors are logged here.
    public init(
        for store: Store<Primary>,
        options: ControllerOptions,
        clock: some Clock<Duration> = ContinuousClock(),
        metricsFactory: any MetricsFactory = NOOPMetricsHandler.instance,
        logger: Logger = Logger(label: "ControllerRuntime.Controller")
    ) {
        self.options = options
        self.store = store
        self.clock = ElapsedClock(clock)
        self.queue = WorkQueue(name: options.name, clock: clock, backoff: options.failureBackoff, metricsFactory: metricsFactory)
        self.metrics = ControllerMetrics(controller: options.name, factory: metricsFactory)
        var logger = logger
        logger[metadataKey: "controller"] = "\(options.name)"
        self.logger = logger
    }

    /// Reconciles the controller owner of every changed `Child` whose owner is of the primary kind.
    public func owns<Child: Resource>(_ children: Store<Child>) -> Self {
        watches(children) { child in KeyMapping.controllerOwner(of: child, ownerType: Primary.self) }
    }

    /// Reconciles the primary keys `mapping` returns for every changed `Other` that passes `predicate` (both the old
    /// and the new state of an update, so a key that stops matching is reconciled too).
    public func watches<Other: Resource>(_ other: Store<Other>, predicate: ChangePredicate<Other> = .all, mapping: @escaping @Sendable (Other) -> [ObjectKey]) -> Self {
        var copy = self
        copy.triggers.append(
            Trigger(
                subscribe: { queue in
                    let subscription = other.subscribe { change in
                        guard predicate.evaluate(change) else { return }
                        var keys = mapping(change.object)
                        if case .applied(let old?, _) = change { keys += mapping(old) }
                        for key in Set(keys) { queue.add(key) }
                    }
                    return { other.unsubscribe(subscription) }
                },
                waitUntilSynced: { await other.waitUntilSynced() }
            )
        )
        return copy
    }

    /// A copy with one more trigger.
    func adding(_ trigger: Trigger) -> Self {
        var copy = self
        copy.triggers.append(trigger)
        return copy
    }

    /// Only primary changes that pass `predicate` trigger a reconcile (owned and watched kinds are not filtered).
    public func withEventFilter(_ predicate: ChangePredicate<Primary>) -> Self {
        var copy = self
        copy.predicate = copy.predicate.and(predicate)
        return copy
    }

    /// Stops taking keys; running reconciles finish (see the type's guarantees) and ``run(_:)`` returns.
    public func shutDown() {
        queue.shutDown()
    }

    /// The number of reconciles running now.
    public var activeWorkers: Int { metrics.activeWorkers }

    /// Runs the controller until shutdown or cancellation.
    public func run(_ reconciler: some Reconciler) async {
        let queue = self.queue
        let predicate = self.predicate
        let primary = store.subscribe { change in
            if predicate.evaluate(change) { queue.add(change.object.key) }
        }
        let unsubscribes = triggers.map { $0.subscribe(queue) }
        defer {
            store.unsubscribe(primary)
            for unsubscribe in unsubscribes { unsubscribe() }
        }
        await withGracefulShutdownHandler {
            guard await waitUntilSyncedOrShutDown(), !Task.isCancelled else { return }
            for key in store.keys { queue.add(key) }
            metrics.maxConcurrentReconciles.record(options.maxConcurrentReconciles)
            await runWorkers(reconciler)
        } onGracefulShutdown: {
            queue.shutDown()
        }
    }

    /// Waits for every store to sync; `false` when the queue shuts down first.
    private func waitUntilSyncedOrShutDown() async -> Bool {
        let store = self.store
        let triggers = self.triggers
        let queue = self.queue
        return await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                await store.waitUntilSynced()
                for trigger in triggers { await trigger.waitUntilSynced() }
                return !Task.isCancelled
            }
            group.addTask {
                await queue.waitUntilShutDown()
                return false
            }
            let synced = await group.next() ?? false
            group.cancelAll()
            return synced && !queue.isShuttingDown
        }
    }

    private enum ChildExit: Sendable {
        case worker, timers, shutdownDeadline
    }

    private func runWorkers(_ reconciler: some Reconciler) async {
        await withTaskGroup(of: ChildExit.self) { group in
            group.addTask {
                await queue.run()
                return .timers
            }
            for _ in 0..<options.maxConcurrentReconciles {
                group.addTask {
                    await work(reconciler)
                    return .worker
                }
            }
            group.addTask {
                await queue.waitUntilShutDown()
                guard queue.isShuttingDown else { return .shutdownDeadline }
                try? await clock.sleep(for: options.gracefulShutdownTimeout)
                return .shutdownDeadline
            }
            var workersLeft = options.maxConcurrentReconciles
            while let exit = await group.next() {
                switch exit {
                case .worker:
                    workersLeft -= 1
                    if workersLeft == 0 { group.cancelAll() }
                case .shutdownDeadline:
                    if workersLeft > 0, queue.isShuttingDown {
                        logger.warning("graceful shutdown timeout passed; cancelling running reconciles")
                    }
                    group.cancelAll()
                case .timers:
                    break
                }
            }
        }
    }

    private func work(_ reconciler: some Reconciler) async {
        while let key = await queue.next() {
            metrics.changeActiveWorkers(by: 1)
            let started = clock.now
            let metadata = ReconcileLogMetadata.metadata(controller: options.name, resource: Primary.resource, key: key, reconcileID: UUID().uuidString.lowercased())
            let outcome: Result<ReconcileResult, any Error> = await ReconcileLogMetadata.$current.withValue(metadata) {
                do {
                    return .success(try await reconciler.reconcile(key))
                } catch {
                    return .failure(error)
                }
            }
            metrics.reconcileTime.recordNanoseconds((clock.now - started).inNanoseconds)
            metrics.changeActiveWorkers(by: -1)
            ReconcileLogMetadata.$current.withValue(metadata) { handle(outcome, for: key) }
            queue.done(key)
        }
    }

    private func handle(_ outcome: Result<ReconcileResult, any Error>, for key: ObjectKey) {
        switch outcome {
        case .success(.done):
            metrics.success.increment()
            queue.forget(key)
        case .success(.requeue(let delay)):
            queue.forget(key)
            if delay > .zero {
                metrics.requeueAfter.increment()
                queue.add(key, after: delay)
            } else {
                metrics.requeue.increment()
                queue.add(key)
            }
        case .failure(let error as TerminalReconcileError):
            metrics.error.increment()
            metrics.errors.increment()
            metrics.terminalErrors.increment()
            queue.forget(key)
            logger.error("reconcile failed terminally; not retrying", metadata: ["key": "\(key)", "error": "\(error.underlying)"])
        case .failure(let error):
            metrics.error.increment()
            metrics.errors.increment()
            if error is CancellationError, Task.isCancelled { return }
            let delay = queue.addAfterFailure(key)
            logger.error("reconcile failed; retrying", metadata: ["key": "\(key)", "error": "\(error)", "retryIn": "\(delay)"])
        }
    }
}
