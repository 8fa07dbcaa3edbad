import Foundation
import KubeClient
import Testing

@testable import Rebalancing

/// Fixtures: a three-node cluster `emqx` with pods emqx-0..2 on k8s nodes worker-0..2.
private enum Fixture {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)
    static func node(_ i: Int) -> String { "emqx@emqx-\(i).emqx-headless.default.svc.cluster.local" }

    static let cluster = BrokerCluster(
        metadata: ObjectMeta(name: "emqx", namespace: "default"),
        spec: BrokerCluster.Spec(api: .init(url: "http://emqx:18083"))
    )

    static let pods = (0..<3).map { i in
        BrokerPod(name: "emqx-\(i)", namespace: "default", uid: "uid-\(i)", nodeName: "worker-\(i)", podIP: "10.0.0.\(i)", subdomain: "emqx-headless")
    }

    static func snapshot(loads: [(Int64, Int64)] = [(100, 120), (80, 90), (60, 60)], evacuations: [BrokerSnapshot.Evacuation] = [], rebalances: [BrokerSnapshot.Rebalance] = [], down: Set<Int> = []) -> BrokerSnapshot {
        BrokerSnapshot(
            nodes: loads.enumerated().map { i, load in
                BrokerSnapshot.Node(name: node(i), isRunning: !down.contains(i), connections: load.0, sessions: load.1, uptimeMilliseconds: 1000)
            },
            evacuations: evacuations,
            rebalances: rebalances
        )
    }

    static func evacuation(_ target: NodeEvacuation.Spec.Target, name: String = "evac", created: Date = start, status: NodeEvacuation.Status? = nil, finalizer: Bool = true, deletedAt: Date? = nil, deadline: Int? = nil) -> NodeEvacuation {
        var spec = NodeEvacuation.Spec(clusterRef: "emqx", target: target)
        spec.deadlineSeconds = deadline
        var meta = ObjectMeta(name: name, namespace: "default")
        meta.uid = "uid-\(name)"
        meta.generation = 1
        meta.creationTimestamp = Timestamp(created)
        meta.finalizers = finalizer ? [RebalancingAPI.finalizer] : nil
        meta.deletionTimestamp = deletedAt.map(Timestamp.init)
        return NodeEvacuation(metadata: meta, spec: spec, status: status)
    }

    static func decide(_ evacuation: NodeEvacuation, cluster: BrokerCluster? = cluster, broker: BrokerReadout = .snapshot(snapshot()), others: [NodeEvacuation] = [], pods: [BrokerPod] = pods, now: Date = start) -> EvacuationDecider.Decision {
        EvacuationDecider.decide(.init(evacuation: evacuation, cluster: cluster, pods: pods, broker: broker, others: others, now: now))
    }
}

private extension EvacuationDecider.Decision {
    func condition(_ type: String) -> Condition? { status.conditions?.first { $0.type == type } }
}

@Suite("NodeEvacuation decisions")
struct EvacuationDeciderTests {
    @Test("a pod target starts EMQX's evacuation with the spec's parameters and EMQX's defaults")
    func startsPod() {
        var resource = Fixture.evacuation(.init(pod: "emqx-2"))
        resource.spec.connEvictRate = 100
        let decision = Fixture.decide(resource)
        #expect(decision.actions == [.broker(.startEvacuation(EvacuationRequest(node: Fixture.node(2), connEvictRate: 100, sessEvictRate: 500, waitHealthCheckSeconds: 60, waitTakeoverSeconds: 60)))])
        #expect(decision.status.phase == .pending)
        #expect(decision.status.startedAt == Timestamp(Fixture.start))
        #expect(decision.status.brokerNodes?.first?.podUID == "uid-2")
        #expect(decision.status.brokerNodes?.first?.initialConnections == 60)
        #expect(decision.condition("Ready")?.status == .false)
        #expect(decision.condition("Progressing")?.status == .true)
        #expect(decision.requeueAfter == EvacuationDecider.resync)
    }

    @Test("a Kubernetes node target evacuates every broker pod on it; one without pods is trivially evacuated")
    func kubernetesNode() {
        var pods = Fixture.pods
        pods[1].nodeName = "worker-0"
        let decision = Fixture.decide(Fixture.evacuation(.init(node: "worker-0")), pods: pods)
        #expect(decision.actions.count == 2)
        let empty = Fixture.decide(Fixture.evacuation(.init(node: "worker-9")))
        #expect(empty.actions.isEmpty)
        #expect(empty.status.phase == .evacuated)
        #expect(empty.condition("Ready")?.status == .true)
    }

    @Test("a running evacuation is adopted, not started again, and its state becomes the phase")
    func adopts() {
        let running = BrokerSnapshot.Evacuation(node: Fixture.node(2), state: "evicting_conns", initialConnections: 60, currentConnections: 30, initialSessions: 60, currentSessions: 60)
        let decision = Fixture.decide(Fixture.evacuation(.init(brokerNode: Fixture.node(2))), broker: .snapshot(Fixture.snapshot(loads: [(100, 120), (80, 90), (30, 60)], evacuations: [running])))
        #expect(decision.actions.isEmpty)
        #expect(decision.status.phase == .evictingConnections)
        #expect(decision.status.progress == 25)
    }

    @Test("Evacuated once the node holds no connections and no sessions; Ready True; slower poll")
    func evacuated() {
        let done = BrokerSnapshot.Evacuation(node: Fixture.node(2), state: "prohibiting", initialConnections: 60, initialSessions: 60)
        var status = NodeEvacuation.Status()
        var entry = NodeEvacuation.Status.BrokerNode(name: Fixture.node(2))
        entry.initialConnections = 60
        entry.initialSessions = 60
        entry.podUID = "uid-2"
        status.brokerNodes = [entry]
        status.startedAt = Timestamp(Fixture.start)
        let later = Fixture.start.addingTimeInterval(200)
        let decision = Fixture.decide(Fixture.evacuation(.init(pod: "emqx-2"), status: status), broker: .snapshot(Fixture.snapshot(loads: [(130, 150), (110, 120), (0, 0)], evacuations: [done])), now: later)
        #expect(decision.actions.isEmpty)
        #expect(decision.status.phase == .evacuated)
        #expect(decision.status.progress == 100)
        #expect(decision.status.evacuatedAt == Timestamp(later))
        #expect(decision.condition("Ready")?.status == .true)
        #expect(decision.condition("Ready")?.reason == "Evacuated")
        #expect(decision.requeueAfter == EvacuationDecider.resync)
    }

    @Test("an EMQX state this operator does not know (a newer EMQX) says nothing: the previous phase stays")
    func unknownStateKeepsPhase() {
        var status = NodeEvacuation.Status()
        status.brokerNodes = [NodeEvacuation.Status.BrokerNode(name: Fixture.node(2))]
        status.phase = .evictingConnections
        status.startedAt = Timestamp(Fixture.start)
        let unknown = BrokerSnapshot.Evacuation(node: Fixture.node(2), state: "defragmenting", initialConnections: 60, currentConnections: 30, initialSessions: 60, currentSessions: 60)
        let decision = Fixture.decide(Fixture.evacuation(.init(pod: "emqx-2"), status: status), broker: .snapshot(Fixture.snapshot(loads: [(100, 120), (80, 90), (30, 60)], evacuations: [unknown])))
        #expect(decision.actions.isEmpty)
        #expect(decision.status.phase == .evictingConnections)
        #expect(decision.status.brokerNodes?.first?.state == "defragmenting")
    }

    @Test("a target node that is not running: EMQX's counts of the evacuation stand, never a false Evacuated")
    func stoppedTargetKeepsEMQXCounts() {
        var status = NodeEvacuation.Status()
        status.brokerNodes = [NodeEvacuation.Status.BrokerNode(name: Fixture.node(2))]
        status.phase = .evictingSessions
        status.startedAt = Timestamp(Fixture.start)
        let listed = BrokerSnapshot.Evacuation(node: Fixture.node(2), state: "prohibiting", initialConnections: 30, currentConnections: 0, initialSessions: 30, currentSessions: 15)
        let snapshot = Fixture.snapshot(loads: [(100, 120), (80, 90), (0, 0)], evacuations: [listed], down: [2])
        let decision = Fixture.decide(Fixture.evacuation(.init(pod: "emqx-2"), status: status), broker: .snapshot(snapshot))
        #expect(decision.status.brokerNodes?.first?.sessions == 15)
        #expect(decision.status.phase == .evictingSessions)
        #expect(decision.condition("Ready")?.status == .false)
        #expect(decision.status.progress == 75)
    }

    @Test("an evacuation the broker lost (restart) is started again without the capacity guard, and a replaced pod is reported")
    func reasserts() {
        var status = NodeEvacuation.Status()
        var entry = NodeEvacuation.Status.BrokerNode(name: Fixture.node(2))
        entry.podUID = "old-uid"
        status.brokerNodes = [entry]
        status.phase = .evacuated
        var cluster = Fixture.cluster
        cluster.spec.minAvailableNodes = 3
        let decision = Fixture.decide(Fixture.evacuation(.init(pod: "emqx-2"), status: status), cluster: cluster)
        #expect(decision.actions == [.broker(.startEvacuation(EvacuationRequest(node: Fixture.node(2))))])
        #expect(decision.condition("TargetReplaced")?.status == .true)
        #expect(decision.status.brokerNodes?.first?.podUID == "old-uid")
    }

    @Test("refusals: nothing reaches the broker and Ready=False says why", arguments: [
        ("cluster", "ClusterNotFound"),
        ("pod", "PodNotFound"),
        ("brokerNode", "BrokerNodeNotFound"),
        ("migrateTo", "InvalidSpec"),
        ("migrateSelf", "InvalidSpec"),
        ("capacity", "InsufficientCapacity"),
        ("rebalance", "RebalanceInProgress"),
        ("down", "BrokerNodeNotRunning"),
        ("conflict", "Conflict"),
    ])
    func refusals(scenario: String, reason: String) {
        var resource = Fixture.evacuation(.init(pod: "emqx-2"))
        var cluster: BrokerCluster? = Fixture.cluster
        var snapshot = Fixture.snapshot()
        var others: [NodeEvacuation] = []
        switch scenario {
        case "cluster": cluster = nil
        case "pod": resource.spec.target = .init(pod: "emqx-7")
        case "brokerNode": resource.spec.target = .init(brokerNode: "emqx@nowhere")
        case "migrateTo": resource.spec.migrateTo = ["emqx@nowhere"]
        case "migrateSelf": resource.spec.migrateTo = [Fixture.node(2)]
        case "capacity": cluster?.spec.minAvailableNodes = 3
        case "rebalance": snapshot.rebalances = [.init(coordinator: Fixture.node(0), state: "evicting_conns", donors: [Fixture.node(2)], recipients: [Fixture.node(0)])]
        case "down": snapshot = Fixture.snapshot(down: [2])
        case "conflict":
            var owner = NodeEvacuation.Status()
            owner.brokerNodes = [.init(name: Fixture.node(2))]
            others = [Fixture.evacuation(.init(brokerNode: Fixture.node(2)), name: "first", created: Fixture.start.addingTimeInterval(-60), status: owner)]
        default: break
        }
        let decision = Fixture.decide(resource, cluster: cluster, broker: .snapshot(snapshot), others: others)
        #expect(decision.actions.isEmpty)
        #expect(decision.condition("Ready")?.status == .false)
        #expect(decision.condition("Ready")?.reason == reason)
        #expect(decision.condition("Ready")?.message.isEmpty == false)
        #expect(decision.requeueAfter != nil)
    }

    @Test("capacity guard counts nodes still accepting clients: a second evacuation on a 3-node cluster with minAvailableNodes 2 is refused")
    func capacityWithOtherEvacuation() {
        var cluster = Fixture.cluster
        cluster.spec.minAvailableNodes = 2
        let other = BrokerSnapshot.Evacuation(node: Fixture.node(0), state: "prohibiting")
        let refused = Fixture.decide(Fixture.evacuation(.init(pod: "emqx-2")), cluster: cluster, broker: .snapshot(Fixture.snapshot(evacuations: [other])))
        #expect(refused.condition("Ready")?.reason == "InsufficientCapacity")
        let allowed = Fixture.decide(Fixture.evacuation(.init(pod: "emqx-2")), cluster: cluster)
        #expect(allowed.actions.count == 1)
    }

    @Test("an unreachable broker is transient: no action, BrokerUnreachable, retried, phase kept")
    func unreachable() {
        var status = NodeEvacuation.Status()
        status.phase = .evictingConnections
        let decision = Fixture.decide(Fixture.evacuation(.init(pod: "emqx-2"), status: status), broker: .unreachable("connection refused"))
        #expect(decision.actions.isEmpty)
        #expect(decision.status.phase == .evictingConnections)
        #expect(decision.condition("Ready")?.reason == "BrokerUnreachable")
        #expect(decision.requeueAfter == EvacuationDecider.blockedRetry)
    }

    @Test("a passed deadline stops the broker side, then reports Failed; Failed is terminal")
    func deadline() {
        var status = NodeEvacuation.Status()
        status.brokerNodes = [.init(name: Fixture.node(2))]
        status.startedAt = Timestamp(Fixture.start)
        status.phase = .evictingSessions
        let running = BrokerSnapshot.Evacuation(node: Fixture.node(2), state: "evicting_sessions")
        let decision = Fixture.decide(Fixture.evacuation(.init(pod: "emqx-2"), status: status, deadline: 60), broker: .snapshot(Fixture.snapshot(evacuations: [running])), now: Fixture.start.addingTimeInterval(61))
        #expect(decision.actions == [.broker(.stopEvacuation(node: Fixture.node(2)))])
        #expect(decision.status.phase == .failed)
        #expect(decision.condition("Ready")?.reason == "DeadlineExceeded")
        let after = Fixture.decide(Fixture.evacuation(.init(pod: "emqx-2"), status: decision.status, deadline: 60), now: Fixture.start.addingTimeInterval(70))
        #expect(after.actions.isEmpty)
        #expect(after.requeueAfter == nil)
    }

    @Test("deletion stops what this resource started, then releases the finalizer")
    func deletion() {
        var status = NodeEvacuation.Status()
        status.brokerNodes = [.init(name: Fixture.node(2))]
        let running = BrokerSnapshot.Evacuation(node: Fixture.node(2), state: "prohibiting")
        let deleting = Fixture.evacuation(.init(pod: "emqx-2"), status: status, deletedAt: Fixture.start)
        let decision = Fixture.decide(deleting, broker: .snapshot(Fixture.snapshot(evacuations: [running])))
        #expect(decision.actions == [.broker(.stopEvacuation(node: Fixture.node(2))), .removeFinalizer])
        #expect(decision.status.phase == .stopping)
        let neverStarted = Fixture.decide(Fixture.evacuation(.init(pod: "emqx-2"), deletedAt: Fixture.start))
        #expect(neverStarted.actions == [.removeFinalizer])
    }

    @Test("deletion with the broker unreachable waits, then hands the stop to the BrokerCluster so deletion never hangs")
    func deletionUnreachable() {
        var status = NodeEvacuation.Status()
        status.brokerNodes = [.init(name: Fixture.node(2))]
        let deleting = Fixture.evacuation(.init(pod: "emqx-2"), status: status, deletedAt: Fixture.start)
        let early = Fixture.decide(deleting, broker: .unreachable("timeout"), now: Fixture.start.addingTimeInterval(5))
        #expect(early.actions.isEmpty)
        #expect(early.requeueAfter != nil)
        let late = Fixture.decide(deleting, broker: .unreachable("timeout"), now: Fixture.start.addingTimeInterval(EvacuationDecider.stopHandOverDelay))
        #expect(late.actions == [.handOverStops(nodes: [Fixture.node(2)], lastError: "timeout"), .removeFinalizer])
    }

    @Test("conditions keep lastTransitionTime while their status holds")
    func transitionTimes() {
        let first = Fixture.decide(Fixture.evacuation(.init(pod: "emqx-2")))
        let running = BrokerSnapshot.Evacuation(node: Fixture.node(2), state: "evicting_conns")
        let second = Fixture.decide(Fixture.evacuation(.init(pod: "emqx-2"), status: first.status), broker: .snapshot(Fixture.snapshot(evacuations: [running])), now: Fixture.start.addingTimeInterval(30))
        #expect(second.condition("Ready")?.lastTransitionTime == Timestamp(Fixture.start))
        #expect(second.condition("Ready")?.reason == "EvictingConnections")
    }
}

@Suite("Broker node names to pods")
struct BrokerNodeMappingTests {
    @Test("without a template: by pod name as host or first DNS label, or by pod IP; ambiguity maps to none")
    func defaultMatching() {
        let mapping = BrokerNodeMapping(template: nil)
        let pods = Fixture.pods
        #expect(mapping.pod(forNode: "emqx@emqx-1.emqx-headless.default.svc.cluster.local", among: pods)?.name == "emqx-1")
        #expect(mapping.pod(forNode: "emqx@10.0.0.2", among: pods)?.name == "emqx-2")
        #expect(mapping.pod(forNode: "emqx@emqx-1", among: pods)?.name == "emqx-1")
        #expect(mapping.pod(forNode: "emqx@other", among: pods) == nil)
        #expect(mapping.node(forPod: pods[0], among: ["emqx@emqx-0", "emqx@10.0.0.0"]) == nil)
    }

    @Test("with a template: exact names only")
    func template() {
        let mapping = BrokerNodeMapping(template: "emqx@{pod}.{service}.{namespace}.svc.cluster.local")
        #expect(mapping.nodeName(for: Fixture.pods[0]) == Fixture.node(0))
        #expect(mapping.node(forPod: Fixture.pods[0], among: ["emqx@emqx-0", Fixture.node(0)]) == Fixture.node(0))
    }
}

/// One transition of ``EvacuationDecider``: a state, what the broker shows, EMQX's answer to the last action.
struct EvacuationTransition: Sendable, CustomTestStringConvertible {
    var name: String
    var resource: NodeEvacuation
    var broker: BrokerReadout
    var refusal: BrokerActionOutcome?
    var now: Date = Date(timeIntervalSince1970: 1_800_000_000)
    var phase: NodeEvacuation.Phase?
    var ready: ConditionReason?
    var actions: [String]

    var testDescription: String { name }
}

private func actionNames(_ actions: [EvacuationDecider.Action]) -> [String] {
    actions.map { action in
        switch action {
        case let .broker(.startEvacuation(request)): "start \(request.node.prefix(11))"
        case let .broker(.stopEvacuation(node)): "stop \(node.prefix(11))"
        case .broker: "other"
        case .handOverStops: "handOver"
        case .removeFinalizer: "removeFinalizer"
        }
    }
}

@Suite("NodeEvacuation transitions, one row each")
struct EvacuationTransitionTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)
    static func recorded(state: String?, startedAt: Date = start, phase: NodeEvacuation.Phase = .evictingConnections) -> NodeEvacuation.Status {
        var status = NodeEvacuation.Status()
        var node = NodeEvacuation.Status.BrokerNode(name: Fixture.node(2))
        node.pod = "emqx-2"
        node.podUID = "uid-2"
        node.state = state
        status.brokerNodes = [node]
        status.startedAt = Timestamp(startedAt)
        status.phase = phase
        return status
    }
    static let evacuating = Fixture.snapshot(loads: [(100, 120), (80, 90), (40, 50)], evacuations: [.init(node: Fixture.node(2), state: "evicting_conns", initialConnections: 60, currentConnections: 40, initialSessions: 60, currentSessions: 50)])
    static let emptied = Fixture.snapshot(loads: [(100, 120), (80, 90), (0, 0)], evacuations: [.init(node: Fixture.node(2), state: "prohibiting", initialConnections: 60, initialSessions: 60)])
    static let target = NodeEvacuation.Spec.Target(pod: "emqx-2")

    static let rows: [EvacuationTransition] = [
        .init(name: "new → start", resource: Fixture.evacuation(target), broker: .snapshot(Fixture.snapshot()), phase: .pending, ready: .pending, actions: ["start emqx@emqx-2"]),
        .init(name: "new, start answered busy → Conflict, nothing sent", resource: Fixture.evacuation(target), broker: .snapshot(Fixture.snapshot()), refusal: .busy("eviction_agent_busy"), phase: .pending, ready: .conflict, actions: []),
        .init(name: "new, start rejected → StartRejected", resource: Fixture.evacuation(target), broker: .snapshot(Fixture.snapshot()), refusal: .rejected("bad request"), phase: .pending, ready: .startRejected, actions: []),
        .init(name: "new, start unanswered → BrokerUnreachable", resource: Fixture.evacuation(target), broker: .snapshot(Fixture.snapshot()), refusal: .unreachable("timeout"), phase: .pending, ready: .brokerUnreachable, actions: []),
        .init(name: "new, broker unreachable → BrokerUnreachable", resource: Fixture.evacuation(target), broker: .unreachable("refused"), phase: .pending, ready: .brokerUnreachable, actions: []),
        .init(name: "running → follows EMQX's state", resource: Fixture.evacuation(target, status: recorded(state: "evicting_conns")), broker: .snapshot(evacuating), phase: .evictingConnections, ready: .evictingConnections, actions: []),
        .init(name: "emptied → Evacuated", resource: Fixture.evacuation(target, status: recorded(state: "evicting_sessions")), broker: .snapshot(emptied), phase: .evacuated, ready: .evacuated, actions: []),
        .init(name: "EMQX lost it (broker restart) → started again", resource: Fixture.evacuation(target, status: recorded(state: "evicting_conns")), broker: .snapshot(Fixture.snapshot()), phase: .pending, ready: .pending, actions: ["start emqx@emqx-2"]),
        .init(name: "deadline passed → stop, Failed", resource: Fixture.evacuation(target, status: recorded(state: "evicting_conns"), deadline: 10), broker: .snapshot(evacuating), now: start.addingTimeInterval(11), phase: .failed, ready: .deadlineExceeded, actions: ["stop emqx@emqx-2"]),
        .init(name: "failed → nothing", resource: Fixture.evacuation(target, status: recorded(state: nil, phase: .failed)), broker: .snapshot(evacuating), phase: .failed, ready: nil, actions: []),
        .init(name: "deleted → stop, then let go", resource: Fixture.evacuation(target, status: recorded(state: "evicting_conns"), deletedAt: start), broker: .snapshot(evacuating), phase: .stopping, ready: nil, actions: ["stop emqx@emqx-2", "removeFinalizer"]),
        .init(name: "deleted, stop unanswered → BrokerUnreachable, kept", resource: Fixture.evacuation(target, status: recorded(state: "evicting_conns"), deletedAt: start), broker: .snapshot(evacuating), refusal: .unreachable("timeout"), phase: .stopping, ready: .brokerUnreachable, actions: []),
        .init(name: "deleted, EMQX unreachable past 30 s → stop handed over", resource: Fixture.evacuation(target, status: recorded(state: "evicting_conns"), deletedAt: start), broker: .unreachable("refused"), now: start.addingTimeInterval(31), phase: .stopping, ready: nil, actions: ["handOver", "removeFinalizer"]),
        .init(name: "released (no finalizer) → nothing", resource: Fixture.evacuation(target, status: recorded(state: "evicting_conns"), finalizer: false, deletedAt: start), broker: .snapshot(evacuating), phase: .evictingConnections, ready: nil, actions: []),
    ]

    @Test(arguments: rows)
    func transition(_ row: EvacuationTransition) {
        let refusal = row.refusal.map { BrokerActionRefusal(action: .startEvacuation(EvacuationRequest(node: Fixture.node(2))), outcome: $0) }
        let decision = EvacuationDecider.decide(.init(evacuation: row.resource, cluster: Fixture.cluster, pods: Fixture.pods, broker: row.broker, others: [], now: row.now, refusal: refusal))
        #expect(decision.status.phase == row.phase)
        #expect(decision.status.conditions?.condition(.ready)?.typedReason == row.ready ?? row.resource.status?.conditions?.condition(.ready)?.typedReason)
        #expect(actionNames(decision.actions) == row.actions)
        if row.refusal != nil { #expect(!decision.actions.contains { if case .broker = $0 { true } else { false } }, "a decision on a refusal sends nothing to EMQX") }
    }
}
