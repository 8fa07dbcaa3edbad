import ControllerRuntime
import Foundation
import KubeClient
import Testing

@testable import Rebalancing

/// A NodeEvacuation of pod emqx-2 in a three-node cluster, driven through the decider as the reconciler does.
private enum E {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)
    static func node(_ i: Int) -> String { "emqx@emqx-\(i).emqx-headless.default.svc.cluster.local" }
    static let target = node(2)
    static let pods = (0..<3).map { BrokerPod(name: "emqx-\($0)", namespace: "default", uid: "uid-\($0)", nodeName: "worker-\($0)") }

    static func cluster(minAvailable: Int? = nil) -> BrokerCluster {
        var spec = BrokerCluster.Spec(api: .init(url: "http://emqx:18083"))
        spec.minAvailableNodes = minAvailable
        return BrokerCluster(metadata: ObjectMeta(name: "emqx", namespace: "default"), spec: spec)
    }

    static func resource(status: NodeEvacuation.Status? = nil, deletedAt: Date? = nil, deadline: Int? = nil) -> NodeEvacuation {
        var spec = NodeEvacuation.Spec(clusterRef: "emqx", target: .init(pod: "emqx-2"))
        spec.deadlineSeconds = deadline
        var meta = ObjectMeta(name: "evac", namespace: "default")
        meta.uid = "uid-evac"
        meta.generation = 1
        meta.creationTimestamp = Timestamp(start)
        meta.finalizers = [RebalancingAPI.finalizer]
        meta.deletionTimestamp = deletedAt.map(Timestamp.init)
        return NodeEvacuation(metadata: meta, spec: spec, status: status)
    }

    /// EMQX's view: the target's load and its evacuation state, if one runs.
    static func broker(state: String?, load: (Int64, Int64) = (60, 60)) -> BrokerReadout {
        .snapshot(BrokerSnapshot(
            nodes: [(100, 100), (80, 80), load].enumerated().map { .init(name: node($0), connections: $1.0, sessions: $1.1, uptimeMilliseconds: 1000) },
            evacuations: state.map { [.init(node: target, state: $0, initialConnections: 60, currentConnections: load.0, initialSessions: 60, currentSessions: load.1)] } ?? []
        ))
    }

    /// One reconcile: decide, carry out every action (as if EMQX accepted them), derive the events.
    static func reconcile(_ resource: NodeEvacuation, broker: BrokerReadout, cluster: BrokerCluster = cluster(), at now: Date = start) -> (status: NodeEvacuation.Status, events: [TransitionEvent]) {
        let decision = EvacuationDecider.decide(.init(evacuation: resource, cluster: cluster, pods: pods, broker: broker, others: [], now: now))
        let carriedOut = decision.actions.filter { $0 != .removeFinalizer }
        return (decision.status, NodeEvacuationEvents.events(for: resource, newStatus: decision.status, carriedOut: carriedOut))
    }
}

@Suite("NodeEvacuation events: one per transition")
struct NodeEvacuationEventsTests {
    @Test("a lifecycle publishes Started, Evacuated, Reasserted and Stopped, each once however often the reconcile runs")
    func lifecycle() async throws {
        let harness = EventHarness()
        // Started (twice: the second reconcile reads a cache that still lags behind the first one's write).
        let first = E.reconcile(E.resource(), broker: E.broker(state: nil))
        #expect(first.events.map(\.reason) == ["Started"])
        await harness.publish(first.events, regarding: E.resource())
        await harness.publish(E.reconcile(E.resource(), broker: E.broker(state: nil)).events, regarding: E.resource())
        // Evicting: no event.
        let evicting = E.reconcile(E.resource(status: first.status), broker: E.broker(state: "evicting_conns", load: (30, 60)), at: E.start.addingTimeInterval(10))
        #expect(evicting.events.isEmpty)
        // Evacuated, then the same again: no repeat.
        let evacuated = E.reconcile(E.resource(status: evicting.status), broker: E.broker(state: "prohibiting", load: (0, 0)), at: E.start.addingTimeInterval(60))
        #expect(evacuated.events.map(\.reason) == ["Evacuated"])
        await harness.publish(evacuated.events, regarding: E.resource())
        let settled = E.reconcile(E.resource(status: evacuated.status), broker: E.broker(state: "prohibiting", load: (0, 0)), at: E.start.addingTimeInterval(70))
        #expect(settled.events.isEmpty)
        // The broker restarted without its evacuation: Reasserted.
        let reasserted = E.reconcile(E.resource(status: settled.status), broker: E.broker(state: nil, load: (0, 0)), at: E.start.addingTimeInterval(80))
        #expect(reasserted.events.map(\.reason) == ["Reasserted"])
        await harness.publish(reasserted.events, regarding: E.resource())
        // Deleted: Stopped.
        let deleted = E.resource(status: reasserted.status, deletedAt: E.start.addingTimeInterval(90))
        let stopped = E.reconcile(deleted, broker: E.broker(state: "prohibiting", load: (0, 0)), at: E.start.addingTimeInterval(90))
        #expect(stopped.events.map(\.reason) == ["Stopped"])
        await harness.publish(stopped.events, regarding: deleted)
        await harness.publish(stopped.events, regarding: deleted)

        let created = await harness.sink.created
        #expect(created.map(\.draft.reason) == ["Started", "Evacuated", "Reasserted", "Stopped"])
        #expect(created.allSatisfy { $0.draft.type == .normal && $0.draft.regarding.kind == "NodeEvacuation" && $0.draft.regarding.name == "evac" })
        #expect(created[0].draft.note.contains(E.target) && created[0].draft.note.contains("pod emqx-2") && created[0].draft.note.contains("500/s"))
        #expect(created[1].draft.note.contains("no connections and no sessions left"))
        #expect(created[3].draft.note.contains("NodeEvacuation deleted"))
        #expect(await harness.sink.seriesUpdates.isEmpty)
    }

    @Test("an evacuation EMQX already runs is Adopted, not Started")
    func adopted() {
        let events = E.reconcile(E.resource(), broker: E.broker(state: "evicting_conns", load: (30, 60))).events
        #expect(events.map(\.reason) == ["Adopted"])
        #expect(events[0].note.contains("evicting_conns"))
        #expect(events[0].state == "Running")
    }

    @Test("a refusal is a Warning naming the reason, published once while it holds")
    func refused() async {
        let harness = EventHarness()
        let refusal = E.reconcile(E.resource(), broker: E.broker(state: nil), cluster: E.cluster(minAvailable: 3))
        #expect(refusal.events.map(\.reason) == ["Refused"])
        #expect(refusal.events[0].type == .warning)
        #expect(refusal.events[0].note.hasPrefix("InsufficientCapacity: "))
        await harness.publish(refusal.events, regarding: E.resource())
        let again = E.reconcile(E.resource(status: refusal.status), broker: E.broker(state: nil), cluster: E.cluster(minAvailable: 3), at: E.start.addingTimeInterval(5))
        #expect(again.events.isEmpty)
        await harness.publish(E.reconcile(E.resource(), broker: E.broker(state: nil), cluster: E.cluster(minAvailable: 3)).events, regarding: E.resource())
        #expect(await harness.sink.reasons == ["Refused"])
        // Capacity back: Started.
        let started = E.reconcile(E.resource(status: again.status), broker: E.broker(state: nil), at: E.start.addingTimeInterval(10))
        #expect(started.events.map(\.reason) == ["Started"])
    }

    @Test("a passed deadline: Failed, a Warning, and the stop of the broker side")
    func failed() {
        let running = E.reconcile(E.resource(deadline: 60), broker: E.broker(state: nil)).status
        let failed = E.reconcile(E.resource(status: running, deadline: 60), broker: E.broker(state: "evicting_conns", load: (30, 60)), at: E.start.addingTimeInterval(120))
        #expect(failed.events.map(\.reason) == ["Failed", "Stopped"])
        #expect(failed.events[0].type == .warning)
        #expect(failed.events[0].note.hasPrefix("DeadlineExceeded: "))
        #expect(E.reconcile(E.resource(status: failed.status, deadline: 60), broker: E.broker(state: nil), at: E.start.addingTimeInterval(130)).events.isEmpty)
    }

    @Test("a replaced target pod: TargetReplaced once, with the old and new UIDs")
    func targetReplaced() {
        var status = NodeEvacuation.Status()
        var entry = NodeEvacuation.Status.BrokerNode(name: E.target)
        entry.podUID = "old-uid"
        entry.state = "prohibiting"
        status.brokerNodes = [entry]
        status.phase = .evacuated
        let replaced = E.reconcile(E.resource(status: status), broker: E.broker(state: nil, load: (0, 0)))
        #expect(replaced.events.map(\.reason) == ["Reasserted", "TargetReplaced"])
        #expect(replaced.events[1].note.contains("was old-uid, now uid-2"))
        let later = E.reconcile(E.resource(status: replaced.status), broker: E.broker(state: "prohibiting", load: (0, 0)), at: E.start.addingTimeInterval(5))
        #expect(!later.events.contains { $0.reason == "TargetReplaced" })
    }

    @Test("deletion with EMQX unreachable hands the stop over: a Warning on the evacuation and one on the BrokerCluster")
    func handedOver() async {
        let harness = EventHarness()
        let running = E.reconcile(E.resource(), broker: E.broker(state: nil)).status
        let deleted = E.resource(status: running, deletedAt: E.start)
        let waiting = E.reconcile(deleted, broker: .unreachable("connection refused"), at: E.start.addingTimeInterval(5))
        #expect(waiting.events.isEmpty)
        let handed = E.reconcile(deleted, broker: .unreachable("connection refused"), at: E.start.addingTimeInterval(EvacuationDecider.stopHandOverDelay))
        #expect(handed.events.map(\.reason) == ["StopHandedOver"])
        #expect(handed.events[0].type == .warning)
        #expect(handed.events[0].note.contains("BrokerCluster emqx") && handed.events[0].note.contains("connection refused"))
        await harness.publish(handed.events, regarding: deleted)
        let owed = BrokerClusterEvents.stopOwed(node: E.target, evacuation: "evac", lastError: "connection refused")
        await harness.publish([owed], regarding: E.cluster())
        let created = await harness.sink.created
        #expect(created.map(\.draft.regarding.kind) == ["NodeEvacuation", "BrokerCluster"])
        #expect(created[1].draft.reason == "StopOwed" && created[1].draft.type == .warning)
    }
}
