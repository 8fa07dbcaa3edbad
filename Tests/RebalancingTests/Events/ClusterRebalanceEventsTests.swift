import ControllerRuntime
import Foundation
import KubeClient
import Testing

@testable import Rebalancing

/// A ClusterRebalance over nodes a, b, c (15000 / 10000 / 5000), driven through the decider as the reconciler does.
private enum C {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    static let a = "emqx@a", b = "emqx@b", c = "emqx@c"
    static let plan = ClusterRebalance.Status.Plan(coordinator: a, donors: [a], recipients: [b, c], connectionsToMove: 5000, sessionsToMove: 5000)

    static func resource(status: ClusterRebalance.Status? = nil, dryRun: Bool? = nil, retryLimit: Int? = nil, deleted: Bool = false) -> ClusterRebalance {
        var spec = ClusterRebalance.Spec(clusterRef: "emqx")
        spec.dryRun = dryRun
        spec.retry = retryLimit.map { .init(limit: $0) }
        var meta = ObjectMeta(name: "crb", namespace: "default")
        meta.uid = "uid-crb"
        meta.generation = 1
        meta.finalizers = [RebalancingAPI.finalizer]
        meta.deletionTimestamp = deleted ? Timestamp(t0) : nil
        return ClusterRebalance(metadata: meta, spec: spec, status: status)
    }

    static func broker(_ loads: [Int64] = [15000, 10000, 5000], down: Set<String> = [], running: Bool = false, evacuating: String? = nil) -> BrokerReadout {
        .snapshot(BrokerSnapshot(
            nodes: zip([a, b, c], loads).map { .init(name: $0, isRunning: !down.contains($0), connections: $1, sessions: $1, uptimeMilliseconds: 1_000_000_000) },
            evacuations: evacuating.map { [.init(node: $0, state: "prohibiting")] } ?? [],
            rebalances: running ? [.init(coordinator: a, state: "evicting_conns", donors: [a], recipients: [b, c])] : []
        ))
    }

    /// One reconcile: decide, carry out every action (as if EMQX accepted them), derive the events.
    static func reconcile(_ resource: ClusterRebalance, broker: BrokerReadout = broker(), planning: RebalanceDecider.Planning = .plan(plan), startedSpec: ClusterRebalance.Spec? = nil, at seconds: TimeInterval = 0) -> (status: ClusterRebalance.Status, events: [TransitionEvent]) {
        let decision = RebalanceDecider.decide(.init(rebalance: resource, startedSpec: startedSpec, clusterExists: true, broker: broker, planning: planning, now: t0.addingTimeInterval(seconds)))
        let carriedOut = decision.actions.filter { $0 != .removeFinalizer }
        return (decision.status, ClusterRebalanceEvents.events(for: resource, newStatus: decision.status, carriedOut: carriedOut))
    }
}

@Suite("ClusterRebalance events: one per transition")
struct ClusterRebalanceEventsTests {
    @Test("start, a participant crash, a retry and the balanced end: Started, Interrupted, Started, Balanced, each once")
    func lifecycle() async {
        let harness = EventHarness()
        let started = C.reconcile(C.resource())
        #expect(started.events.map(\.reason) == ["Started"])
        #expect(started.events[0].note.contains("attempt 1 started on coordinator emqx@a") && started.events[0].note.contains("5000 connections"))
        await harness.publish(started.events, regarding: C.resource())
        await harness.publish(C.reconcile(C.resource()).events, regarding: C.resource())  // a lagging cache: no repeat

        let following = C.reconcile(C.resource(status: started.status), broker: C.broker([12000, 11000, 7000], running: true), startedSpec: C.resource().spec, at: 30)
        #expect(following.events.isEmpty)

        let plan2 = ClusterRebalance.Status.Plan(coordinator: C.a, donors: [C.a], recipients: [C.b])
        let retried = C.reconcile(C.resource(status: following.status), broker: C.broker(down: [C.c]), planning: .plan(plan2), startedSpec: C.resource().spec, at: 100)
        #expect(retried.events.map(\.reason) == ["Interrupted", "Started"])
        #expect(retried.events[0].type == .warning && retried.events[0].note.contains("attempt 1 on emqx@a was interrupted"))
        #expect(retried.events[1].note.contains("attempt 2"))
        await harness.publish(retried.events, regarding: C.resource())

        let balanced = C.reconcile(C.resource(status: retried.status), broker: C.broker([10000, 10000, 10000]), planning: .plan(plan2), startedSpec: C.resource().spec, at: 200)
        #expect(balanced.events.map(\.reason) == ["Balanced"])
        #expect(balanced.events[0].note.contains("after 2 attempt(s)"))
        await harness.publish(balanced.events, regarding: C.resource())
        await harness.publish(balanced.events, regarding: C.resource())
        #expect(C.reconcile(C.resource(status: balanced.status), at: 300).events.isEmpty)

        #expect(await harness.sink.reasons == ["Started", "Interrupted", "Started", "Balanced"])
    }

    @Test("dry run: Planned, then Started on approval")
    func planned() {
        let planned = C.reconcile(C.resource(dryRun: true))
        #expect(planned.events.map(\.reason) == ["Planned"])
        #expect(planned.events[0].note.contains("set spec.dryRun to false"))
        #expect(C.reconcile(C.resource(status: planned.status, dryRun: true), at: 5).events.isEmpty)
        #expect(C.reconcile(C.resource(status: planned.status, dryRun: false), at: 10).events.map(\.reason) == ["Started"])
    }

    @Test("a cluster already balanced: AlreadyBalanced, Normal")
    func alreadyBalanced() {
        let events = C.reconcile(C.resource(), planning: .alreadyBalanced).events
        #expect(events.map(\.reason) == ["AlreadyBalanced"])
        #expect(events[0].type == .normal)
    }

    @Test("ends that need a look are Warnings: stopped outside the operator, retries exhausted, EMQX's run not balanced and retried")
    func warnings() {
        let started = C.reconcile(C.resource()).status
        let stopped = C.reconcile(C.resource(status: started), startedSpec: C.resource().spec, at: 100)
        #expect(stopped.events.map(\.reason) == ["Stopped"])
        #expect(stopped.events[0].type == .warning)

        let exhausted = C.reconcile(C.resource(status: started, retryLimit: 0), broker: C.broker([9000, 12000, 9000]), startedSpec: C.resource(retryLimit: 0).spec, at: 100)
        #expect(exhausted.events.map(\.reason) == ["RetriesExhausted"])
        #expect(exhausted.events[0].type == .warning)
        #expect(exhausted.events[0].note.hasPrefix("RetriesExhausted: ") && exhausted.events[0].note.contains("not balanced"))

        let plan2 = ClusterRebalance.Status.Plan(coordinator: C.b, donors: [C.b], recipients: [C.a, C.c])
        let notBalanced = C.reconcile(C.resource(status: started), broker: C.broker([9000, 12000, 9000]), planning: .plan(plan2), startedSpec: C.resource().spec, at: 100)
        #expect(notBalanced.events.map(\.reason) == ["NotBalanced", "Started"])
        #expect(notBalanced.events[0].type == .warning)
    }

    @Test("a conflict is Refused once while it holds; an edited spec is reported once")
    func refusedAndSpecChange() {
        let refused = C.reconcile(C.resource(), broker: C.broker(evacuating: C.c))
        #expect(refused.events.map(\.reason) == ["Refused"])
        #expect(refused.events[0].note.hasPrefix("Conflict: emqx@c is being evacuated"))
        #expect(C.reconcile(C.resource(status: refused.status), broker: C.broker(evacuating: C.c), at: 5).events.isEmpty)

        let started = C.reconcile(C.resource())
        var edited = C.resource(status: started.status)
        edited.spec.connEvictRate = 50
        let ignored = C.reconcile(edited, broker: C.broker(running: true), startedSpec: C.resource().spec, at: 5)
        #expect(ignored.events.map(\.reason) == ["SpecChangeIgnored"])
        #expect(ignored.events[0].type == .warning)
        edited.status = ignored.status
        #expect(C.reconcile(edited, broker: C.broker(running: true), startedSpec: C.resource().spec, at: 10).events.isEmpty)
    }

    @Test("deletion stops a running attempt: Stopped, Normal")
    func deletion() {
        let started = C.reconcile(C.resource()).status
        let deleted = C.reconcile(C.resource(status: started, deleted: true), broker: C.broker(running: true), at: 10)
        #expect(deleted.events.map(\.reason) == ["Stopped"])
        #expect(deleted.events[0].type == .normal && deleted.events[0].note.contains("ClusterRebalance deleted"))
    }
}
