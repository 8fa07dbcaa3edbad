import ControllerRuntime
import Foundation
import KubeClient
import Testing

@testable import Rebalancing

@Suite("BrokerCluster events: one per transition")
struct BrokerClusterEventsTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let a = "emqx@a", b = "emqx@b"

    static func cluster(_ status: BrokerCluster.Status? = nil) -> BrokerCluster {
        var cluster = BrokerCluster(metadata: ObjectMeta(name: "emqx", namespace: "default"), spec: .init(api: .init(url: "http://emqx:18083")), status: status)
        cluster.metadata.uid = "uid-emqx"
        return cluster
    }

    static func snapshot(evacuating: [String] = []) -> BrokerSnapshot {
        BrokerSnapshot(nodes: [.init(name: a, connections: 10, version: "5.9.1"), .init(name: b, connections: 5)], evacuations: evacuating.map { .init(node: $0, state: "prohibiting") })
    }

    /// One reconcile: decide, derive the events.
    static func reconcile(_ cluster: BrokerCluster, _ reading: BrokerReading, confirmed: Set<String> = []) -> (status: BrokerCluster.Status, events: [TransitionEvent]) {
        let outcomes = Dictionary(uniqueKeysWithValues: confirmed.map { ($0, BrokerActionOutcome.done) })
        let status = BrokerClusterDecider.decide(.init(cluster: cluster, pods: [], readout: reading, claimedNodes: [], now: now, stopOutcomes: outcomes)).status
        return (status, BrokerClusterEvents.events(for: cluster, newStatus: status, confirmedStops: confirmed))
    }

    @Test("Reachable, Unreachable, Reachable again: one event per change, none while it holds")
    func reachability() async {
        let harness = EventHarness()
        let up = Self.reconcile(Self.cluster(), .snapshot(Self.snapshot(), rebalanceAvailable: true))
        #expect(up.events.map(\.reason) == ["Reachable"])
        #expect(up.events[0].note.contains("2 of 2 node(s) running"))
        await harness.publish(up.events, regarding: Self.cluster())
        await harness.publish(Self.reconcile(Self.cluster(), .snapshot(Self.snapshot(), rebalanceAvailable: true)).events, regarding: Self.cluster())
        #expect(Self.reconcile(Self.cluster(up.status), .snapshot(Self.snapshot(), rebalanceAvailable: true)).events.isEmpty)

        let down = Self.reconcile(Self.cluster(up.status), .unreachable("connection refused"))
        #expect(down.events.map(\.reason) == ["Unreachable"])
        #expect(down.events[0].type == .warning && down.events[0].note.contains("connection refused"))
        await harness.publish(down.events, regarding: Self.cluster())
        #expect(Self.reconcile(Self.cluster(down.status), .unreachable("connection refused again")).events.isEmpty)

        let unauthorized = Self.reconcile(Self.cluster(down.status), .unauthorized("401"))
        #expect(unauthorized.events.map(\.reason) == ["Unreachable"])
        #expect(unauthorized.events[0].note.hasPrefix("Unauthorized: "))

        let back = Self.reconcile(Self.cluster(down.status), .snapshot(Self.snapshot(), rebalanceAvailable: true))
        #expect(back.events.map(\.reason) == ["Reachable"])
        await harness.publish(back.events, regarding: Self.cluster())
        #expect(await harness.sink.reasons == ["Reachable", "Unreachable", "Reachable"])
    }

    @Test("load_rebalance absent: RebalanceUnavailable, a Warning")
    func rebalanceUnavailable() {
        let events = Self.reconcile(Self.cluster(), .snapshot(Self.snapshot(), rebalanceAvailable: false)).events
        #expect(events.map(\.reason) == ["Reachable", "RebalanceUnavailable"])
        #expect(events[1].type == .warning)
    }

    @Test("owed stops: confirmed by EMQX, or cleared once EMQX no longer evacuates the node")
    func pendingStops() {
        var status = Self.reconcile(Self.cluster(), .snapshot(Self.snapshot(), rebalanceAvailable: true)).status
        status.pendingStops = [.init(brokerNode: Self.a, evacuation: "e1"), .init(brokerNode: Self.b, evacuation: "e2")]
        let result = Self.reconcile(Self.cluster(status), .snapshot(Self.snapshot(evacuating: [Self.a]), rebalanceAvailable: true), confirmed: [Self.a])
        #expect(result.status.pendingStops == nil)
        #expect(result.events.map(\.reason) == ["PendingStopConfirmed", "PendingStopCleared"])
        #expect(result.events[0].note.contains("NodeEvacuation e1"))
        #expect(result.events.allSatisfy { $0.type == .normal })
    }
}
