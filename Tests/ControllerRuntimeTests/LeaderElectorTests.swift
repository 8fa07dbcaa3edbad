import ControllerRuntime
import Foundation
import KubeClient
import Synchronization
import Testing
import VirtualTime

/// An in-memory Lease with resourceVersion conflicts, shared by candidates.
final class MemoryLeaseLock: LeaseLock {
    struct Failure: Error {}
    private let state = Mutex<(lease: ObservedLease?, version: Int, failing: Bool)>((nil, 0, false))

    var lease: ObservedLease? { state.withLock { $0.lease } }

    /// While set, every call fails (the API server is unreachable).
    func setFailing(_ failing: Bool) { state.withLock { $0.failing = failing } }

    func get() async throws -> ObservedLease? {
        try state.withLock { state in
            if state.failing { throw Failure() }
            return state.lease
        }
    }

    func create(_ record: LeaderElectionRecord) async throws -> ObservedLease {
        try state.withLock { state in
            guard !state.failing, state.lease == nil else { throw Failure() }
            state.version += 1
            state.lease = ObservedLease(record: record, version: "\(state.version)")
            return state.lease!
        }
    }

    func update(_ record: LeaderElectionRecord, version: String) async throws -> ObservedLease {
        try state.withLock { state in
            guard !state.failing, let lease = state.lease, lease.version == version else { throw Failure() }
            state.version += 1
            state.lease = ObservedLease(record: record, version: "\(state.version)")
            return state.lease!
        }
    }
}

@Suite("LeaderElector")
struct LeaderElectorTests {
    static func elector(_ identity: String, lock: MemoryLeaseLock, clock: ManualClock) throws -> LeaderElector {
        try LeaderElector(
            lock: lock,
            configuration: .init(identity: identity),
            clock: clock,
            wallClock: { Date(timeIntervalSince1970: 1_700_000_000 + Double(clock.now.offset.components.seconds)) },
            jitter: { 0 }
        )
    }

    @Test("acquires a missing lease, renews it every retry period, and releases it when the body returns")
    func acquireRenewRelease() async throws {
        let clock = ManualClock()
        let lock = MemoryLeaseLock()
        let elector = try Self.elector("a", lock: lock, clock: clock)
        let stop = AsyncFlag()
        let ran = Locked(false)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await elector.run {
                    ran.withLock { $0 = true }
                    await stop.wait()
                }
            }
            #expect(await eventually { ran.withLock { $0 } })
            let first = try #require(lock.lease)
            #expect(first.record.holderIdentity == "a")
            #expect(first.record.leaseDurationSeconds == 15)
            #expect(first.record.leaseTransitions == 0)
            #expect(await eventually { clock.sleeperCount == 1 })
            await clock.advance(by: .seconds(2))
            #expect(await eventually { lock.lease?.version == "2" })
            #expect(lock.lease?.record.acquireTime == first.record.acquireTime)
            #expect(lock.lease?.record.renewTime != first.record.renewTime)
            stop.set()
            try await group.waitForAll()
        }
        #expect(lock.lease?.record.holderIdentity == "")
        #expect(lock.lease?.record.leaseDurationSeconds == 1)
        #expect(!elector.isLeader)
    }

    @Test("a release meeting a newer resourceVersion of our own lease re-reads it and releases; it never overwrites another holder")
    func releaseAfterStaleVersion() async throws {
        let clock = ManualClock()
        let lock = MemoryLeaseLock()
        let elector = try Self.elector("a", lock: lock, clock: clock)
        let stop = AsyncFlag()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await elector.run { await stop.wait() } }
            #expect(await eventually { elector.isLeader })
            // A renewal that landed although its caller gave up: the lease moved on, still naming us.
            let current = try #require(lock.lease)
            _ = try await lock.update(current.record, version: current.version)
            stop.set()
            try await group.waitForAll()
        }
        #expect(lock.lease?.record.holderIdentity == "")

        let other = try Self.elector("b", lock: lock, clock: clock)
        let stopOther = AsyncFlag()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await other.run { await stopOther.wait() } }
            #expect(await eventually { other.isLeader })
            // Someone else took the lease meanwhile: the release must leave it alone.
            let current = try #require(lock.lease)
            var taken = current.record
            taken.holderIdentity = "c"
            _ = try await lock.update(taken, version: current.version)
            stopOther.set()
            try await group.waitForAll()
        }
        #expect(lock.lease?.record.holderIdentity == "c")
        #expect(!other.isLeader)
    }

    @Test("MicroTime fields carry six fractional digits")
    func microTime() throws {
        let record = LeaderElectionRecord(holderIdentity: "a", renewTime: MicroTimestamp(Date(timeIntervalSince1970: 1.5)))
        let json = String(decoding: try JSONEncoder().encode(record), as: UTF8.self)
        #expect(json.contains("1970-01-01T00:00:01.500000Z"))
    }

    @Test("a follower waits for the lease to expire by its own observation, then takes over and counts a transition")
    func takeoverAfterExpiry() async throws {
        let clock = ManualClock()
        let lock = MemoryLeaseLock()
        let now = MicroTimestamp(Date(timeIntervalSince1970: 1_700_000_000))
        _ = try await lock.create(LeaderElectionRecord(holderIdentity: "dead", leaseDurationSeconds: 15, acquireTime: now, renewTime: now, leaseTransitions: 3))
        let elector = try Self.elector("b", lock: lock, clock: clock)
        let ran = Locked(false)
        await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await elector.run { ran.withLock { $0 = true }; try await clock.sleep(for: .seconds(3600)) } }
            // Retries every 2 s; the lease is still valid until 15 s after we first saw it.
            for _ in 0..<7 {
                #expect(await eventually { clock.sleeperCount == 1 })
                await clock.advance(by: .seconds(2))
                #expect(!ran.withLock { $0 })
            }
            #expect(await eventually { clock.sleeperCount == 1 })
            await clock.advance(by: .seconds(2))
            #expect(await eventually { ran.withLock { $0 } })
            #expect(lock.lease?.record.holderIdentity == "b")
            #expect(lock.lease?.record.leaseTransitions == 4)
            group.cancelAll()
        }
    }

    @Test("two candidates: only one leads; the other takes over after the leader stops renewing")
    func twoCandidates() async throws {
        let clock = ManualClock()
        let lock = MemoryLeaseLock()
        let a = try Self.elector("a", lock: lock, clock: clock)
        let b = try Self.elector("b", lock: lock, clock: clock)
        let leading = Recorder<String>()
        await withThrowingTaskGroup(of: Void.self) { group in
            let aTask = Task { try await a.run { leading.append("a"); try await clock.sleep(for: .seconds(3600)) } }
            #expect(await eventually { leading.values == ["a"] })
            group.addTask { try await b.run { leading.append("b"); try await clock.sleep(for: .seconds(3600)) } }
            for _ in 0..<5 {
                await clock.advance(by: .seconds(2))
            }
            #expect(leading.values == ["a"])
            // Kill a without releasing (as SIGKILL would): its task stops, the lease stays.
            aTask.cancel()
            _ = await aTask.result
            var advanced: Duration = .zero
            while leading.values.count < 2, advanced < .seconds(40) {
                _ = await eventually(attempts: 50) { leading.values.count == 2 }
                await clock.advance(by: .seconds(1))
                advanced += .seconds(1)
            }
            #expect(leading.values == ["a", "b"])
            #expect(advanced <= .seconds(19), "b takes over within the lease duration plus a retry")
            group.cancelAll()
        }
    }

    @Test("losing the lease cancels the body at once and throws leadershipLost")
    func losesLease() async throws {
        let clock = ManualClock()
        let lock = MemoryLeaseLock()
        let elector = try Self.elector("a", lock: lock, clock: clock)
        let bodyCancelled = Locked(false)
        let started = AsyncFlag()
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                do {
                    try await elector.run {
                        started.set()
                        do { try await clock.sleep(for: .seconds(3600)) } catch { bodyCancelled.withLock { $0 = true } }
                    }
                    Issue.record("run returned normally")
                } catch let error as LeaderElectionError {
                    #expect(error == .leadershipLost(identity: "a"))
                } catch {
                    Issue.record("unexpected \(error)")
                }
            }
            await started.wait()
            lock.setFailing(true)
            for _ in 0..<20 where !bodyCancelled.withLock({ $0 }) {
                _ = await eventually(attempts: 50) { bodyCancelled.withLock { $0 } }
                await clock.advance(by: .seconds(1))
            }
            await group.waitForAll()
        }
        #expect(bodyCancelled.withLock { $0 })
        #expect(!elector.isLeader)
        // Lost at the renew deadline: the first renewal round starts at 2 s, fails until 12 s.
        #expect(clock.now.offset <= .seconds(13))
    }

    @Test("the configuration must satisfy leaseDuration > renewDeadline > jitter * retryPeriod")
    func validation() {
        #expect(throws: LeaderElectionError.self) {
            try LeaderElectionConfiguration(identity: "a", leaseDuration: .seconds(10), renewDeadline: .seconds(10)).validate()
        }
        #expect(throws: LeaderElectionError.self) {
            try LeaderElectionConfiguration(identity: "a", renewDeadline: .seconds(2), retryPeriod: .seconds(2)).validate()
        }
        #expect(throws: Never.self) { try LeaderElectionConfiguration(identity: "a").validate() }
    }
}
