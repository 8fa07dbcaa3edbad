import Foundation
import KubeClient
import Rebalancing
import Testing

/// ``DrainDecider`` as a pure function: each rule on a small world of pods, nodes, budgets and evacuations.
@Suite("drain decisions")
struct DrainDeciderTests {
    static let brokerNodes = (0..<3).map { "emqx@emqx-\($0).emqx-headless.default.svc.cluster.local" }

    static func cluster(drain: BrokerCluster.Spec.Drain? = nil) -> BrokerCluster {
        var metadata = ObjectMeta(name: "emqx", namespace: "default")
        metadata.uid = "cluster-uid"
        return BrokerCluster(metadata: metadata, spec: .init(api: .init(url: "http://emqx:18083"), pods: .init(selector: LabelSelector(matchLabels: ["app": "emqx"])), drain: drain))
    }

    static func pod(_ index: Int, node: Int? = nil, guarded: Bool = true, ready: Bool = true, uid: String? = nil, deleting: Bool = false) -> Pod {
        var metadata = ObjectMeta(
            name: "emqx-\(index)", namespace: "default", labels: guarded ? ["app": "emqx", DrainGuard.guardLabel: "emqx"] : ["app": "emqx"],
            ownerReferences: [OwnerReference(apiVersion: "apps/v1", kind: "StatefulSet", name: "emqx", uid: "set", controller: true)]
        )
        metadata.uid = uid ?? "pod-\(index)"
        if deleting { metadata.deletionTimestamp = Timestamp(Date(timeIntervalSince1970: 1_800_000_000)) }
        return Pod(
            metadata: metadata, spec: PodSpec(nodeName: "worker-\(node ?? index)", hostname: "emqx-\(index)", subdomain: "emqx-headless"),
            status: .init(phase: "Running", conditions: [PodCondition(type: "Ready", status: ready ? "True" : "False")])
        )
    }

    static func node(_ index: Int, cordoned: Bool = false, taint: String? = nil) -> KubeNode {
        KubeNode(metadata: ObjectMeta(name: "worker-\(index)"), spec: .init(unschedulable: cordoned ? true : nil, taints: taint.map { [KubeNode.Taint(key: $0, effect: "NoSchedule")] }))
    }

    static func set(replicas: Int) -> StatefulSet {
        StatefulSet(metadata: ObjectMeta(name: "emqx", namespace: "default"), spec: .init(replicas: replicas, selector: LabelSelector(matchLabels: ["app": "emqx"]), template: PodTemplateSpec()))
    }

    static func input(
        cluster: BrokerCluster = cluster(), pods: [Pod] = (0..<3).map { pod($0) }, nodes: [KubeNode] = (0..<3).map { node($0) },
        budgets: [PodDisruptionBudget] = [DrainGuard.budget(for: cluster())], replicas: Int = 3, evacuations: [NodeEvacuation] = []
    ) -> DrainDecider.Input {
        DrainDecider.Input(
            cluster: cluster, pods: pods, nodes: nodes, budgets: budgets, statefulSets: [set(replicas: replicas)], evacuations: evacuations,
            brokerNodes: brokerNodes, runningBrokerNodes: Set(brokerNodes)
        )
    }

    static func created(_ decision: DrainDecider.Decision) -> [NodeEvacuation] {
        decision.actions.compactMap { if case let .createEvacuation(evacuation) = $0 { evacuation } else { nil } }
    }

    @Test("steady state: nothing to do, Guarded; a missing budget is created and an unlabelled Ready pod labelled, a NotReady one left alone")
    func steadyState() {
        let steady = DrainDecider.decide(Self.input())
        #expect(steady.actions.isEmpty)
        #expect(steady.summary?.reason == .guarded)
        let fresh = DrainDecider.decide(Self.input(pods: [Self.pod(0, guarded: false), Self.pod(1, guarded: false, ready: false), Self.pod(2)], budgets: []))
        #expect(fresh.actions == [.putBudget(DrainGuard.budget(for: Self.cluster())), .guardPod("emqx-0", true)])
    }

    @Test("a cordoned node, or one with an autoscaler's taint, gets one evacuation of its broker pods onto the others; other taints do nothing")
    func drainTriggers() throws {
        for node in [Self.node(1, cordoned: true), Self.node(1, taint: "ToBeDeletedByClusterAutoscaler"), Self.node(1, taint: "karpenter.sh/disrupted")] {
            let decision = DrainDecider.decide(Self.input(nodes: [Self.node(0), node, Self.node(2)]))
            let evacuation = try #require(Self.created(decision).first)
            #expect(Self.created(decision).count == 1)
            #expect(evacuation.metadata.name == "emqx-drain-worker-1")
            #expect(evacuation.spec.target.node == "worker-1")
            #expect(evacuation.spec.migrateTo == [Self.brokerNodes[0], Self.brokerNodes[2]])
            #expect(evacuation.metadata.labels == [DrainGuard.clusterLabel: "emqx", DrainGuard.reasonLabel: "drain"])
            #expect(evacuation.metadata.ownerReferences?.first?.uid == "cluster-uid")
        }
        #expect(Self.created(DrainDecider.decide(Self.input(nodes: [Self.node(0), Self.node(1, taint: "example.com/other"), Self.node(2)]))).isEmpty)
        let custom = Self.cluster(drain: .init(nodeTaints: ["example.com/other"]))
        #expect(Self.created(DrainDecider.decide(Self.input(cluster: custom, nodes: [Self.node(0), Self.node(1, taint: "example.com/other"), Self.node(2)]))).count == 1)
    }

    @Test("the label is lifted only once an evacuation reports that very pod (same uid) Evacuated")
    func release() {
        var evacuation = NodeEvacuation(metadata: ObjectMeta(name: "emqx-drain-worker-1", namespace: "default"), spec: .init(clusterRef: "emqx", target: .init(node: "worker-1")))
        var entry = NodeEvacuation.Status.BrokerNode(name: Self.brokerNodes[1])
        entry.pod = "emqx-1"
        entry.podUID = "pod-1"
        evacuation.status = NodeEvacuation.Status()
        evacuation.status?.brokerNodes = [entry]
        evacuation.status?.phase = .evictingConnections
        let nodes = [Self.node(0), Self.node(1, cordoned: true), Self.node(2)]
        #expect(!DrainDecider.decide(Self.input(nodes: nodes, evacuations: [evacuation])).actions.contains(.guardPod("emqx-1", false)))
        evacuation.status?.phase = .evacuated
        #expect(DrainDecider.decide(Self.input(nodes: nodes, evacuations: [evacuation])).actions.contains(.guardPod("emqx-1", false)))
        let replaced = [Self.pod(0), Self.pod(1, node: 2, guarded: false, uid: "pod-1-new"), Self.pod(2)]
        #expect(DrainDecider.decide(Self.input(pods: replaced, nodes: nodes, evacuations: [evacuation])).actions.contains(.guardPod("emqx-1", true)))
    }

    @Test("scale-down: every pod above the replicas gets its own evacuation, all onto the pods that stay")
    func scaleDown() {
        let decision = DrainDecider.decide(Self.input(replicas: 1))
        let evacuations = Self.created(decision)
        #expect(evacuations.map(\.metadata.name) == ["emqx-leave-emqx-1", "emqx-leave-emqx-2"])
        #expect(evacuations.allSatisfy { $0.spec.migrateTo == [Self.brokerNodes[0]] && $0.metadata.labels?[DrainGuard.reasonLabel] == "scale-down" })
    }

    @Test("a pod some NodeEvacuation already covers gets no second one")
    func covered() {
        let user = NodeEvacuation(metadata: ObjectMeta(name: "mine", namespace: "default"), spec: .init(clusterRef: "emqx", target: .init(pod: "emqx-2")))
        #expect(Self.created(DrainDecider.decide(Self.input(pods: [Self.pod(0), Self.pod(1), Self.pod(2, deleting: true)], evacuations: [user]))).isEmpty)
        #expect(Self.created(DrainDecider.decide(Self.input(pods: [Self.pod(0), Self.pod(1), Self.pod(2, deleting: true)]))).map(\.metadata.name) == ["emqx-leave-emqx-2"])
    }

    @Test("whole-cluster removal (replicas 0, every pod deleting, the cluster deleting) and drain off stand everything down")
    func standDown() {
        let ours = DrainDecider.decide(Self.input(nodes: [Self.node(0), Self.node(1, cordoned: true), Self.node(2)]))
        var drain = Self.created(ours)[0]
        drain.metadata.uid = "drain"
        let expected: [DrainDecider.Action] = [.deleteBudget(name: "emqx-drain-guard"), .guardPod("emqx-0", false), .guardPod("emqx-1", false), .guardPod("emqx-2", false), .deleteEvacuation(name: "emqx-drain-worker-1")]
        let zero = DrainDecider.decide(Self.input(replicas: 0, evacuations: [drain]))
        #expect(zero.actions == expected)
        #expect(zero.summary?.reason == .clusterRemoval)
        var deleting = Self.cluster()
        deleting.metadata.deletionTimestamp = Timestamp(Date())
        #expect(DrainDecider.decide(Self.input(cluster: deleting)).summary?.reason == .clusterRemoval)
        let allDeleting = DrainDecider.decide(Self.input(pods: (0..<3).map { Self.pod($0, deleting: true) }))
        #expect(Self.created(allDeleting).isEmpty)
        #expect(allDeleting.summary?.reason == .clusterRemoval)
        let off = DrainDecider.decide(Self.input(cluster: Self.cluster(drain: .init(enabled: false)), evacuations: [drain]))
        #expect(off.actions == expected)
        #expect(off.summary == nil)
    }

    @Test("a user's budget over the broker pods: ours is deleted, labels lifted, BudgetConflict; an empty selector or other pods do not count")
    func foreignBudget() {
        let user = PodDisruptionBudget(metadata: ObjectMeta(name: "emqx-pdb", namespace: "default"), spec: .init(maxUnavailable: 1, selector: LabelSelector(matchLabels: ["app": "emqx"])))
        let decision = DrainDecider.decide(Self.input(budgets: [DrainGuard.budget(for: Self.cluster()), user]))
        #expect(decision.summary?.reason == .budgetConflict)
        #expect(decision.summary?.status == .false)
        #expect(decision.actions.first == .deleteBudget(name: "emqx-drain-guard"))
        #expect(decision.actions.contains(.guardPod("emqx-0", false)))
        let unrelated = PodDisruptionBudget(metadata: ObjectMeta(name: "web", namespace: "default"), spec: .init(maxUnavailable: 1, selector: LabelSelector(matchLabels: ["app": "web"])))
        let empty = PodDisruptionBudget(metadata: ObjectMeta(name: "empty", namespace: "default"), spec: .init(maxUnavailable: 1, selector: LabelSelector()))
        #expect(DrainDecider.decide(Self.input(budgets: [DrainGuard.budget(for: Self.cluster()), unrelated, empty])).summary?.reason == .guarded)
    }
}

extension DrainDeciderTests {
    static func loads(_ connections: Int64, _ sessions: Int64) -> [String: NodeLoad] {
        Dictionary(uniqueKeysWithValues: brokerNodes.map { ($0, NodeLoad(name: $0, connections: connections, sessions: sessions)) })
    }

    @Test("the grace-period check: EMQX's default waits need more than the default 30 s, and the message gives the figure; short waits fit 120 s")
    func gracePeriod() throws {
        var input = Self.input()
        input.loads = Self.loads(15_000, 15_000)
        let short = try #require(DrainDecider.decide(input).gracePeriod)
        #expect(short.status == .false)
        #expect(short.reason == .gracePeriodTooShort)
        // 60 + 15000/500 + 60 + 15000/500 = 180 s.
        #expect(EvacuationDuration(connections: 15_000, sessions: 15_000, drain: nil).seconds == 180)
        #expect(short.message.contains("pod emqx-0: terminationGracePeriodSeconds 30 is shorter than its evacuation (about 180 s"))
        #expect(short.message.contains("at least 190"))

        let fast = BrokerCluster.Spec.Drain(connEvictRate: 1000, sessEvictRate: 1000, waitHealthCheckSeconds: 5, waitTakeoverSeconds: 5)
        var pods = (0..<3).map { Self.pod($0) }
        for index in pods.indices { pods[index].spec?.terminationGracePeriodSeconds = 120 }
        var fits = Self.input(cluster: Self.cluster(drain: fast), pods: pods)
        fits.loads = Self.loads(15_000, 15_000)
        let sufficient = try #require(DrainDecider.decide(fits).gracePeriod)
        #expect(sufficient.reason == .gracePeriodSufficient)
        #expect(sufficient.message.contains("about 40 s"))
        #expect(DrainDecider.decide(Self.input()).gracePeriod == nil, "no reading, no figure")
    }
}
