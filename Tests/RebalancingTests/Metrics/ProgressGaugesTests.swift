import Foundation
import KubeClient
import Testing

@testable import Rebalancing

@Suite("Progress gauges")
struct ProgressGaugesTests {
    static let meta = ObjectMeta(name: "evacuate-emqx-0", namespace: "default")

    func value(_ samples: [ProgressGauges.Sample], _ name: String, node: String? = nil) -> Double? {
        samples.first { $0.name == name && (node == nil || $0.dimensions["node"] == node) }?.value
    }

    @Test("an evacuation's progress and what is left on its nodes, labelled by namespace and name")
    func evacuation() {
        var status = NodeEvacuation.Status()
        status.progress = 40
        var node = NodeEvacuation.Status.BrokerNode(name: "emqx@a")
        node.connections = 600
        node.sessions = 700
        status.brokerNodes = [node]
        let samples = ProgressGauges.samples(for: Self.meta, status: status)
        #expect(value(samples, ProgressGauges.evacuationProgress) == 40)
        #expect(value(samples, ProgressGauges.evacuationRemainingConnections) == 600)
        #expect(value(samples, ProgressGauges.evacuationRemainingSessions) == 700)
        #expect(samples.allSatisfy { $0.dimensions == ["namespace": "default", "name": "evacuate-emqx-0"] })
    }

    @Test("a rebalance's attempts and what it moved")
    func rebalance() {
        var status = ClusterRebalance.Status()
        status.attempts = [.init(startedAt: Timestamp(.now), coordinator: "emqx@a"), .init(startedAt: Timestamp(.now), coordinator: "emqx@b")]
        status.moved = .init(connections: 1200, sessions: 900)
        let samples = ProgressGauges.samples(for: Self.meta, status: status)
        #expect(value(samples, ProgressGauges.rebalanceAttempts) == 2)
        #expect(value(samples, ProgressGauges.rebalanceMovedConnections) == 1200)
        #expect(value(samples, ProgressGauges.rebalanceMovedSessions) == 900)
    }

    @Test("each broker node's connections and sessions, and the cluster's balance")
    func cluster() {
        var status = BrokerCluster.Status()
        var a = BrokerCluster.Status.Node(name: "emqx@a")
        a.connections = 15000
        a.sessions = 15100
        status.nodes = [a, BrokerCluster.Status.Node(name: "emqx@b")]
        status.balance = 1.5
        let samples = ProgressGauges.samples(for: ObjectMeta(name: "emqx", namespace: "default"), status: status)
        #expect(value(samples, ProgressGauges.brokerConnections, node: "emqx@a") == 15000)
        #expect(value(samples, ProgressGauges.brokerSessions, node: "emqx@a") == 15100)
        #expect(value(samples, ProgressGauges.brokerConnections, node: "emqx@b") == 0)
        #expect(value(samples, ProgressGauges.clusterBalance) == 1.5)
        #expect(samples.first?.dimensions == ["namespace": "default", "cluster": "emqx", "node": "emqx@a"])
        #expect(value(samples, ProgressGauges.clusterPendingStops) == 0)
        #expect(!samples.contains { $0.name == ProgressGauges.clusterReachable }, "absent until the condition is reported")
    }

    @Test("alerting inputs: Failed phases, reachability and owed stops as 0/1 and counts")
    func alertingInputs() {
        var evacuation = NodeEvacuation.Status()
        evacuation.phase = .failed
        #expect(value(ProgressGauges.samples(for: ObjectMeta(name: "e", namespace: "default"), status: evacuation), ProgressGauges.evacuationFailed) == 1)
        evacuation.phase = .evictingConnections
        #expect(value(ProgressGauges.samples(for: ObjectMeta(name: "e", namespace: "default"), status: evacuation), ProgressGauges.evacuationFailed) == 0)
        var rebalance = ClusterRebalance.Status()
        rebalance.phase = .failed
        #expect(value(ProgressGauges.samples(for: ObjectMeta(name: "r", namespace: "default"), status: rebalance), ProgressGauges.rebalanceFailed) == 1)
        var cluster = BrokerCluster.Status()
        cluster.conditions = [Condition(type: "Reachable", status: .false, lastTransitionTime: Timestamp(Date(timeIntervalSince1970: 0)), reason: "Unreachable", message: "connection refused")]
        cluster.pendingStops = [.init(brokerNode: "emqx@a", evacuation: "e")]
        let samples = ProgressGauges.samples(for: ObjectMeta(name: "emqx", namespace: "default"), status: cluster)
        #expect(value(samples, ProgressGauges.clusterReachable) == 0)
        #expect(value(samples, ProgressGauges.clusterPendingStops) == 1)
    }
}
