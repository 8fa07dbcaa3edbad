import CoreMetrics
import Foundation
import Logging
import Primitives
import ServiceLifecycle
import Synchronization

/// Leader election over a Lease with client-go's algorithm and defaults (15 s lease, 10 s renew deadline, 2 s retry).
///
/// ``run(whileLeading:)`` tries to acquire the lease every retry period (with jitter), then runs `body` while it
/// renews. Only one candidate leads at a time as long as the lock's update is conditional on the resourceVersion.
///
/// ## Guarantees
/// - `body` starts only after this candidate wrote itself as holder, and never runs twice.
/// - If renewal does not succeed within `renewDeadline`, `body` is cancelled at once and ``run(whileLeading:)`` throws
///   ``LeaderElectionError/leadershipLost(identity:)``; a hung API call counts as a failure when the deadline passes.
/// - When `body` returns (graceful shutdown) and ``LeaderElectionConfiguration/releaseOnCancel`` is set, the lease is
///   released (empty holder, 1 s duration) so another candidate takes over at its next retry without waiting for
///   expiry. A release that meets a newer resourceVersion re-reads the Lease and retries while it still names us; it
///   never overwrites another holder. A release from a cancelled task cannot reach the server (the lease expires).
/// - A graceful shutdown while still acquiring stops acquiring and returns without running `body`.
public final class LeaderElector: Sendable {
    public let configuration: LeaderElectionConfiguration
    private let lock: any LeaseLock
    private let clock: ElapsedClock
    private let wallClock: @Sendable () -> Date
    private let jitter: @Sendable () -> Double
    private let machine: Mutex<StateMachine>
    private let leaderGauge: Gauge
    private let logger: Logger

    /// - Parameters:
    ///   - lock: The Lease I/O.
    ///   - configuration: Identity and timing.
    ///   - clock: Monotonic clock of retries, deadlines and expiry.
    ///   - wallClock: The time written into `acquireTime` and `renewTime`.
    ///   - jitter: A random number in `0..<1` for the acquire jitter (tests pass a constant).
    ///   - metricsFactory: Where `leader_election_master_status` goes.
    public init(
        lock: any LeaseLock,
        configuration: LeaderElectionConfiguration,
        clock: some Clock<Duration> = ContinuousClock(),
        wallClock: @escaping @Sendable () -> Date = { Date() },
        jitter: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
        metricsFactory: any MetricsFactory = NOOPMetricsHandler.instance,
        logger: Logger = Logger(label: "ControllerRuntime.LeaderElector")
    ) throws(LeaderElectionError) {
        try configuration.validate()
        self.configuration = configuration
        self.lock = lock
        self.clock = ElapsedClock(clock)
        self.wallClock = wallClock
        self.jitter = jitter
        self.machine = Mutex(StateMachine(identity: configuration.identity, leaseDuration: configuration.leaseDuration))
        self.leaderGauge = Gauge(label: MetricNames.leaderElectionMasterStatus, dimensions: [("name", configuration.identity)], factory: metricsFactory)
        var logger = logger
        logger[metadataKey: "identity"] = "\(configuration.identity)"
        self.logger = logger
    }

    /// Whether this candidate currently believes it leads.
    public var isLeader: Bool { machine.withLock { $0.isLeader } }

    /// The lease as last read or written.
    public var observedLease: ObservedLease? { machine.withLock { $0.observed } }

    /// Acquires the lease, runs `body` while leading, and releases the lease when `body` returns.
    /// - Throws: ``LeaderElectionError/leadershipLost(identity:)`` when renewal fails; what `body` throws.
    public func run(whileLeading body: @escaping @Sendable () async throws -> Void) async throws {
        let acquired = await cancelWhenGracefulShutdown { [self] in await acquire() }
        guard acquired, !Task.isCancelled else { return }
        leaderGauge.record(1)
        logger.info("acquired leadership")

        enum Exit: Sendable {
            case bodyFinished
            case renewFailed
            case renewCancelled
        }
        do {
            try await withThrowingTaskGroup(of: Exit.self) { group in
                group.addTask {
                    try await body()
                    return .bodyFinished
                }
                group.addTask { [self] in
                    return await renewUntilFailure() ? .renewFailed : .renewCancelled
                }
                let first = try await group.next()
                group.cancelAll()
                if first == .renewFailed {
                    machine.withLock { $0.lost() }
                    leaderGauge.record(0)
                    logger.error("leadership lost: renewal did not succeed within the renew deadline")
                    throw LeaderElectionError.leadershipLost(identity: configuration.identity)
                }
            }
        } catch let error as LeaderElectionError {
            throw error
        } catch {
            await release()
            throw error
        }
        await release()
    }

    /// Releases the lease if we hold it (used on graceful stop; safe to call when not leading).
    public func release() async {
        leaderGauge.record(0)
        guard configuration.releaseOnCancel else {
            machine.withLock { $0.lost() }
            return
        }
        // A renewal cancelled mid-flight may have landed after all, making our resourceVersion stale: on a failed
        // write, re-read the Lease and retry while it still names us (client-go reads before releasing, too).
        for _ in 0..<3 {
            guard let release = machine.withLock({ $0.releaseRecord(wallNow: wallClock()) }) else { return }
            do {
                let lease = try await lock.update(release.0, version: release.version)
                machine.withLock { $0.released(lease, now: clock.now) }
                logger.info("released leadership")
                return
            } catch {
                logger.debug("could not release the lease, re-reading it", metadata: ["error": "\(error)"])
            }
            guard let current = try? await lock.get(), machine.withLock({ $0.refreshedBeforeRelease(current) }) else { break }
        }
        machine.withLock { $0.lost() }
        logger.warning("could not release the lease; another candidate takes over once it expires")
    }

    /// One `tryAcquireOrRenew` round; returns whether we hold the lease afterwards.
    func tryAcquireOrRenew() async -> Bool {
        let now = clock.now
        if let renewal = machine.withLock({ $0.renewalWithoutRead(now: now, wallNow: wallClock()) }) {
            if let lease = try? await lock.update(renewal.0, version: renewal.version) {
                machine.withLock { $0.succeeded(with: lease, now: clock.now) }
                return true
            }
        }
        let current: ObservedLease?
        do {
            current = try await lock.get()
        } catch {
            logger.debug("could not read the lease", metadata: ["error": "\(error)"])
            return false
        }
        let decision = machine.withLock { $0.decide(after: current, now: clock.now, wallNow: wallClock()) }
        do {
            switch decision {
            case .heldByOther:
                return false
            case .create(let record):
                let lease = try await lock.create(record)
                machine.withLock { $0.succeeded(with: lease, now: clock.now) }
            case .update(let record, let version):
                let lease = try await lock.update(record, version: version)
                machine.withLock { $0.succeeded(with: lease, now: clock.now) }
            }
            return machine.withLock { $0.isLeader }
        } catch {
            logger.debug("could not write the lease", metadata: ["error": "\(error)"])
            return false
        }
    }

    /// Tries every retry period (with jitter) until the lease is ours; `false` when cancelled.
    private func acquire() async -> Bool {
        while !Task.isCancelled {
            if await tryAcquireOrRenew() { return true }
            let wait = configuration.retryPeriod * (1 + jitter() * configuration.jitterFactor)
            do { try await clock.sleep(for: wait) } catch { return false }
        }
        return false
    }

    /// Renews every retry period; returns `true` when a round fails to renew within the renew deadline, `false` when
    /// cancelled.
    private func renewUntilFailure() async -> Bool {
        while !Task.isCancelled {
            do { try await clock.sleep(for: configuration.retryPeriod) } catch { return false }
            let roundDeadline = clock.now + configuration.renewDeadline
            var renewed = false
            while !renewed, clock.now < roundDeadline, !Task.isCancelled {
                renewed = (try? await withDeadline(roundDeadline, clock: clock) { [self] in await tryAcquireOrRenew() }) ?? false
                if !renewed {
                    let next = min(clock.now + configuration.retryPeriod, roundDeadline)
                    do { try await clock.sleep(until: next) } catch { return false }
                }
            }
            if !renewed { return !Task.isCancelled }
        }
        return false
    }
}
