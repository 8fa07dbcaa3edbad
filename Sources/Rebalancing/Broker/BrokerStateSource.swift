import ControllerRuntime
import KubeClient
import Logging
import Primitives
import ServiceLifecycle
import Synchronization

/// Polls each BrokerCluster's EMQX and publishes the readings into a ``BrokerStateStore``: broker state as a
/// source, like a watch, since EMQX has none.
///
/// ## Guarantees
/// - One poll loop per BrokerCluster in the cache; it starts when the cluster appears and ends when it is gone.
///   A slow or unreachable EMQX delays only its own cluster's readings.
/// - The interval adapts (``BrokerPollIntervals``): at most ``BrokerPollIntervals/active`` while an evacuation or
///   rebalance runs in that cluster or is being started or stopped (``activity``), ``BrokerPollIntervals/idle``
///   otherwise. ``refresh(_:)`` reads at once: reconcilers call it after every action they take. A change of a
///   BrokerCluster's spec or lifecycle reads at once too; a status write does not.
/// - A reading is published before the next one is taken, so the store never goes back in time for a cluster.
/// - Reads only: the source never changes anything on a broker.
/// - It stops on cancellation and on graceful shutdown.
public final class BrokerStateSource: Sendable {
    /// Whether an operation runs or is being started or stopped in a cluster, from the operator's own resources.
    public typealias Activity = @Sendable (ObjectKey) -> Bool

    private let clusters: Store<BrokerCluster>
    private let connector: any BrokerConnecting
    private let states: BrokerStateStore
    private let activity: Activity
    private let intervals: BrokerPollIntervals
    private let clock: ElapsedClock
    private let logger: Logger
    private let doorbells = Mutex<[ObjectKey: Doorbell]>([:])
    private let started: (stream: AsyncStream<ObjectKey>, continuation: AsyncStream<ObjectKey>.Continuation)
    private let inFlight = Mutex(0)

    public init(
        clusters: Store<BrokerCluster>, connector: any BrokerConnecting, states: BrokerStateStore,
        intervals: BrokerPollIntervals = BrokerPollIntervals(), activity: @escaping Activity = { _ in false },
        clock: some Clock<Duration> = ContinuousClock(), logger: Logger = Logger(label: "rebalance.broker-source")
    ) {
        self.clusters = clusters
        self.connector = connector
        self.states = states
        self.intervals = intervals
        self.activity = activity
        self.clock = ElapsedClock(clock)
        self.logger = logger
        self.started = AsyncStream.makeStream()
    }

    /// Reads the cluster `key` at once (a no-op for a cluster without a loop).
    public func refresh(_ key: ObjectKey) {
        let doorbell = doorbells.withLock { $0[key] }
        doorbell?.ring()
    }

    /// The number of readings being taken now (tests wait for it to reach zero before moving virtual time).
    public var readingsInFlight: Int { inFlight.withLock { $0 } }

    /// Runs the poll loops until cancelled or shut down gracefully.
    public func run() async {
        let subscription = clusters.subscribe { [self] change in
            // A status write (the BrokerCluster reconciler writes one after most readings) changes nothing about
            // where or how to read; ringing on it would read again at once, write again, and so on.
            guard ChangePredicate<BrokerCluster>.specOrLifecycleChanged.evaluate(change) else { return }
            self.clusterChanged(change.object.key)
        }
        defer { clusters.unsubscribe(subscription) }
        await cancelWhenGracefulShutdown {
            await self.clusters.waitUntilSynced()
            for key in self.clusters.keys { self.clusterChanged(key) }
            await withDiscardingTaskGroup { group in
                for await key in self.started.stream {
                    group.addTask { await self.poll(key) }
                }
            }
        }
    }

    /// A new cluster gets a loop; a changed one is read at once (its spec may point elsewhere now).
    private func clusterChanged(_ key: ObjectKey) {
        let (isNew, doorbell): (Bool, Doorbell?) = doorbells.withLock { doorbells in
            if let existing = doorbells[key] { return (false, existing) }
            guard clusters.object(for: key) != nil else { return (false, nil) }
            let doorbell = Doorbell()
            doorbells[key] = doorbell
            return (true, doorbell)
        }
        if isNew {
            started.continuation.yield(key)
        } else {
            doorbell?.ring()
        }
    }

    /// One cluster's loop: read, publish, wait for the interval or a refresh; ends when the cluster is gone.
    private func poll(_ key: ObjectKey) async {
        guard let doorbell = doorbells.withLock({ $0[key] }) else { return }
        while !Task.isCancelled {
            // Checked under the doorbells' lock, so a cluster re-created meanwhile either finds this loop running
            // or starts a new one.
            let cluster: BrokerCluster? = doorbells.withLock { doorbells in
                guard let cluster = clusters.object(for: key) else {
                    doorbells[key] = nil
                    return nil
                }
                return cluster
            }
            guard let cluster else {
                states.remove(key)
                await connector.forget(key)
                return
            }
            inFlight.withLock { $0 += 1 }
            let ticket = states.ticket()
            let reading = await connector.read(cluster)
            states.publish(reading, ticket: ticket, for: key)
            inFlight.withLock { $0 -= 1 }
            let interval = intervals.interval(for: reading, isActive: activity(key))
            await doorbell.wait(upTo: interval, clock: clock)
        }
    }
}

/// How often ``BrokerStateSource`` reads a cluster's EMQX.
public struct BrokerPollIntervals: Sendable, Hashable {
    /// While an evacuation or rebalance runs in the cluster, or the operator is starting or stopping one: 1 s, so
    /// that status trails EMQX by at most one second (design section 4).
    public var active: Duration
    /// Otherwise: 10 s, which keeps a BrokerCluster's `Reachable` condition and per-node counts within 10 s of
    /// EMQX for two small GETs per cluster.
    public var idle: Duration

    public init(active: Duration = .seconds(1), idle: Duration = .seconds(10)) {
        self.active = active
        self.idle = idle
    }

    /// The wait before the next reading.
    public func interval(for reading: BrokerReading, isActive: Bool) -> Duration {
        if isActive { return active }
        if case let .snapshot(snapshot, _) = reading, !snapshot.evacuations.isEmpty || !snapshot.rebalances.isEmpty {
            return active
        }
        return idle
    }
}

/// A wake-up call for one waiting task: ``wait(upTo:clock:)`` returns when the time is up or ``ring()`` was called
/// (a ring while nobody waits is kept for the next wait).
final class Doorbell: Sendable {
    private struct State {
        var rung = false
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let state = Mutex(State())

    func ring() {
        let waiter: CheckedContinuation<Void, Never>? = state.withLock { state in
            if let waiter = state.waiter {
                state.waiter = nil
                return waiter
            }
            state.rung = true
            return nil
        }
        waiter?.resume()
    }

    func wait(upTo duration: Duration, clock: ElapsedClock) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await clock.sleep(for: duration) }
            group.addTask { await self.waitForRing() }
            await group.next()
            group.cancelAll()
            // The ring wait ends on cancellation through its handler.
        }
    }

    private func waitForRing() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow: Bool = state.withLock { state in
                    if state.rung || Task.isCancelled {
                        state.rung = false
                        return true
                    }
                    state.waiter = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter: CheckedContinuation<Void, Never>? = state.withLock { state in
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume()
        }
    }
}
