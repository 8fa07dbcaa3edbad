import Foundation
import KubeClient
import Testing

@testable import Rebalancing

@Suite("BrokerCluster decisions")
struct BrokerClusterDeciderTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static func node(_ i: Int) -> String { "emqx@emqx-\(i).emqx-headless.default.svc.cluster.local" }
    static let pods = (0..<3).map { BrokerPod(name: "emqx-\($0)", namespace: "default", uid: "u\($0)", nodeName: "worker-\($0)") }

    static func cluster(pending: [BrokerCluster.Status.PendingStop] = []) -> BrokerCluster {
        var cluster = BrokerCluster(metadata: ObjectMeta(name: "emqx", namespace: "default"), spec: .init(api: .init(url: "http://emqx:18083")))
        cluster.metadata.generation = 2
        if !pending.isEmpty {
            var status = BrokerCluster.Status()
            status.pendingStops = pending
            cluster.status = status
        }
        return cluster
    }

    static func snapshot(evacuating: [Int] = [], down: Set<Int> = []) -> BrokerSnapshot {
        BrokerSnapshot(
            nodes: [(150, 160), (100, 100), (50, 50)].enumerated().map { i, load in
                .init(name: node(i), isRunning: !down.contains(i), connections: load.0, sessions: load.1, uptimeMilliseconds: 5, version: "5.9.1")
            },
            evacuations: evacuating.map { .init(node: node($0), state: "prohibiting") }
        )
    }

    func condition(_ decision: BrokerClusterDecider.Decision, _ type: String) -> Condition? {
        decision.status.conditions?.first { $0.type == type }
    }

    @Test("a reachable cluster: nodes mapped to pods and Kubernetes nodes, version, balance, Ready, idle poll")
    func reachable() {
        let decision = BrokerClusterDecider.decide(.init(cluster: Self.cluster(), pods: Self.pods, readout: .snapshot(Self.snapshot(), rebalanceAvailable: true), claimedNodes: [], now: Self.now))
        #expect(decision.status.nodes?.map(\.pod) == ["emqx-0", "emqx-1", "emqx-2"])
        #expect(decision.status.nodes?.first?.k8sNode == "worker-0")
        #expect(decision.status.nodes?.first?.connections == 150)
        #expect(decision.status.nodes?.first?.sessions == 160)
        #expect(decision.status.emqxVersion == "5.9.1")
        #expect(decision.status.balance == 1.5)
        #expect(decision.status.observedGeneration == 2)
        #expect(condition(decision, "Ready")?.status == .true)
        #expect(condition(decision, "Reachable")?.status == .true)
        #expect(decision.requeueAfter == nil)
    }

    @Test("scale-up rebalancing, which this version does not carry out, is reported (Automation=False NotImplemented); drain protection is not; the condition goes when it is disabled")
    func automationNotImplemented() {
        var cluster = Self.cluster()
        #expect(condition(BrokerClusterDecider.decide(.init(cluster: cluster, pods: Self.pods, readout: .snapshot(Self.snapshot(), rebalanceAvailable: true), claimedNodes: [], now: Self.now)), "Automation") == nil)
        cluster.spec.drain = .init(enabled: true)
        #expect(condition(BrokerClusterDecider.decide(.init(cluster: cluster, pods: Self.pods, readout: .snapshot(Self.snapshot(), rebalanceAvailable: true), claimedNodes: [], now: Self.now)), "Automation") == nil)
        cluster.spec.autoRebalance = .init(enabled: true)
        let reported = BrokerClusterDecider.decide(.init(cluster: cluster, pods: Self.pods, readout: .unreachable("down"), claimedNodes: [], now: Self.now))
        #expect(condition(reported, "Automation")?.status == .false)
        #expect(condition(reported, "Automation")?.reason == "NotImplemented")
        #expect(condition(reported, "Automation")?.message.contains("spec.autoRebalance") == true)
        cluster.status = reported.status
        cluster.spec.drain = nil
        cluster.spec.autoRebalance = .init(enabled: false)
        #expect(condition(BrokerClusterDecider.decide(.init(cluster: cluster, pods: Self.pods, readout: .snapshot(Self.snapshot(), rebalanceAvailable: true), claimedNodes: [], now: Self.now)), "Automation") == nil)
    }

    @Test("load_rebalance absent (404) is reported, not fatal")
    func featureAbsent() {
        let decision = BrokerClusterDecider.decide(.init(cluster: Self.cluster(), pods: Self.pods, readout: .snapshot(Self.snapshot(), rebalanceAvailable: false), claimedNodes: [], now: Self.now))
        #expect(decision.status.rebalanceAvailable == false)
        #expect(condition(decision, "Ready")?.reason == "RebalanceUnavailable")
        #expect(condition(decision, "Reachable")?.status == .true)
    }

    @Test("unreachable, unauthorized and misconfigured each say so in both conditions", arguments: [
        (BrokerReading.unreachable("connection refused"), "Unreachable", Condition.Status.false),
        (.unauthorized("401 BAD_API_KEY_OR_SECRET"), "Unauthorized", .false),
        (.misconfigured(reason: .credentialsNotFound, message: "Secret emqx-api-key not found"), "CredentialsNotFound", .unknown),
    ])
    func failures(readout: BrokerReading, reason: String, reachable: Condition.Status) {
        let decision = BrokerClusterDecider.decide(.init(cluster: Self.cluster(), pods: Self.pods, readout: readout, claimedNodes: [], now: Self.now))
        #expect(condition(decision, "Ready")?.status == .false)
        #expect(condition(decision, "Ready")?.reason == reason)
        #expect(condition(decision, "Reachable")?.status == reachable)
        #expect(decision.actions.isEmpty)
    }

    @Test("owed stops are retried while EMQX still evacuates the node, dropped when it does not or a live evacuation claims it")
    func pendingStops() {
        let pending = [0, 1, 2].map { BrokerCluster.Status.PendingStop(brokerNode: Self.node($0), evacuation: "e\($0)") }
        let input = BrokerClusterDecider.Input(
            cluster: Self.cluster(pending: pending), pods: Self.pods,
            readout: .snapshot(Self.snapshot(evacuating: [0, 1]), rebalanceAvailable: true),
            claimedNodes: [Self.node(1)], now: Self.now
        )
        let decision = BrokerClusterDecider.decide(input)
        #expect(decision.actions == [.stopEvacuation(node: Self.node(0))])
        #expect(decision.status.pendingStops?.map(\.brokerNode) == [Self.node(0)])
        #expect(decision.requeueAfter == BrokerClusterDecider.stopRetry)
        var confirmed = input
        confirmed.stopOutcomes = [Self.node(0): .notRunning]
        let after = BrokerClusterDecider.decide(confirmed)
        #expect(after.status.pendingStops == nil)
        #expect(after.actions.isEmpty)
        var failing = input
        failing.stopOutcomes = [Self.node(0): .unreachable("timeout")]
        let again = BrokerClusterDecider.decide(failing)
        #expect(again.status.pendingStops?.map(\.brokerNode) == [Self.node(0)])
        #expect(again.actions.isEmpty, "a stop that just failed is not sent again within the same reconcile")
    }

    @Test("hand-overs add one entry per node")
    func handOvers() {
        var status = BrokerCluster.Status()
        status = BrokerClusterDecider.addingPendingStops([.init(brokerNode: "a", evacuation: "x", since: Timestamp(Self.now), lastError: "timeout")], to: status)
        status = BrokerClusterDecider.addingPendingStops([.init(brokerNode: "a", evacuation: "y", since: Timestamp(Self.now.addingTimeInterval(9)), lastError: "refused")], to: status)
        #expect(status.pendingStops?.count == 1)
        #expect(status.pendingStops?.first?.since == Timestamp(Self.now))
        #expect(status.pendingStops?.first?.lastError == "refused")
    }

    @Test("balance: max over mean of running nodes; nil without load")
    func balance() {
        #expect(BrokerClusterDecider.balance(of: Self.snapshot(down: [0])) == 1.33)
        #expect(BrokerClusterDecider.balance(of: BrokerSnapshot(nodes: [.init(name: "a")])) == nil)
    }
}
