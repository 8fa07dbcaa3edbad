import EMQXSimulator
import Foundation
import KubeClient
import Rebalancing
import Testing

/// Whole ClusterRebalances through the real reconcilers and broker source, on virtual time (``OperatorHarness``).
@Suite("rebalance scenarios on virtual time")
struct RebalanceScenarioTests {
    static func rebalance(_ name: String) -> ClusterRebalance {
        var spec = ClusterRebalance.Spec(clusterRef: OperatorHarness.clusterName)
        // Batches small against the thresholds: clients evicted in one tick are still reconnecting at the next,
        // and EMQX overshoots by what is in flight when its donors' mean meets the recipients'.
        spec.connEvictRate = 20
        spec.sessEvictRate = 20
        spec.waitHealthCheckSeconds = 1
        spec.waitTakeoverSeconds = 1
        spec.absConnThreshold = 200
        spec.absSessThreshold = 200
        spec.retry = .init(limit: 5)
        return ClusterRebalance(metadata: ObjectMeta(name: name, namespace: OperatorHarness.namespace), spec: spec)
    }

    static func key(_ name: String) -> ObjectKey { ObjectKey(namespace: OperatorHarness.namespace, name: name) }

    @Test("an unbalanced cluster is rebalanced to Balanced; each attempt's outcome is recorded and the last one is Balanced")
    func rebalanceUnbalanced() async throws {
        try await OperatorHarness.run { h in
            try await h.kube.create(Self.rebalance("rebalance"))
            try await h.run(until: "Completed") { h.rebalance("rebalance")?.status?.phase == .completed }
            let done = try #require(h.rebalance("rebalance"))
            #expect(done.status?.result == .balanced)
            #expect(done.status?.attempts?.last?.outcome == .balanced)
            #expect(done.status?.attempts?.dropLast().allSatisfy { $0.outcome == .notBalanced } == true)
            #expect(done.status?.plan?.donors.isEmpty == false)
            #expect(done.status?.conditions?.condition(.ready)?.status == .true)
            #expect(await h.simulator.stats().nodes.allSatisfy { $0.rebalanceState == nil && $0.acceptingConnections })
            await h.expectTruth()
        }
    }

    @Test("a balanced cluster completes at once as AlreadyBalanced, and nothing is started on EMQX")
    func rebalanceAlreadyBalanced() async throws {
        try await OperatorHarness.run(distribution: [10, 10, 10]) { h in
            var rebalance = Self.rebalance("balanced")
            rebalance.spec.absConnThreshold = 1000
            rebalance.spec.absSessThreshold = 1000
            try await h.kube.create(rebalance)
            try await h.run(until: "Completed") { h.rebalance("balanced")?.status?.phase == .completed }
            let done = try #require(h.rebalance("balanced"))
            #expect(done.status?.result == .alreadyBalanced)
            #expect(done.status?.attempts ?? [] == [])
            #expect(h.simulator.operationCalls.isEmpty)
            await h.expectTruth()
        }
    }

    @Test("a participant crashing mid-rebalance ends the attempt as Interrupted; the retry over the nodes still up balances them")
    func rebalanceInterruptedByCrash() async throws {
        try await OperatorHarness.run { h in
            try await h.kube.create(Self.rebalance("crash"))
            try await h.run(until: "EMQX evicting") { await h.simulator.stats().nodes.contains { $0.rebalanceState == "evicting_conns" } }
            try await h.simulator.crash(node: h.nodeNames[1])
            try await h.run(until: "Completed") { h.rebalance("crash")?.status?.phase == .completed }
            let done = try #require(h.rebalance("crash"))
            #expect(done.status?.attempts?.first?.outcome == .interrupted)
            #expect(done.status?.attempts?.last?.outcome == .balanced)
            #expect(done.status?.result == .balanced)
            #expect(done.status?.plan.map { $0.donors + $0.recipients }?.contains(h.nodeNames[1]) == false)
            let stats = await h.simulator.stats()
            #expect(stats.clientsWithoutNode == 0)
        }
    }

    @Test("an evacuation of a node in a running rebalance waits (RebalanceInProgress, nothing sent); deleting the rebalance stops it and the evacuation goes on")
    func evacuationWaitsForRebalance() async throws {
        try await OperatorHarness.run { h in
            try await h.kube.create(Self.rebalance("running"))
            try await h.run(until: "EMQX evicting") { await h.simulator.stats().nodes.contains { $0.rebalanceState == "evicting_conns" } }
            try await h.kube.create(EvacuationScenarioTests.evacuation("during-rebalance", pod: "emqx-0"))
            try await h.run(until: "RebalanceInProgress") {
                h.evacuation("during-rebalance")?.status?.conditions?.condition(.ready)?.typedReason == .rebalanceInProgress
            }
            #expect(h.simulator.operationCalls.allSatisfy { $0.kind != .startEvacuation })

            h.kube.delete(ClusterRebalance.self, Self.key("running"))
            try await h.run(until: "the rebalance stopped") { await h.simulator.stats().nodes.allSatisfy { $0.rebalanceState == nil } }
            try await h.run(until: "Evacuated") { h.evacuation("during-rebalance")?.status?.phase == .evacuated }
            #expect(h.simulator.operationCalls.contains { $0.kind == .stopRebalance && $0.status == 200 })
            await h.expectTruth()
        }
    }
}
