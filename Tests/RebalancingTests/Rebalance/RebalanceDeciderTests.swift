import Foundation
import KubeClient
import Testing

@testable import Rebalancing

private enum R {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    static let a = "emqx@a", b = "emqx@b", c = "emqx@c"
    static let plan = ClusterRebalance.Status.Plan(coordinator: a, donors: [a], recipients: [b, c], connectionsToMove: 5000, sessionsToMove: 5000)

    static func resource(dryRun: Bool? = nil, status: ClusterRebalance.Status? = nil, retryLimit: Int? = nil, deadline: Int? = nil, deleted: Date? = nil) -> ClusterRebalance {
        var spec = ClusterRebalance.Spec(clusterRef: "emqx")
        spec.dryRun = dryRun
        spec.retry = retryLimit.map { .init(limit: $0) }
        spec.deadlineSeconds = deadline
        var meta = ObjectMeta(name: "crb", namespace: "default")
        meta.generation = 1
        meta.finalizers = [RebalancingAPI.finalizer]
        meta.deletionTimestamp = deleted.map(Timestamp.init)
        return ClusterRebalance(metadata: meta, spec: spec, status: status)
    }

    static func snapshot(_ loads: [Int64] = [15000, 10000, 5000], uptime: [Int64] = [1_000_000_000, 1_000_000_000, 1_000_000_000], down: Set<String> = [], rebalance: Bool = false, evacuating: String? = nil) -> BrokerSnapshot {
        BrokerSnapshot(
            nodes: zip([a, b, c], zip(loads, uptime)).map { name, value in
                .init(name: name, isRunning: !down.contains(name), connections: value.0, sessions: value.0, uptimeMilliseconds: value.1)
            },
            evacuations: evacuating.map { [.init(node: $0, state: "prohibiting")] } ?? [],
            rebalances: rebalance ? [.init(coordinator: a, state: "evicting_conns", donors: [a], recipients: [b, c])] : []
        )
    }

    static func running(at start: Date = t0, attempts: Int = 1) -> ClusterRebalance.Status {
        var status = ClusterRebalance.Status()
        status.phase = .rebalancing
        status.plan = plan
        status.startedAt = Timestamp(start)
        status.attempts = (0..<attempts).map { i in
            var attempt = ClusterRebalance.Status.Attempt(startedAt: Timestamp(start), coordinator: a)
            if i < attempts - 1 { attempt.outcome = .interrupted }
            return attempt
        }
        return status
    }

    /// The refusal of the start the first decision on `resource()` asks for.
    static func startRefusal(_ outcome: BrokerActionOutcome) -> BrokerActionRefusal {
        BrokerActionRefusal(action: .startRebalance(RebalanceRequest(plan: plan, spec: resource().spec)), outcome: outcome)
    }

    static func decide(_ resource: ClusterRebalance, startedSpec: ClusterRebalance.Spec? = nil, broker: BrokerReadout = .snapshot(snapshot()), planning: RebalanceDecider.Planning = .plan(plan), now: Date = t0, clusterExists: Bool = true, refusal: BrokerActionRefusal? = nil) -> RebalanceDecider.Decision {
        RebalanceDecider.decide(.init(rebalance: resource, startedSpec: startedSpec, clusterExists: clusterExists, broker: broker, planning: planning, now: now, refusal: refusal))
    }
}

private extension RebalanceDecider.Decision {
    func condition(_ type: String) -> Condition? { status.conditions?.first { $0.type == type } }
}

@Suite("ClusterRebalance decisions")
struct RebalanceDeciderTests {
    @Test("a fresh rebalance publishes its plan, records its spec and starts EMQX on the coordinator")
    func starts() {
        let decision = R.decide(R.resource())
        #expect(decision.status.plan == R.plan)
        #expect(decision.status.phase == .rebalancing)
        #expect(decision.status.attempts?.count == 1)
        #expect(decision.actions.count == 2)
        guard case .recordStartedSpec = decision.actions[0], case let .broker(.startRebalance(request)) = decision.actions[1] else {
            Issue.record("unexpected actions \(decision.actions)")
            return
        }
        #expect(request.coordinator == R.a)
        #expect(request.nodes == [R.a, R.b, R.c])
        #expect(request.relConnThreshold == 1.1)
        #expect(decision.condition("Progressing")?.status == .true)
    }

    @Test("dry run stops at Planned with the plan; approval (dryRun false) starts it")
    func dryRun() {
        let planned = R.decide(R.resource(dryRun: true))
        #expect(planned.status.phase == .planned)
        #expect(planned.actions.isEmpty)
        #expect(planned.status.plan == R.plan)
        #expect(planned.condition("Ready")?.reason == "Planned")
        let approved = R.decide(R.resource(dryRun: false, status: planned.status))
        #expect(approved.status.phase == .rebalancing)
        #expect(approved.actions.contains(.broker(.startRebalance(RebalanceRequest(plan: R.plan, spec: R.resource().spec)))))
    }

    @Test("a balanced cluster is a success: AlreadyBalanced, from the planner or from EMQX's nothing_to_balance")
    func alreadyBalanced() {
        let decision = R.decide(R.resource(), planning: .alreadyBalanced)
        #expect(decision.status.phase == .completed)
        #expect(decision.status.result == .alreadyBalanced)
        #expect(decision.condition("Ready")?.status == .true)
        let refused = R.decide(R.resource(), refusal: R.startRefusal(.nothingToBalance))
        #expect(refused.status.result == .alreadyBalanced)
        #expect(refused.status.attempts?.isEmpty == true)
        #expect(refused.condition("Ready")?.status == .true)
    }

    @Test("while EMQX runs it, the resource follows: counts, moved, 1 s poll")
    func follows() {
        let decision = R.decide(R.resource(status: R.running()), broker: .snapshot(R.snapshot([12000, 11000, 7000], rebalance: true)), now: R.t0.addingTimeInterval(30))
        #expect(decision.actions.isEmpty)
        #expect(decision.status.phase == .rebalancing)
        #expect(decision.status.nodes?.first?.connections == 12000)
        #expect(decision.status.moved?.connections == 3000)
        #expect(decision.requeueAfter == RebalanceDecider.resync)
    }

    @Test("the coordinator's entry gone and the balance test holding: Completed, Balanced")
    func balanced() {
        let decision = R.decide(R.resource(status: R.running()), broker: .snapshot(R.snapshot([10000, 10000, 10000])), now: R.t0.addingTimeInterval(100))
        #expect(decision.status.phase == .completed)
        #expect(decision.status.result == .balanced)
        #expect(decision.status.attempts?.last?.outcome == .balanced)
        #expect(decision.condition("Ready")?.status == .true)
    }

    @Test("entry gone with every participant up and not balanced: stopped outside the operator")
    func stoppedOutside() {
        let decision = R.decide(R.resource(status: R.running()), now: R.t0.addingTimeInterval(100))
        #expect(decision.status.phase == .stopped)
        #expect(decision.condition("Ready")?.reason == "Stopped")
    }

    @Test("EMQX finished its run (its fixed donors came within the thresholds) but a fresh balance test fails: NotBalanced, retried over a fresh plan")
    func finishedNotBalancedThenRetried() {
        let plan2 = ClusterRebalance.Status.Plan(coordinator: R.b, donors: [R.b], recipients: [R.a, R.c])
        let decision = R.decide(R.resource(status: R.running()), broker: .snapshot(R.snapshot([9000, 12000, 9000])), planning: .plan(plan2), now: R.t0.addingTimeInterval(100))
        #expect(decision.status.attempts?.first?.outcome == .notBalanced)
        #expect(decision.status.attempts?.count == 2)
        #expect(decision.status.phase == .rebalancing)
        #expect(decision.actions == [.broker(.startRebalance(RebalanceRequest(plan: plan2, spec: R.resource().spec)))])
    }

    @Test("EMQX finished but not balanced, with retry.limit spent: Failed, NotBalanced, nothing sent")
    func finishedNotBalancedRetriesExhausted() {
        let decision = R.decide(R.resource(status: R.running(attempts: 2), retryLimit: 1), broker: .snapshot(R.snapshot([9000, 12000, 9000])), now: R.t0.addingTimeInterval(100))
        #expect(decision.status.phase == .failed)
        #expect(decision.status.result == .notBalanced)
        #expect(decision.condition("Ready")?.reason == "RetriesExhausted")
        #expect(decision.actions.isEmpty)
    }

    @Test("a participant crashed: Interrupted, re-planned over the nodes up, retried")
    func interruptedThenRetried() {
        let plan2 = ClusterRebalance.Status.Plan(coordinator: R.a, donors: [R.a], recipients: [R.b])
        let decision = R.decide(R.resource(status: R.running()), broker: .snapshot(R.snapshot(down: [R.c])), planning: .plan(plan2), now: R.t0.addingTimeInterval(100))
        #expect(decision.status.attempts?.first?.outcome == .interrupted)
        #expect(decision.status.attempts?.count == 2)
        #expect(decision.status.plan == plan2)
        #expect(decision.actions == [.broker(.startRebalance(RebalanceRequest(plan: plan2, spec: R.resource().spec)))])
    }

    @Test("a participant restarted (uptime went back) while EMQX still lists the rebalance: stop it first, then retry")
    func restartedParticipant() {
        let decision = R.decide(R.resource(status: R.running()), broker: .snapshot(R.snapshot(uptime: [1_000_000_000, 5_000, 1_000_000_000], rebalance: true)), now: R.t0.addingTimeInterval(100))
        #expect(decision.actions == [.broker(.stopRebalance(coordinator: R.a))])
        #expect(decision.status.attempts?.first?.outcome == .interrupted)
    }

    @Test("an uptime a few seconds short of the attempt's age is clock skew, not a restart")
    func uptimeSkewIsNoRestart() {
        let decision = R.decide(R.resource(status: R.running()), broker: .snapshot(R.snapshot(uptime: [1_000_000_000, 97_000, 1_000_000_000], rebalance: true)), now: R.t0.addingTimeInterval(100))
        #expect(decision.actions.isEmpty)
        #expect(decision.status.phase == .rebalancing)
        #expect(decision.status.attempts?.last?.outcome == nil)
    }

    @Test("a stopped participant is left out of the per-node counts and of what moved")
    func stoppedParticipantNotCounted() {
        let decision = R.decide(R.resource(status: R.running()), broker: .snapshot(R.snapshot(down: [R.c], rebalance: true)), now: R.t0.addingTimeInterval(100))
        #expect(decision.status.nodes?.map(\.name) == [R.a, R.b])
        #expect(decision.status.moved?.connections == 2500)
        #expect(decision.status.attempts?.first?.outcome == .interrupted)
    }

    @Test("another coordinator's rebalance is not this attempt: its entry vanishing is judged as such")
    func otherCoordinatorIsNotOurs() {
        let others = BrokerSnapshot(nodes: R.snapshot().nodes, rebalances: [.init(coordinator: R.b, state: "evicting_conns", donors: [R.b], recipients: [R.c])])
        let decision = R.decide(R.resource(status: R.running()), broker: .snapshot(others), now: R.t0.addingTimeInterval(100))
        #expect(decision.status.phase == .stopped)
        #expect(decision.status.attempts?.first?.outcome == .notBalanced)
        #expect(decision.actions.isEmpty)
    }

    @Test("retries exhausted: Failed with NotBalanced, the EMQX side stopped first")
    func exhausted() {
        let decision = R.decide(R.resource(status: R.running(attempts: 2), retryLimit: 1), broker: .snapshot(R.snapshot(down: [R.c])), now: R.t0.addingTimeInterval(100))
        #expect(decision.status.phase == .failed)
        #expect(decision.status.result == .notBalanced)
        #expect(decision.condition("Ready")?.reason == "RetriesExhausted")
    }

    @Test("deadline: stop, then Failed")
    func deadline() {
        let decision = R.decide(R.resource(status: R.running(), deadline: 60), broker: .snapshot(R.snapshot(rebalance: true)), now: R.t0.addingTimeInterval(61))
        #expect(decision.actions == [.broker(.stopRebalance(coordinator: R.a))])
        #expect(decision.status.phase == .failed)
        #expect(decision.condition("Ready")?.reason == "DeadlineExceeded")
    }

    @Test("conflicts are reported and waited out: an evacuating participant, another rebalance, EMQX busy")
    func conflicts() {
        let evacuating = R.decide(R.resource(), broker: .snapshot(R.snapshot(evacuating: R.b)))
        #expect(evacuating.actions.isEmpty)
        #expect(evacuating.condition("Ready")?.reason == "Conflict")
        let other = R.decide(R.resource(), broker: .snapshot(R.snapshot(rebalance: true)))
        #expect(other.actions.isEmpty)
        #expect(other.condition("Ready")?.reason == "Conflict")
        let busy = R.decide(R.resource(), refusal: R.startRefusal(.busy("eviction_agent_busy")))
        #expect(busy.status.phase == .pending)
        #expect(busy.status.attempts?.isEmpty == true)
        #expect(busy.requeueAfter == RebalanceDecider.blockedRetry)
    }

    @Test("transient trouble is never terminal: unreachable broker, missing cluster, unplannable spec")
    func transient() {
        let unreachable = R.decide(R.resource(status: R.running()), broker: .unreachable("timeout"))
        #expect(unreachable.status.phase == .rebalancing)
        #expect(unreachable.condition("Ready")?.reason == "BrokerUnreachable")
        let missing = R.decide(R.resource(), clusterExists: false)
        #expect(missing.status.phase == .pending)
        #expect(missing.condition("Ready")?.reason == "ClusterNotFound")
        let invalid = R.decide(R.resource(), planning: .invalid(reason: .invalidSpec, message: "spec.nodes names emqx@x, which EMQX does not know"))
        #expect(invalid.status.phase == .pending)
        #expect(invalid.actions.isEmpty)
    }

    @Test("spec edits after the start are reported and ignored")
    func specFixed() {
        var edited = R.resource(status: R.running())
        edited.spec.connEvictRate = 10
        let decision = R.decide(edited, startedSpec: R.resource().spec, broker: .snapshot(R.snapshot(rebalance: true)))
        #expect(decision.condition("SpecChangeIgnored")?.status == .true)
    }

    @Test("an operator restart between start and status write adopts the running rebalance")
    func adopts() {
        let decision = R.decide(R.resource(), startedSpec: R.resource().spec, broker: .snapshot(R.snapshot(rebalance: true)))
        #expect(decision.actions.isEmpty)
        #expect(decision.status.phase == .rebalancing)
        #expect(decision.status.attempts?.count == 1)
    }

    @Test("deletion stops a running attempt, then releases the finalizer")
    func deletion() {
        let decision = R.decide(R.resource(status: R.running(), deleted: R.t0), broker: .snapshot(R.snapshot(rebalance: true)))
        #expect(decision.actions == [.broker(.stopRebalance(coordinator: R.a)), .removeFinalizer])
        let unreachable = R.decide(R.resource(status: R.running(), deleted: R.t0), broker: .unreachable("x"), now: R.t0.addingTimeInterval(31))
        #expect(unreachable.actions == [.removeFinalizer])
    }
}

/// One transition of ``RebalanceDecider``.
struct RebalanceTransition: Sendable, CustomTestStringConvertible {
    var name: String
    var resource: ClusterRebalance
    var startedSpec: ClusterRebalance.Spec? = nil
    var broker: BrokerReadout
    var planning: RebalanceDecider.Planning
    var refusal: BrokerActionOutcome? = nil
    var now: Date = Date(timeIntervalSince1970: 1_800_000_000)
    var phase: ClusterRebalance.Phase
    var ready: ConditionReason?
    var actions: [String]

    var testDescription: String { name }
}

private func actionNames(_ actions: [RebalanceDecider.Action]) -> [String] {
    actions.map { action in
        switch action {
        case .recordStartedSpec: "record"
        case let .broker(.startRebalance(request)): "start \(request.coordinator)"
        case let .broker(.stopRebalance(coordinator)): "stop \(coordinator)"
        case .broker: "other"
        case .removeFinalizer: "removeFinalizer"
        }
    }
}

@Suite("ClusterRebalance transitions, one row each")
struct RebalanceTransitionTests {
    static let spec = R.resource().spec
    static let rows: [RebalanceTransition] = [
        .init(name: "new → record the spec, start", resource: R.resource(), broker: .snapshot(R.snapshot()), planning: .plan(R.plan), phase: .rebalancing, ready: .rebalancing, actions: ["record", "start emqx@a"]),
        .init(name: "new, dry run → Planned, nothing sent", resource: R.resource(dryRun: true), broker: .snapshot(R.snapshot()), planning: .plan(R.plan), phase: .planned, ready: .planned, actions: []),
        .init(name: "new, balanced → AlreadyBalanced", resource: R.resource(), broker: .snapshot(R.snapshot()), planning: .alreadyBalanced, phase: .completed, ready: .alreadyBalanced, actions: []),
        .init(name: "new, spec cannot be planned → its reason, nothing sent", resource: R.resource(), broker: .snapshot(R.snapshot()), planning: .invalid(reason: .unknownNodes, message: "x"), phase: .pending, ready: .unknownNodes, actions: []),
        .init(name: "new, broker unreachable → BrokerUnreachable", resource: R.resource(), broker: .unreachable("refused"), planning: .plan(R.plan), phase: .pending, ready: .brokerUnreachable, actions: []),
        .init(name: "new, start answered nothing_to_balance → AlreadyBalanced", resource: R.resource(), broker: .snapshot(R.snapshot()), planning: .plan(R.plan), refusal: .nothingToBalance, phase: .completed, ready: .alreadyBalanced, actions: []),
        .init(name: "new, start answered busy → Conflict, back to Pending", resource: R.resource(), broker: .snapshot(R.snapshot()), planning: .plan(R.plan), refusal: .busy("eviction_agent_busy"), phase: .pending, ready: .conflict, actions: []),
        .init(name: "new, start unanswered → BrokerUnreachable, back to Pending", resource: R.resource(), broker: .snapshot(R.snapshot()), planning: .plan(R.plan), refusal: .unreachable("timeout"), phase: .pending, ready: .brokerUnreachable, actions: []),
        .init(name: "new, start rejected → Failed (StartRejected)", resource: R.resource(), broker: .snapshot(R.snapshot()), planning: .plan(R.plan), refusal: .rejected("invalid nodes"), phase: .failed, ready: .startRejected, actions: []),
        .init(name: "running on EMQX → follows", resource: R.resource(status: R.running()), startedSpec: spec, broker: .snapshot(R.snapshot(rebalance: true)), planning: .plan(R.plan), phase: .rebalancing, ready: .rebalancing, actions: []),
        .init(name: "EMQX's run gone, balance test holds → Balanced", resource: R.resource(status: R.running()), startedSpec: spec, broker: .snapshot(R.snapshot([10000, 10000, 10000])), planning: .alreadyBalanced, phase: .completed, ready: .balanced, actions: []),
        .init(name: "deadline passed → stop, Failed", resource: R.resource(status: R.running(), deadline: 10), startedSpec: R.resource(deadline: 10).spec, broker: .snapshot(R.snapshot(rebalance: true)), planning: .plan(R.plan), now: R.t0.addingTimeInterval(11), phase: .failed, ready: .deadlineExceeded, actions: ["stop emqx@a"]),
        .init(name: "completed → nothing", resource: R.resource(status: { var s = R.running(); s.phase = .completed; return s }()), broker: .snapshot(R.snapshot()), planning: .plan(R.plan), phase: .completed, ready: nil, actions: []),
        .init(name: "deleted while running → stop, then let go", resource: R.resource(status: R.running(), deleted: R.t0), broker: .snapshot(R.snapshot(rebalance: true)), planning: .plan(R.plan), phase: .rebalancing, ready: nil, actions: ["stop emqx@a", "removeFinalizer"]),
        .init(name: "deleted, stop unanswered → kept, BrokerUnreachable", resource: R.resource(status: R.running(), deleted: R.t0), broker: .snapshot(R.snapshot(rebalance: true)), planning: .plan(R.plan), refusal: .unreachable("timeout"), phase: .rebalancing, ready: .brokerUnreachable, actions: []),
        .init(name: "deleted, EMQX unreachable past 30 s → let go", resource: R.resource(status: R.running(), deleted: R.t0), broker: .unreachable("refused"), planning: .plan(R.plan), now: R.t0.addingTimeInterval(31), phase: .rebalancing, ready: nil, actions: ["removeFinalizer"]),
    ]

    @Test(arguments: rows)
    func transition(_ row: RebalanceTransition) {
        let refusal = row.refusal.map { outcome in
            BrokerActionRefusal(action: row.resource.metadata.deletionTimestamp == nil ? .startRebalance(RebalanceRequest(plan: R.plan, spec: row.resource.spec)) : .stopRebalance(coordinator: R.a), outcome: outcome)
        }
        let decision = RebalanceDecider.decide(.init(rebalance: row.resource, startedSpec: row.startedSpec, clusterExists: true, broker: row.broker, planning: row.planning, now: row.now, refusal: refusal))
        #expect(decision.status.phase == row.phase)
        #expect(decision.status.conditions?.condition(.ready)?.typedReason == row.ready ?? row.resource.status?.conditions?.condition(.ready)?.typedReason)
        #expect(actionNames(decision.actions) == row.actions)
        if row.refusal != nil { #expect(!decision.actions.contains { if case .broker = $0 { true } else { false } }, "a decision on a refusal sends nothing to EMQX") }
    }
}
