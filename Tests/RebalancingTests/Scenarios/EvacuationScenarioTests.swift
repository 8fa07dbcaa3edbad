import EMQXSimulator
import Foundation
import KubeClient
import Rebalancing
import Testing

/// Whole NodeEvacuations through the real reconcilers and broker source, on virtual time (``OperatorHarness``).
/// Each asserts the simulator's truth: no session lost, no client left without a node.
@Suite("evacuation scenarios on virtual time")
struct EvacuationScenarioTests {
    static func evacuation(_ name: String, pod: String, deadline: Int? = nil) -> NodeEvacuation {
        var spec = NodeEvacuation.Spec(clusterRef: OperatorHarness.clusterName, target: .init(pod: pod))
        spec.connEvictRate = 1000
        spec.sessEvictRate = 1000
        spec.waitHealthCheckSeconds = 1
        spec.waitTakeoverSeconds = 1
        spec.deadlineSeconds = deadline
        return NodeEvacuation(metadata: ObjectMeta(name: name, namespace: OperatorHarness.namespace), spec: spec)
    }

    static func key(_ name: String) -> ObjectKey { ObjectKey(namespace: OperatorHarness.namespace, name: name) }

    @Test("a pod is evacuated to Evacuated with one start call; deleting the resource stops it and the node accepts clients again")
    func evacuatePod() async throws {
        try await OperatorHarness.run { h in
            let node = h.nodeNames[0]
            try await h.kube.create(Self.evacuation("evacuate-0", pod: "emqx-0"))
            try await h.run(until: "Evacuated") { h.evacuation("evacuate-0")?.status?.phase == .evacuated }
            let evacuated = try #require(h.evacuation("evacuate-0"))
            #expect(evacuated.status?.conditions?.condition(.ready)?.status == .true)
            #expect(evacuated.status?.progress == 100)
            #expect(evacuated.status?.brokerNodes?.first?.podUID == h.kube.pods.objects.first { $0.metadata.name == "emqx-0" }?.metadata.uid)
            #expect(h.simulator.operationCalls.filter { $0.kind == .startEvacuation }.count == 1)
            #expect(await h.simulator.stats().nodes.first { $0.name == node }?.connections == 0)
            await h.expectTruth()

            h.kube.delete(NodeEvacuation.self, Self.key("evacuate-0"))
            try await h.run(until: "the resource is gone") { h.evacuation("evacuate-0") == nil }
            try await h.run(until: "the node accepts clients again") { await h.simulator.stats().nodes.first { $0.name == node }?.acceptingConnections == true }
            await h.expectTruth()
        }
    }

    @Test("the BrokerCluster's per-node state follows an evacuation within one active poll, as the NodeEvacuation's does")
    func clusterStatusFollows() async throws {
        try await OperatorHarness.run { h in
            let node = h.nodeNames[0]
            try await h.kube.create(Self.evacuation("follow", pod: "emqx-0"))
            try await h.run(until: "EMQX evacuates the node") { await h.simulator.stats().nodes.first { $0.name == node }?.evacuationState != nil }
            let changed = h.clock.now
            try await h.run(until: "the BrokerCluster reports the node evacuating") {
                h.cluster?.status?.nodes?.first { $0.name == node }?.evacuating == true
            }
            #expect(changed.duration(to: h.clock.now) <= .seconds(1), "the BrokerCluster trailed EMQX by \(changed.duration(to: h.clock.now))")
            try await h.run(until: "Evacuated") { h.evacuation("follow")?.status?.phase == .evacuated }
            let emptied = h.clock.now
            try await h.run(until: "the BrokerCluster reports 0 connections on the node") {
                h.cluster?.status?.nodes?.first { $0.name == node }?.connections == 0
            }
            #expect(emptied.duration(to: h.clock.now) <= .seconds(1))
        }
    }

    @Test("EMQX is read once per active interval during an evacuation, plus once after each action; status writes trigger no reading")
    func readEconomy() async throws {
        try await OperatorHarness.run { h in
            await h.settle()
            let idleReads = h.reads.total
            var status = try #require(h.cluster?.status)
            status.balance = 9.99
            _ = try await h.kube.patchStatus(of: try #require(h.cluster), from: h.cluster?.status, to: status, preconditioned: false)
            await h.settle()
            #expect(h.reads.total == idleReads, "a status write of the BrokerCluster read EMQX")

            let start = h.clock.now
            let before = h.reads.total
            try await h.kube.create(Self.evacuation("economy", pod: "emqx-0"))
            try await h.run(until: "Evacuated") { h.evacuation("economy")?.status?.phase == .evacuated }
            let seconds = start.duration(to: h.clock.now) / .seconds(1)
            let actions = h.simulator.operationCalls.count
            let reads = h.reads.total - before
            #expect(Double(reads) <= seconds + Double(actions) + 2, "\(reads) readings in \(seconds) s of virtual time with \(actions) action(s)")
        }
    }

    @Test("the EMQX API down for a while is transient: BrokerUnreachable, then the evacuation goes on")
    func apiOutage() async throws {
        try await OperatorHarness.run { h in
            await h.simulator.apiOutage(seconds: 20)
            try await h.kube.create(Self.evacuation("during-outage", pod: "emqx-1"))
            try await h.run(until: "BrokerUnreachable") {
                h.evacuation("during-outage")?.status?.conditions?.condition(.ready)?.typedReason == .brokerUnreachable
            }
            try await h.run(until: "Evacuated after the outage") { h.evacuation("during-outage")?.status?.phase == .evacuated }
            await h.expectTruth()
        }
    }

    @Test("deleted while EMQX is unreachable: the stop is handed to the BrokerCluster after 30 s, the deletion completes, and the owed stop is delivered once EMQX answers")
    func stopHandedOver() async throws {
        try await OperatorHarness.run { h in
            let node = h.nodeNames[2]
            try await h.kube.create(Self.evacuation("handed-over", pod: "emqx-2"))
            try await h.run(until: "EMQX evacuates the node") { h.evacuation("handed-over")?.status?.brokerNodes?.first?.state != nil }
            await h.simulator.apiOutage(seconds: 120)
            await h.advance(by: .seconds(2))
            h.kube.delete(NodeEvacuation.self, Self.key("handed-over"))
            try await h.run(until: "the resource is gone") { h.evacuation("handed-over") == nil }
            #expect(h.cluster?.status?.pendingStops?.map(\.brokerNode) == [node])
            #expect(await h.simulator.stats().nodes.first { $0.name == node }?.acceptingConnections == false, "EMQX still evacuates: the stop is owed")
            try await h.run(until: "the owed stop is delivered") { h.cluster?.status?.pendingStops == nil }
            try await h.run(until: "the node accepts clients again") { await h.simulator.stats().nodes.first { $0.name == node }?.acceptingConnections == true }
            #expect(h.simulator.operationCalls.contains { $0.kind == .stopEvacuation && $0.node == node && $0.status == 200 })
            await h.expectTruth()
        }
    }

    @Test("a passed deadline stops the EMQX side, then reports Failed (DeadlineExceeded); the node accepts clients again")
    func deadline() async throws {
        try await OperatorHarness.run(clients: 30000) { h in
            var slow = Self.evacuation("too-slow", pod: "emqx-0", deadline: 5)
            slow.spec.connEvictRate = 100
            try await h.kube.create(slow)
            try await h.run(until: "Failed") { h.evacuation("too-slow")?.status?.phase == .failed }
            let failed = try #require(h.evacuation("too-slow"))
            #expect(failed.status?.conditions?.condition(.ready)?.typedReason == .deadlineExceeded)
            let node = h.nodeNames[0]
            #expect(h.simulator.operationCalls.contains { $0.kind == .stopEvacuation && $0.node == node })
            try await h.run(until: "the node accepts clients again") { await h.simulator.stats().nodes.first { $0.name == node }?.acceptingConnections == true }
            await h.expectTruth()
        }
    }

    @Test("two evacuations of one node: the second is refused with Conflict and sends nothing; once the first is deleted it takes over")
    func conflictingEvacuations() async throws {
        try await OperatorHarness.run { h in
            let node = h.nodeNames[0]
            try await h.kube.create(Self.evacuation("first", pod: "emqx-0"))
            try await h.run(until: "the first recorded its node") { h.evacuation("first")?.status?.brokerNodes?.isEmpty == false }
            await h.advance(by: .seconds(1))
            try await h.kube.create(Self.evacuation("second", pod: "emqx-0"))
            try await h.run(until: "the second refused with Conflict") { h.evacuation("second")?.status?.conditions?.condition(.ready)?.typedReason == .conflict }
            try await h.run(until: "the first Evacuated") { h.evacuation("first")?.status?.phase == .evacuated }
            let starts = h.simulator.operationCalls.filter { $0.kind == .startEvacuation && $0.node == node && $0.status == 200 }
            #expect(starts.count == 1, "start calls: \(starts)")
            #expect(h.evacuation("second")?.status?.conditions?.condition(.ready)?.message.contains("first") == true)

            h.kube.delete(NodeEvacuation.self, Self.key("first"))
            try await h.run(until: "the second takes over and evacuates") { h.evacuation("second")?.status?.phase == .evacuated }
            // The second may adopt the first's evacuation in the moment before its stop lands; it re-asserts it then.
            try await h.run(until: "the node refuses clients under the second") {
                await h.simulator.stats().nodes.first { $0.name == node }?.acceptingConnections == false && h.evacuation("second")?.status?.phase == .evacuated
            }
            await h.expectTruth()
        }
    }
}
