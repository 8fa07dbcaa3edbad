import EMQXSimulator
import Foundation
import KubeClient
import Rebalancing
import Testing

/// Drain protection (`spec.drain`, on by default) through the real reconcilers and broker source, on virtual time
/// (``OperatorHarness``). The harness plays what Kubernetes would: the eviction API against the budgets, the
/// StatefulSet bringing a pod back under the same name on another node, the broker stopping with its pod. Each
/// asserts the simulator's truth: no session lost, no client left without a node.
@Suite("drain scenarios on virtual time")
struct DrainScenarioTests {
    static let namespace = OperatorHarness.namespace

    static func drainName(_ node: String) -> String { DrainGuard.drainEvacuationName(cluster: OperatorHarness.clusterName, node: node) }
    static func leaveName(_ pod: String) -> String { DrainGuard.leaveEvacuationName(cluster: OperatorHarness.clusterName, pod: pod) }

    @Test("the guard: one budget owned by the cluster over the guard label on every Ready broker pod, and the eviction API answers 429")
    func guardIsKept() async throws {
        try await OperatorHarness.run { h in
            try await h.run(until: "every pod guarded") { h.guardedPods == ["emqx-0", "emqx-1", "emqx-2"] }
            let budget = try #require(h.kube.budgets.objects.first)
            #expect(budget.metadata.name == "emqx-drain-guard")
            #expect(budget.spec?.maxUnavailable == .int(0))
            #expect(budget.spec?.unhealthyPodEvictionPolicy == "IfHealthyBudget")
            #expect(budget.spec?.selector?.matchLabels == [DrainGuard.guardLabel: "emqx"])
            #expect(budget.metadata.ownerReferences?.first?.uid == h.cluster?.metadata.uid)
            #expect(h.kube.evict("emqx-1") == .tooManyRequests)
            let drain = h.cluster?.status?.conditions?.condition(.drain)
            #expect(drain?.status == .true)
            #expect(drain?.reason == ConditionReason.guarded.rawValue)
            #expect(h.cluster?.status?.conditions?.condition(.automation) == nil)
        }
    }

    @Test("kubectl drain of a node with one broker pod: evacuated first, released, evicted, back elsewhere accepting clients with its guard")
    func drainOneNode() async throws {
        try await OperatorHarness.run { h in
            try await h.run(until: "every pod guarded") { h.guardedPods.count == 3 }
            let brokerNode = h.nodeNames[1]
            h.cordon("worker-1")
            try await h.run(until: "the drain evacuation exists") { h.evacuation(Self.drainName("worker-1")) != nil }
            let evacuation = try #require(h.evacuation(Self.drainName("worker-1")))
            #expect(evacuation.spec.target.node == "worker-1")
            #expect(evacuation.metadata.labels?[DrainGuard.reasonLabel] == "drain")
            #expect(evacuation.metadata.ownerReferences?.first?.kind == "BrokerCluster")
            #expect(evacuation.spec.migrateTo == [h.nodeNames[0], h.nodeNames[2]])
            // kubectl drain retries the eviction every 5 s; it is refused until the pod is evacuated.
            #expect(h.kube.evict("emqx-1") == .tooManyRequests)
            try await h.run(until: "the pod is released") { !h.guardedPods.contains("emqx-1") }
            #expect(h.evacuation(Self.drainName("worker-1"))?.status?.phase == .evacuated)
            #expect(await h.simulator.stats().nodes.first { $0.name == brokerNode }?.connections == 0)
            #expect(h.cluster?.status?.conditions?.condition(.drain)?.reason == ConditionReason.draining.rawValue)
            #expect(h.kube.evict("emqx-1") == .evicted)

            try await h.replacePod(1, onNode: 2)
            try await h.run(until: "the new incarnation accepts clients") {
                await h.simulator.stats().nodes.first { $0.name == brokerNode }?.acceptingConnections == true
            }
            try await h.run(until: "the drain evacuation is deleted") { h.evacuation(Self.drainName("worker-1")) == nil }
            try await h.run(until: "the new pod is guarded") { h.guardedPods.contains("emqx-1") }
            #expect(h.cluster?.status?.conditions?.condition(.drain)?.reason == ConditionReason.guarded.rawValue)
            await h.expectTruth()
        }
    }

    @Test("two broker pods on one node are evacuated together by one NodeEvacuation, onto the other nodes only")
    func drainTwoPodsOnOneNode() async throws {
        try await OperatorHarness.run(nodes: 4, clients: 4000, distribution: [10, 10, 10, 10], podNodes: [0, 1, 1, 2]) { h in
            try await h.run(until: "every pod guarded") { h.guardedPods.count == 4 }
            h.taint("worker-1", key: "ToBeDeletedByClusterAutoscaler")
            try await h.run(until: "both pods released") { !h.guardedPods.contains("emqx-1") && !h.guardedPods.contains("emqx-2") }
            let evacuation = try #require(h.evacuation(Self.drainName("worker-1")))
            #expect(Set(evacuation.status?.brokerNodes?.map(\.name) ?? []) == [h.nodeNames[1], h.nodeNames[2]])
            #expect(evacuation.spec.migrateTo == [h.nodeNames[0], h.nodeNames[3]])
            #expect(h.kube.evaluations(of: ["emqx-1", "emqx-2"]) == [.evicted, .evicted])
            #expect(h.kube.evict("emqx-0") == .tooManyRequests)
            await h.expectTruth()
        }
    }

    @Test("uncordoned before the eviction: the evacuation is deleted, the node accepts clients again, the guard stays")
    func changeOfMind() async throws {
        try await OperatorHarness.run { h in
            try await h.run(until: "every pod guarded") { h.guardedPods.count == 3 }
            let brokerNode = h.nodeNames[1]
            h.cordon("worker-1")
            try await h.run(until: "EMQX evacuates the node") { await h.simulator.stats().nodes.first { $0.name == brokerNode }?.evacuationState != nil }
            h.kube.modifyNode("worker-1") { $0.spec = .init() }
            try await h.run(until: "the evacuation is gone") { h.evacuation(Self.drainName("worker-1")) == nil }
            try await h.run(until: "the node accepts clients again") { await h.simulator.stats().nodes.first { $0.name == brokerNode }?.acceptingConnections == true }
            #expect(h.guardedPods.contains("emqx-1"))
            #expect(h.kube.evict("emqx-1") == .tooManyRequests)
            await h.expectTruth()
        }
    }

    @Test("a drain that would leave fewer than minAvailableNodes accepting waits, guarded, and says why")
    func capacity() async throws {
        try await OperatorHarness.run(minAvailableNodes: 3) { h in
            try await h.run(until: "every pod guarded") { h.guardedPods.count == 3 }
            h.cordon("worker-0")
            try await h.run(until: "the BrokerCluster says why the drain waits") {
                h.cluster?.status?.conditions?.condition(.drain)?.reason == ConditionReason.insufficientCapacity.rawValue
            }
            let condition = try #require(h.cluster?.status?.conditions?.condition(.drain))
            #expect(condition.status == .false)
            #expect(condition.message.contains("minAvailableNodes"))
            #expect(h.evacuation(Self.drainName("worker-0"))?.status?.conditions?.condition(.ready)?.reason == ConditionReason.insufficientCapacity.rawValue)
            #expect(h.guardedPods.contains("emqx-0"))
            #expect(h.kube.evict("emqx-0") == .tooManyRequests)
            #expect(h.simulator.operationCalls.isEmpty, "nothing was started on EMQX")
        }
    }

    @Test("a pod being deleted (rolling update) is evacuated at once onto the others; back under its name, its evacuation goes and it accepts clients")
    func podDeletion() async throws {
        try await OperatorHarness.run { h in
            try await h.run(until: "every pod guarded") { h.guardedPods.count == 3 }
            let brokerNode = h.nodeNames[2]
            h.kube.modifyPod("emqx-2") { $0.metadata.deletionTimestamp = Timestamp(h.now) }
            try await h.run(until: "the leave evacuation is Evacuated") { h.evacuation(Self.leaveName("emqx-2"))?.status?.phase == .evacuated }
            let evacuation = try #require(h.evacuation(Self.leaveName("emqx-2")))
            #expect(evacuation.spec.target.pod == "emqx-2")
            #expect(evacuation.metadata.labels?[DrainGuard.reasonLabel] == "pod-deletion")
            #expect(evacuation.spec.migrateTo == [h.nodeNames[0], h.nodeNames[1]])
            try await h.replacePod(2, onNode: 2)
            try await h.run(until: "the leave evacuation is deleted") { h.evacuation(Self.leaveName("emqx-2")) == nil }
            try await h.run(until: "the new incarnation accepts clients") {
                await h.simulator.stats().nodes.first { $0.name == brokerNode }?.acceptingConnections == true
            }
            try await h.run(until: "the new pod is guarded") { h.guardedPods.contains("emqx-2") }
            await h.expectTruth()
        }
    }

    @Test("scale-down from 3 to 1: emqx-2 and emqx-1 are evacuated together, onto emqx-0 only")
    func scaleDown() async throws {
        try await OperatorHarness.run { h in
            try await h.run(until: "every pod guarded") { h.guardedPods.count == 3 }
            h.kube.put(OperatorHarness.statefulSet(replicas: 1))
            try await h.run(until: "both leave evacuations exist") { h.evacuation(Self.leaveName("emqx-1")) != nil && h.evacuation(Self.leaveName("emqx-2")) != nil }
            for pod in ["emqx-1", "emqx-2"] {
                let evacuation = try #require(h.evacuation(Self.leaveName(pod)))
                #expect(evacuation.spec.migrateTo == [h.nodeNames[0]])
                #expect(evacuation.metadata.labels?[DrainGuard.reasonLabel] == "scale-down")
            }
            try await h.run(until: "both Evacuated") {
                h.evacuation(Self.leaveName("emqx-1"))?.status?.phase == .evacuated && h.evacuation(Self.leaveName("emqx-2"))?.status?.phase == .evacuated
            }
            let stats = await h.simulator.stats()
            #expect(stats.nodes.filter { $0.name != h.nodeNames[0] }.allSatisfy { $0.connections == 0 && $0.sessions == 0 })
            // The StatefulSet controller removes emqx-2, then emqx-1; their evacuations go with them.
            for index in [2, 1] {
                try await h.simulator.crash(node: h.nodeNames[index])
                h.kube.removePod("emqx-\(index)")
            }
            try await h.run(until: "the leave evacuations are deleted") { h.kube.evacuations.objects.isEmpty }
            await h.expectTruth()
        }
    }

    @Test("scaled to zero: nothing is evacuated, the guard is lifted, and the condition says the whole cluster goes")
    func wholeClusterRemoval() async throws {
        try await OperatorHarness.run { h in
            try await h.run(until: "every pod guarded") { h.guardedPods.count == 3 }
            h.kube.put(OperatorHarness.statefulSet(replicas: 0))
            try await h.run(until: "the guard is lifted") { h.guardedPods.isEmpty && h.kube.budgets.objects.isEmpty }
            #expect(h.kube.evacuations.objects.isEmpty)
            #expect(h.cluster?.status?.conditions?.condition(.drain)?.reason == ConditionReason.clusterRemoval.rawValue)
            #expect(h.simulator.operationCalls.isEmpty)
        }
    }

    @Test("a user's PodDisruptionBudget over the brokers: no second budget, no labels, and the condition says how to resolve it")
    func foreignBudget() async throws {
        try await OperatorHarness.run { h in
            try await h.run(until: "every pod guarded") { h.guardedPods.count == 3 }
            let user = PodDisruptionBudget(metadata: ObjectMeta(name: "emqx-pdb", namespace: Self.namespace), spec: .init(maxUnavailable: 1, selector: LabelSelector(matchLabels: ["app": "emqx"])))
            h.kube.put(user, as: true)
            try await h.run(until: "the conflict is reported") {
                h.cluster?.status?.conditions?.condition(.drain)?.reason == ConditionReason.budgetConflict.rawValue
            }
            #expect(h.kube.budgets.objects.map(\.metadata.name) == ["emqx-pdb"])
            #expect(h.guardedPods.isEmpty)
            #expect(h.cluster?.status?.conditions?.condition(.drain)?.message.contains("emqx-pdb") == true)
        }
    }

    @Test("drain protection turned off: the budget and the labels go, and the Drain condition with them")
    func disabled() async throws {
        try await OperatorHarness.run { h in
            try await h.run(until: "every pod guarded") { h.guardedPods.count == 3 }
            h.kube.update(BrokerCluster.self, h.clusterKey) { $0.drain = .init(enabled: false) }
            try await h.run(until: "the guard is gone") { h.guardedPods.isEmpty && h.kube.budgets.objects.isEmpty }
            #expect(h.cluster?.status?.conditions?.condition(.drain) == nil)
        }
    }

    @Test("a NodeEvacuation of a Kubernetes node that does not exist is NodeNotFound, not Evacuated")
    func nodeNotFound() async throws {
        try await OperatorHarness.run { h in
            let evacuation = NodeEvacuation(metadata: ObjectMeta(name: "typo", namespace: Self.namespace), spec: .init(clusterRef: OperatorHarness.clusterName, target: .init(node: "wroker-1")))
            try await h.kube.create(evacuation)
            try await h.run(until: "NodeNotFound") { h.evacuation("typo")?.status?.conditions?.condition(.ready)?.reason == ConditionReason.nodeNotFound.rawValue }
            #expect(h.evacuation("typo")?.status?.phase != .evacuated)
        }
    }
}

extension OperatorHarness {
    /// Pods carrying the guard label, sorted.
    var guardedPods: [String] {
        kube.pods.objects.filter { $0.metadata.labels?[DrainGuard.guardLabel] != nil }.compactMap(\.metadata.name).sorted()
    }

    /// `kubectl cordon`.
    func cordon(_ node: String) {
        kube.modifyNode(node) { $0.spec = .init(unschedulable: true, taints: [KubeNode.Taint(key: "node.kubernetes.io/unschedulable", effect: "NoSchedule")]) }
    }

    /// What an autoscaler does before draining a node.
    func taint(_ node: String, key: String) {
        kube.modifyNode(node) { $0.spec = .init(taints: [KubeNode.Taint(key: key, effect: "NoSchedule")]) }
    }

    /// The StatefulSet controller and the kubelet: the pod `emqx-<index>` goes (its broker stops with it) and comes
    /// back with a new uid on `worker-<node>`, where its broker starts again.
    func replacePod(_ index: Int, onNode node: Int) async throws {
        try await simulator.crash(node: nodeNames[index])
        kube.removePod("emqx-\(index)")
        await settle()
        kube.put(Self.pod(index, node: node))
        try await simulator.restart(node: nodeNames[index])
    }
}

extension InMemoryKubernetes {
    /// Evicts each pod in turn.
    func evaluations(of pods: [String]) -> [EvictionAnswer] { pods.map { evict($0) } }
}
