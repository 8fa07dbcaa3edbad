import Foundation
import KubeClient
import Testing
import TestSupport

/// Two `rebalance-operator run --leader-elect` processes against the dev environment's API server: one leads; when it
/// is killed (SIGKILL: no release), the other takes over once the lease expires; a graceful stop releases the Lease.
@Suite("leader election between operator processes")
struct LeaderElectionProcessTests {
    static let leaseName = "rebalance-operator.rebalance.brokers.dev"

    static func leads(_ process: RunningProcess) -> Bool { process.stderr.contains("acquired leadership") }

    @Test("one of two replicas leads; SIGKILL of the leader hands the Lease to the other after the lease duration; SIGTERM releases it")
    func takeoverAfterKill() async throws {
        try await EndToEndTests.withEnvironment(clients: 300, withOperator: false) { env in
            let group = ProcessGroup()
            defer { group.killAll() }
            let binary = try OperatorProcess.debugBinary()
            let leaderElection = ["--leader-elect", "--leader-election-namespace", "default"]
            let first = try OperatorProcess.start(binary, kubeconfig: env.info.kubeconfigPath, in: group, arguments: leaderElection)
            let second = try OperatorProcess.start(binary, kubeconfig: env.info.kubeconfigPath, in: group, arguments: leaderElection)
            let leases = env.kube.resources(Lease.self, namespace: "default")
            try await env.eventually("a leader") { Self.leads(first) || Self.leads(second) }
            let (leader, follower) = Self.leads(first) ? (first, second) : (second, first)
            try await Task.sleep(for: .seconds(3))
            #expect(!Self.leads(follower), "both replicas claim leadership")
            let held = try await leases.get(Self.leaseName)
            let holder = try #require(held.spec?.holderIdentity)
            #expect(leader.stderr.contains(holder))

            leader.signal(SIGKILL)
            _ = await leader.wait()
            let killedAt = ContinuousClock.now
            try await env.eventually("the follower takes over", timeout: .seconds(60)) { Self.leads(follower) }
            print("takeover after SIGKILL of the leader: \(ContinuousClock.now - killedAt) (lease duration 15 s, retry period 2 s)")
            let taken = try await leases.get(Self.leaseName)
            #expect(taken.spec?.holderIdentity != holder)
            #expect((taken.spec?.leaseTransitions ?? 0) > (held.spec?.leaseTransitions ?? 0))

            follower.terminate()
            let exit = await follower.wait()
            #expect(exit.status == 0, "graceful stop: \(exit.stderr.suffix(2000))")
            let released = try await leases.get(Self.leaseName)
            #expect(released.spec?.holderIdentity?.isEmpty ?? true, "the Lease is released on graceful stop")
        }
    }
}
