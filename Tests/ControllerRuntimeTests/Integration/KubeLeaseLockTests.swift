import ControllerRuntime
import Foundation
import KubeClient
import KubeTestServer
import Synchronization
import Testing
import VirtualTime

/// A lease lock that counts its calls in flight, so a test on virtual time advances the clock only once every
/// candidate is idle.
final class CountingLeaseLock: LeaseLock {
    let base: KubeLeaseLock
    private let inFlight = Mutex(0)

    init(_ base: KubeLeaseLock) { self.base = base }

    var callsInFlight: Int { inFlight.withLock { $0 } }

    private func counting<T>(_ body: () async throws -> T) async rethrows -> T {
        inFlight.withLock { $0 += 1 }
        defer { inFlight.withLock { $0 -= 1 } }
        return try await body()
    }

    func get() async throws -> ObservedLease? { try await counting { try await base.get() } }
    func create(_ record: LeaderElectionRecord) async throws -> ObservedLease { try await counting { try await base.create(record) } }
    func update(_ record: LeaderElectionRecord, version: String) async throws -> ObservedLease {
        try await counting { try await base.update(record, version: version) }
    }
}

@Suite("KubeLeaseLock against the test API server", .timeLimit(.minutes(1)))
struct KubeLeaseLockTests {
    static func elector(_ identity: String, lock: any LeaseLock, clock: ManualClock, releaseOnCancel: Bool = true) throws -> LeaderElector {
        try LeaderElector(
            lock: lock,
            configuration: .init(identity: identity, releaseOnCancel: releaseOnCancel),
            clock: clock,
            jitter: { 0 }
        )
    }

    /// Waits until `sleepers` tasks sleep on `clock` and no lock call is in flight, then advances by `step`.
    static func advance(_ clock: ManualClock, by step: Duration, sleepers: Int, locks: [CountingLeaseLock]) async {
        let idle = await eventually { clock.sleeperCount == sleepers && locks.allSatisfy { $0.callsInFlight == 0 } }
        #expect(idle, "\(clock.sleeperCount) sleepers, \(locks.map(\.callsInFlight)) calls in flight")
        await clock.advance(by: step)
    }

    @Test("get answers nil for a missing Lease; create, then an update from a stale resourceVersion is a 409 conflict")
    func conflict() async throws {
        try await withServerAndClient { _, client in
            let a = KubeLeaseLock(client: client, namespace: "default", name: "lock")
            let b = KubeLeaseLock(client: client, namespace: "default", name: "lock")
            #expect(try await a.get() == nil)
            let created = try await a.create(LeaderElectionRecord(holderIdentity: "a", leaseDurationSeconds: 15, leaseTransitions: 0))
            #expect(created.record.holderIdentity == "a")
            await #expect {
                _ = try await b.create(LeaderElectionRecord(holderIdentity: "b"))
            } throws: { ($0 as? KubeAPIError)?.reason == .alreadyExists }
            let seenByB = try #require(try await b.get())
            #expect(seenByB == created)
            // A renewal changes renewTime, so the Lease gets a new resourceVersion (a no-op update would keep it).
            let renewal = LeaderElectionRecord(holderIdentity: "a", leaseDurationSeconds: 15, renewTime: .now, leaseTransitions: 0)
            let renewed = try await a.update(renewal, version: created.version)
            #expect(renewed.version != created.version)
            await #expect {
                _ = try await b.update(LeaderElectionRecord(holderIdentity: "b"), version: seenByB.version)
            } throws: { ($0 as? KubeAPIError)?.reason == .conflict }
            #expect(try await b.get()?.record.holderIdentity == "a")
        }
    }

    @Test("acquireTime and renewTime go on the wire with six fractional digits, and labels survive updates")
    func microTimeOnTheWire() async throws {
        try await withServerAndClient { _, client in
            let leases = client.resources(Lease.self, namespace: "default")
            var seeded = Lease(metadata: ObjectMeta(name: "wire", namespace: "default", labels: ["team": "brokers"]))
            seeded.spec = Lease.Spec(holderIdentity: "")
            let stored = try await leases.create(seeded)
            let lock = KubeLeaseLock(client: client, namespace: "default", name: "wire")
            let current = try #require(try await lock.get())
            #expect(current.version == stored.metadata.resourceVersion)
            let time = MicroTimestamp(Date(timeIntervalSince1970: 1_700_000_000.25))
            _ = try await lock.update(
                LeaderElectionRecord(holderIdentity: "a", leaseDurationSeconds: 15, acquireTime: time, renewTime: time, leaseTransitions: 1),
                version: current.version
            )
            let raw = try await client.get(path: "/apis/coordination.k8s.io/v1/namespaces/default/leases/wire")
            #expect(raw[path: ["spec", "renewTime"]]?.stringValue == "2023-11-14T22:13:20.250000Z")
            #expect(raw[path: ["spec", "acquireTime"]]?.stringValue == "2023-11-14T22:13:20.250000Z")
            #expect(raw[path: ["metadata", "labels", "team"]]?.stringValue == "brokers")
        }
    }

    @Test("two electors compete for one Lease: one leads; a graceful release hands over at the other's next retry")
    func gracefulHandover() async throws {
        try await withServerAndClient { _, client in
            let clock = ManualClock()
            let lockA = CountingLeaseLock(KubeLeaseLock(client: client, namespace: "default", name: "leader"))
            let lockB = CountingLeaseLock(KubeLeaseLock(client: client, namespace: "default", name: "leader"))
            let locks = [lockA, lockB]
            let a = try Self.elector("a", lock: lockA, clock: clock)
            let b = try Self.elector("b", lock: lockB, clock: clock)
            let leading = Recorder<String>()
            let finished = Recorder<String>()
            let stops = ["a": AsyncFlag(), "b": AsyncFlag()]
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (name, elector) in [("a", a), ("b", b)] {
                    group.addTask {
                        try await elector.run {
                            leading.append(name)
                            await stops[name]?.wait()
                        }
                        finished.append(name)
                    }
                }
                #expect(await eventually { leading.count == 1 })
                let first = try #require(leading.values.first)
                let second = first == "a" ? "b" : "a"
                // Several retry periods: the leader renews, the other keeps finding the lease held.
                for _ in 0..<5 {
                    await Self.advance(clock, by: .seconds(2), sleepers: 2, locks: locks)
                    #expect(leading.values == [first])
                }
                #expect(try await lockA.base.get()?.record.holderIdentity == first)
                #expect([a.isLeader, b.isLeader].filter { $0 }.count == 1)

                // The leader stops gracefully and releases; the other takes over at its next retry, long before 15 s.
                stops[first]?.set()
                #expect(await eventually { finished.values == [first] })
                #expect(try await lockA.base.get()?.record.holderIdentity == "")
                await Self.advance(clock, by: .seconds(2), sleepers: 1, locks: locks)
                #expect(await eventually { leading.count == 2 })
                #expect(leading.values == [first, second])
                let lease = try #require(try await lockA.base.get())
                #expect(lease.record.holderIdentity == second)
                #expect(lease.record.leaseTransitions == 1)
                stops[second]?.set()
                try await group.waitForAll()
            }
        }
    }

    @Test("a holder that stops renewing without releasing is replaced once the lease duration has passed")
    func takeoverAfterExpiry() async throws {
        try await withServerAndClient { _, client in
            let clock = ManualClock()
            let lockA = CountingLeaseLock(KubeLeaseLock(client: client, namespace: "default", name: "leader"))
            let lockB = CountingLeaseLock(KubeLeaseLock(client: client, namespace: "default", name: "leader"))
            let locks = [lockA, lockB]
            let a = try Self.elector("a", lock: lockA, clock: clock, releaseOnCancel: false)
            let b = try Self.elector("b", lock: lockB, clock: clock)
            let leading = Recorder<String>()
            try await withThrowingTaskGroup(of: Void.self) { group in
                let aTask = Task { try await a.run { leading.append("a"); try await Task.sleep(for: .seconds(3600)) } }
                #expect(await eventually { leading.values == ["a"] })
                group.addTask { try await b.run { leading.append("b"); try await Task.sleep(for: .seconds(3600)) } }
                for _ in 0..<3 {
                    await Self.advance(clock, by: .seconds(2), sleepers: 2, locks: locks)
                }
                #expect(leading.values == ["a"])
                // a stops renewing (a crash): its task ends and the Lease still names it.
                aTask.cancel()
                _ = await aTask.result
                #expect(try await lockB.base.get()?.record.holderIdentity == "a")
                var advanced: Duration = .zero
                while leading.count < 2, advanced < .seconds(40) {
                    await Self.advance(clock, by: .seconds(1), sleepers: 1, locks: locks)
                    advanced += .seconds(1)
                    _ = await eventually(attempts: 20) { leading.count == 2 }
                }
                #expect(leading.values == ["a", "b"])
                #expect(advanced >= .seconds(13), "b waits for the lease to expire by its own observation")
                #expect(advanced <= .seconds(19), "b takes over within the lease duration plus a retry")
                let lease = try #require(try await lockB.base.get())
                #expect(lease.record.holderIdentity == "b")
                #expect(lease.record.leaseTransitions == 1)
                group.cancelAll()
            }
        }
    }
}
