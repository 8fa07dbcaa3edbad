import ControllerRuntime
import Foundation
import KubeClient
import KubeTestServer
import Logging
import ServiceLifecycle
import Testing

@Suite("Manager with leader election against the test API server", .timeLimit(.minutes(1)))
struct ManagerLeaderElectionTests {
    @Test("controllers run once the manager leads; a graceful shutdown releases the Lease for the next candidate")
    func gracefulShutdownReleasesTheLease() async throws {
        try await withServerAndClient { _, client in
            let lock = KubeLeaseLock(client: client, namespace: "default", name: "operator-leader")
            let elector = try LeaderElector(lock: lock, configuration: .init(identity: "operator-a"), jitter: { 0 })
            let manager = Manager(probe: nil, leaderElector: elector)
            let sources = Sources(widgets: [Widget("a")])
            let controller = Controller(for: sources.widgets, options: .init(name: "widgets"), metricsFactory: manager.metricsFactory)
            let reconciled = Recorder<ObjectKey>()
            manager.add(controller, reconciler: ReconcileFunction { key in
                reconciled.append(key)
                return .done
            })
            let group = ServiceGroup(configuration: .init(services: [manager], logger: Logger(label: "test")))
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                #expect(await eventually { reconciled.count == 1 })
                #expect(elector.isLeader)
                #expect(try await lock.get()?.record.holderIdentity == "operator-a")

                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
            let lease = try #require(try await lock.get())
            #expect(lease.record.holderIdentity == "")
            #expect(lease.record.leaseDurationSeconds == 1)
            #expect(!elector.isLeader)
        }
    }
}
