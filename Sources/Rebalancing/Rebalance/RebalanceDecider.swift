import EMQXClient
import Foundation
import KubeClient

/// The ClusterRebalance reconciler's lifecycle decisions, as a pure function of what it observed.
///
/// The plan and the balance test are computed by the caller (the planner) and handed in, so that this type only
/// decides what happens next. Guarantees:
/// - the spec is fixed once started: edits other than `dryRun: true → false` are reported (`SpecChangeIgnored`)
///   and the spec recorded at the start is what retries use;
/// - a cluster already balanced is a success (`AlreadyBalanced`), never a failure;
/// - an attempt whose coordinator entry vanished is judged by EMQX's balance test over the participants, read
///   afresh: `Balanced` when it holds; otherwise `Interrupted` when a participant went down or restarted, and
///   `NotBalanced` when EMQX finished its own run (its fixed donors' mean came within the thresholds of its
///   recipients') yet the fresh split is still out of balance; both are retried over a fresh plan up to
///   `retry.limit`. An entry that vanished with every participant up and EMQX's run unfinished was stopped by
///   someone else (`Stopped`), and is not retried;
/// - before any terminal failure the EMQX side is stopped; an unreachable broker is transient, never terminal;
/// - conflicts (an evacuation among the participants, another rebalance) are reported and waited out.
public enum RebalanceDecider {
    /// How soon a running rebalance is reconciled again without any change (broker readings trigger reconciles;
    /// this is a safety net).
    public static let resync: Duration = .seconds(10)
    public static let blockedRetry: Duration = .seconds(5)
    /// How long a deletion waits for an unreachable broker before letting go (a rebalance is ephemeral: EMQX ends
    /// it by itself once balanced).
    public static let deletionGiveUpDelay: TimeInterval = 30
    /// How much shorter than the attempt's age a participant's uptime may be before it counts as restarted during
    /// the attempt: the operator's clock and the brokers' differ a little, and the start request takes time.
    public static let restartTolerance: TimeInterval = 5

    /// What the planner concluded over the nodes that may take part now.
    public enum Planning: Sendable, Hashable {
        case plan(ClusterRebalance.Status.Plan)
        case alreadyBalanced
        /// The spec cannot be planned (unknown nodes, fewer than two running participants): nothing is started.
        case invalid(reason: ConditionReason, message: String)
    }

    /// Where a ClusterRebalance is in its life, with what each stage needs.
    public enum State: Sendable, Hashable {
        /// Deleted without the project's finalizer: nothing left to do.
        case released
        /// Being deleted: stop the EMQX side of the open attempt, if any, then remove the finalizer.
        case deleting(since: Date?, openAttempt: ClusterRebalance.Status.Attempt?)
        /// `Completed`, `Failed` or `Stopped`: terminal.
        case finished(ClusterRebalance.Phase)
        /// Not finished: plan, start, follow the open attempt, retry.
        case open(attempt: ClusterRebalance.Status.Attempt?)

        public init(_ resource: ClusterRebalance) {
            let status = resource.status
            let attempt = status?.attempts?.last.flatMap { $0.outcome == nil ? $0 : nil }
            if resource.metadata.deletionTimestamp != nil {
                guard resource.metadata.finalizers?.contains(RebalancingAPI.finalizer) == true else {
                    self = .released
                    return
                }
                self = .deleting(since: resource.metadata.deletionTimestamp?.date, openAttempt: attempt)
                return
            }
            switch status?.phase {
            case let phase? where phase == .completed || phase == .failed || phase == .stopped:
                self = .finished(phase)
            default:
                self = .open(attempt: attempt)
            }
        }
    }

    public struct Input: Sendable {
        public var rebalance: ClusterRebalance
        /// The spec as recorded when the first attempt started; `nil` before.
        public var startedSpec: ClusterRebalance.Spec?
        public var clusterExists: Bool
        public var broker: BrokerReadout
        public var planning: Planning
        public var now: Date
        /// The EMQX action of the last decision that did not succeed, with EMQX's answer.
        public var refusal: BrokerActionRefusal?

        public init(rebalance: ClusterRebalance, startedSpec: ClusterRebalance.Spec?, clusterExists: Bool, broker: BrokerReadout, planning: Planning, now: Date, refusal: BrokerActionRefusal? = nil) {
            self.refusal = refusal
            self.rebalance = rebalance
            self.startedSpec = startedSpec
            self.clusterExists = clusterExists
            self.broker = broker
            self.planning = planning
            self.now = now
        }
    }

    public enum Action: Sendable, Hashable {
        /// Record the spec in force (an annotation), so that later edits are ignored.
        case recordStartedSpec(ClusterRebalance.Spec)
        /// Start or stop a rebalance on EMQX.
        case broker(BrokerAction)
        case removeFinalizer
    }

    public struct Decision: Sendable, Hashable {
        public var actions: [Action]
        public var status: ClusterRebalance.Status
        public var requeueAfter: Duration?
    }

    /// The one transition function: the decision for `input`, including EMQX's refusal of the last action.
    public static func decide(_ input: Input) -> Decision {
        let decision = decideState(input)
        guard let refusal = input.refusal, !refusal.outcome.succeeded else { return decision }
        return applying(refusal, to: decision, input: input)
    }

    static func decideState(_ input: Input) -> Decision {
        let resource = input.rebalance
        let generation = resource.metadata.generation
        var status = resource.status ?? ClusterRebalance.Status()
        status.observedGeneration = generation
        if status.phase == nil { status.phase = .pending }
        func set(_ type: ConditionType, _ value: Condition.Status, _ reason: ConditionReason, _ message: String) {
            status.conditions = ConditionList.setting(type, value, reason: reason, message: message, generation: generation, now: input.now, in: status.conditions)
        }
        let attempt: ClusterRebalance.Status.Attempt?
        switch State(resource) {
        case .released, .finished:
            return Decision(actions: [], status: status, requeueAfter: nil)
        case let .deleting(since, openAttempt):
            // Deletion: stop the EMQX side of a running attempt, then let go.
            var unreachable: String?
            switch input.broker {
            case let .snapshot(snapshot):
                if let refusal = input.refusal, !refusal.outcome.succeeded {
                    unreachable = "EMQX did not stop the rebalance on \(refusal.action.node): \(refusal.outcome)"
                } else {
                    let running = openAttempt.map { attempt in snapshot.rebalances.contains { $0.coordinator == attempt.coordinator } } ?? false
                    let stops = running ? [Action.broker(.stopRebalance(coordinator: openAttempt?.coordinator ?? ""))] : []
                    return Decision(actions: stops + [.removeFinalizer], status: status, requeueAfter: nil)
                }
            case let .unreachable(message):
                unreachable = message
            }
            if openAttempt == nil || input.now.timeIntervalSince(since ?? input.now) >= deletionGiveUpDelay {
                return Decision(actions: [.removeFinalizer], status: status, requeueAfter: nil)
            }
            set(.ready, .false, .brokerUnreachable, "stopping: EMQX API unreachable, retrying: \(unreachable ?? "no answer")")
            return Decision(actions: [], status: status, requeueAfter: blockedRetry)
        case let .open(openAttempt):
            attempt = openAttempt
        }

        // The spec in force: the recorded one once started, with dryRun always read live (approval).
        var spec = input.startedSpec ?? resource.spec
        spec.dryRun = resource.spec.dryRun
        if let started = input.startedSpec {
            var current = resource.spec
            current.dryRun = started.dryRun
            if current != started {
                set(.specChangeIgnored, .true, .specChangeIgnored, "the spec is fixed once the rebalance started; only dryRun true → false is honoured. Delete and re-create the resource to change it.")
            } else {
                status.conditions = ConditionList.removing(.specChangeIgnored, from: status.conditions)
            }
        }

        guard input.clusterExists else {
            set(.ready, .false, .clusterNotFound, "BrokerCluster \(spec.clusterRef) does not exist in namespace \(resource.metadata.namespace ?? "default")")
            return Decision(actions: [], status: status, requeueAfter: .seconds(30))
        }
        let snapshot: BrokerSnapshot
        switch input.broker {
        case let .unreachable(message):
            set(.ready, .false, .brokerUnreachable, "EMQX API unreachable, retrying: \(message)")
            return Decision(actions: [], status: status, requeueAfter: blockedRetry)
        case let .snapshot(value):
            snapshot = value
        }

        // Deadline: stop first, then fail.
        if let deadline = spec.deadlineSeconds, let startedAt = status.startedAt, input.now.timeIntervalSince(startedAt.date) > TimeInterval(deadline) {
            let running = attempt.flatMap { attempt in snapshot.rebalances.first { $0.coordinator == attempt.coordinator } }
            status = finish(status, outcome: .failed, message: "deadline of \(deadline) s passed", now: input.now)
            status.phase = .failed
            let message = "not balanced within spec.deadlineSeconds (\(deadline) s); the EMQX rebalance was stopped"
            status.conditions = ConditionList.setting(.ready, .false, reason: .deadlineExceeded, message: message, generation: generation, now: input.now, in: status.conditions)
            status.conditions = ConditionList.setting(.progressing, .false, reason: .deadlineExceeded, message: message, generation: generation, now: input.now, in: status.conditions)
            return Decision(actions: running.map { [.broker(.stopRebalance(coordinator: $0.coordinator))] } ?? [], status: status, requeueAfter: nil)
        }

        if let attempt {
            return follow(attempt, spec: spec, status: status, input: input, snapshot: snapshot)
        }
        // Started before, but the status write was lost (operator restart): adopt the running rebalance.
        if input.startedSpec != nil, (status.attempts ?? []).isEmpty, let running = snapshot.rebalances.first {
            status.plan = ClusterRebalance.Status.Plan(coordinator: running.coordinator, donors: running.donors, recipients: running.recipients, connectionsToMove: status.plan?.connectionsToMove, sessionsToMove: status.plan?.sessionsToMove)
            status.attempts = [ClusterRebalance.Status.Attempt(startedAt: Timestamp(input.now), coordinator: running.coordinator)]
            status.phase = .rebalancing
            if status.startedAt == nil { status.startedAt = Timestamp(input.now) }
            set(.ready, .false, .rebalancing, "adopted the EMQX rebalance running on \(running.coordinator)")
            set(.progressing, .true, .rebalancing, "adopted the EMQX rebalance running on \(running.coordinator)")
            return Decision(actions: [], status: status, requeueAfter: resync)
        }
        return planAndStart(spec: spec, status: status, input: input, snapshot: snapshot, isRetry: false)
    }

    /// EMQX's refusal of the last action, applied to the decision that asked for it. The result carries no EMQX
    /// action: a refused start is not retried within the same reconcile.
    static func applying(_ refusal: BrokerActionRefusal, to decision: Decision, input: Input) -> Decision {
        let generation = input.rebalance.metadata.generation
        let now = input.now
        var status = decision.status
        if input.rebalance.metadata.deletionTimestamp != nil {
            return decision
        }
        guard refusal.action.isStart else {
            // A stop (before a retry, or at the deadline) got no answer: keep the status, try again soon.
            return Decision(actions: [], status: status, requeueAfter: blockedRetry)
        }
        switch refusal.outcome {
        case .done, .alreadyRunning, .notRunning:
            return decision
        case .nothingToBalance:
            let retried = (status.attempts?.count ?? 0) > 1
            status.attempts = Array((status.attempts ?? []).dropLast())
            if retried {
                status = finish(status, outcome: .balanced, message: "EMQX: nothing_to_balance", now: now)
            }
            status.phase = .completed
            status.result = retried ? .balanced : .alreadyBalanced
            status.completedAt = Timestamp(now)
            status.conditions = ConditionList.setting(.ready, .true, reason: status.result?.conditionReason ?? .alreadyBalanced, message: "EMQX answered nothing_to_balance: the cluster passes its balance test", generation: generation, now: now, in: status.conditions)
            status.conditions = ConditionList.setting(.progressing, .false, reason: .completed, message: "nothing to move", generation: generation, now: now, in: status.conditions)
            return Decision(actions: [], status: status, requeueAfter: nil)
        case let .busy(message), let .unreachable(message):
            status.attempts = Array((status.attempts ?? []).dropLast())
            if status.attempts?.isEmpty ?? true {
                status.phase = .pending
                status.startedAt = nil
            }
            if case .busy = refusal.outcome {
                status.conditions = ConditionList.setting(.ready, .false, reason: .conflict, message: "EMQX refused to start: \(message); waiting for the other operation to end", generation: generation, now: now, in: status.conditions)
            } else {
                status.conditions = ConditionList.setting(.ready, .false, reason: .brokerUnreachable, message: "EMQX API unreachable, retrying: \(message)", generation: generation, now: now, in: status.conditions)
            }
            return Decision(actions: [], status: status, requeueAfter: blockedRetry)
        case let .rejected(message):
            status = finish(status, outcome: .failed, message: message, now: now)
            status.phase = .failed
            status.conditions = ConditionList.setting(.ready, .false, reason: .startRejected, message: "EMQX rejected the rebalance: \(message)", generation: generation, now: now, in: status.conditions)
            status.conditions = ConditionList.setting(.progressing, .false, reason: .startRejected, message: message, generation: generation, now: now, in: status.conditions)
            return Decision(actions: [], status: status, requeueAfter: nil)
        }
    }

    static func planAndStart(spec: ClusterRebalance.Spec, status: ClusterRebalance.Status, input: Input, snapshot: BrokerSnapshot, isRetry: Bool) -> Decision {
        var status = status
        let generation = input.rebalance.metadata.generation
        func set(_ type: ConditionType, _ value: Condition.Status, _ reason: ConditionReason, _ message: String) {
            status.conditions = ConditionList.setting(type, value, reason: reason, message: message, generation: generation, now: input.now, in: status.conditions)
        }
        switch input.planning {
        case let .invalid(reason, message):
            if isRetry {
                status.phase = .failed
                set(.ready, .false, reason, "cannot re-plan after an interruption: \(message)")
                set(.progressing, .false, reason, message)
                return Decision(actions: [], status: status, requeueAfter: nil)
            }
            set(.ready, .false, reason, message)
            return Decision(actions: [], status: status, requeueAfter: blockedRetry)
        case .alreadyBalanced:
            status.phase = .completed
            status.result = isRetry ? .balanced : .alreadyBalanced
            status.completedAt = Timestamp(input.now)
            let message = isRetry ? "balanced after an earlier attempt" : "the cluster already passes EMQX's balance test; nothing to move"
            set(.ready, .true, status.result?.conditionReason ?? .alreadyBalanced, message)
            set(.progressing, .false, .completed, message)
            return Decision(actions: [], status: status, requeueAfter: nil)
        case let .plan(plan):
            status.plan = plan
            let participants = Set(plan.donors + plan.recipients + [plan.coordinator])
            if let evacuating = snapshot.evacuations.first(where: { participants.contains($0.node) }) {
                set(.ready, .false, .conflict, "\(evacuating.node) is being evacuated; a rebalance cannot include it. Waiting for the evacuation to end, or set spec.nodes without it.")
                return Decision(actions: [], status: status, requeueAfter: blockedRetry)
            }
            if let other = snapshot.rebalances.first {
                set(.ready, .false, .conflict, "a rebalance coordinated by \(other.coordinator) already runs; waiting for it to end")
                return Decision(actions: [], status: status, requeueAfter: blockedRetry)
            }
            if spec.dryRun == true {
                status.phase = .planned
                let message = "dry run: plan published (coordinator \(plan.coordinator), donors \(plan.donors.joined(separator: ", ")), recipients \(plan.recipients.joined(separator: ", "))); set spec.dryRun to false to start"
                set(.ready, .false, .planned, message)
                set(.progressing, .false, .planned, message)
                return Decision(actions: [], status: status, requeueAfter: nil)
            }
            var attempts = status.attempts ?? []
            attempts.append(ClusterRebalance.Status.Attempt(startedAt: Timestamp(input.now), coordinator: plan.coordinator))
            status.attempts = attempts
            status.phase = .rebalancing
            if status.startedAt == nil { status.startedAt = Timestamp(input.now) }
            let message = "attempt \(attempts.count): starting on \(plan.coordinator)"
            set(.ready, .false, .rebalancing, message)
            set(.progressing, .true, .rebalancing, message)
            var actions: [Action] = []
            if input.startedSpec == nil { actions.append(.recordStartedSpec(spec)) }
            actions.append(.broker(.startRebalance(RebalanceRequest(plan: plan, spec: spec))))
            return Decision(actions: actions, status: status, requeueAfter: resync)
        }
    }

    static func follow(_ attempt: ClusterRebalance.Status.Attempt, spec: ClusterRebalance.Spec, status: ClusterRebalance.Status, input: Input, snapshot: BrokerSnapshot) -> Decision {
        var status = status
        let generation = input.rebalance.metadata.generation
        func set(_ type: ConditionType, _ value: Condition.Status, _ reason: ConditionReason, _ message: String) {
            status.conditions = ConditionList.setting(type, value, reason: reason, message: message, generation: generation, now: input.now, in: status.conditions)
        }
        let plan = status.plan
        let participants = plan.map { $0.donors + $0.recipients } ?? []
        // Counts of the participants that run: a stopped node's counts say nothing.
        status.nodes = participants.compactMap { snapshot.node(named: $0) }.filter(\.isRunning).map {
            ClusterRebalance.Status.NodeCounts(name: $0.name, connections: $0.connections, sessions: $0.sessions)
        }
        if let plan { status.moved = moved(plan: plan, snapshot: snapshot) }

        let running = snapshot.rebalances.first { $0.coordinator == attempt.coordinator }
        let elapsed = input.now.timeIntervalSince(attempt.startedAt.date)
        let troubled = (participants + [attempt.coordinator]).filter { name in
            guard let node = snapshot.node(named: name) else { return true }
            if !node.isRunning { return true }
            if let uptime = node.uptimeMilliseconds, Double(uptime) / 1000 < elapsed - restartTolerance { return true }
            return false
        }

        if running != nil && troubled.isEmpty {
            let message = "attempt \(status.attempts?.count ?? 1): EMQX \(running?.state ?? "") on \(attempt.coordinator)"
            set(.ready, .false, .rebalancing, message)
            set(.progressing, .true, .rebalancing, message)
            return Decision(actions: [], status: status, requeueAfter: resync)
        }
        if running == nil && troubled.isEmpty {
            let thresholds = (try? BalanceThresholds(spec: spec)) ?? .emqxDefaults
            let loads = participants.compactMap { snapshot.node(named: $0).map { NodeLoad($0) } }
            let verdict = BalanceTest.evaluate(loads, thresholds: thresholds)
            if verdict.isBalanced {
                status = finish(status, outcome: .balanced, message: "EMQX's balance test holds", now: input.now)
                status.phase = .completed
                status.result = .balanced
                status.completedAt = Timestamp(input.now)
                set(.ready, .true, .balanced, "EMQX's balance test holds over \(participants.count) node(s)")
                set(.progressing, .false, .completed, "rebalance finished")
                return Decision(actions: [], status: status, requeueAfter: nil)
            }
            if let plan, finishedByEMQX(plan: plan, loads: loads, thresholds: thresholds, connEvictRate: spec.connEvictRate ?? EMQXDefaults.connEvictRate) {
                let message = "EMQX finished its run, but the balance test over the nodes' counts now does not hold (donors \(verdict.donors.map(\.name).joined(separator: ", ")) average \(Int(verdict.donorConnectionMean ?? 0)) connections, recipients \(Int(verdict.recipientConnectionMean ?? 0)))"
                status = finish(status, outcome: .notBalanced, message: message, now: input.now)
                return retry(after: "attempt \(status.attempts?.count ?? 1) ended not balanced", stopFirst: [], spec: spec, status: status, input: input, snapshot: snapshot)
            }
            status = finish(status, outcome: .notBalanced, message: "the EMQX rebalance ended before the balance test held, with every participant up: it was stopped outside the operator", now: input.now)
            status.phase = .stopped
            status.result = .notBalanced
            set(.ready, .false, .stopped, "the EMQX rebalance was stopped outside the operator (e.g. emqx ctl rebalance stop)")
            set(.progressing, .false, .stopped, "stopped outside the operator")
            return Decision(actions: [], status: status, requeueAfter: nil)
        }

        // Interrupted: a participant went down or restarted.
        let stopFirst: [Action] = running.map { [.broker(.stopRebalance(coordinator: $0.coordinator))] } ?? []
        status = finish(status, outcome: .interrupted, message: "\(troubled.joined(separator: ", ")) went down or restarted", now: input.now)
        return retry(after: "attempt \(status.attempts?.count ?? 1) interrupted", stopFirst: stopFirst, spec: spec, status: status, input: input, snapshot: snapshot)
    }

    /// Whether EMQX's own run over `plan`'s fixed donors and recipients reached its end condition: the donors'
    /// mean connections within the thresholds of the recipients' (spec 5.4). EMQX ends a run only there, or when
    /// stopped or aborted.
    ///
    /// The counts read after the run ended lag EMQX's own last measurement: the clients of its last evictions are
    /// still reconnecting (not yet counted on any recipient), up to ``inFlightBatches`` batches of `connEvictRate` per
    /// donor. The recipients' mean is credited with them, so a run that EMQX ended is never taken for one stopped
    /// from outside.
    static func finishedByEMQX(plan: ClusterRebalance.Status.Plan, loads: [NodeLoad], thresholds: BalanceThresholds, connEvictRate: Int) -> Bool {
        let donors = loads.filter { plan.donors.contains($0.name) }.map(\.connections)
        let recipients = loads.filter { plan.recipients.contains($0.name) }.map(\.connections)
        guard let donorMean = BalanceTest.mean(donors), let recipientMean = BalanceTest.mean(recipients) else { return true }
        let inFlight = Double(inFlightBatches * connEvictRate * donors.count) / Double(max(1, recipients.count))
        return BalanceTest.within(donorMean, goal: recipientMean + inFlight, absolute: Double(thresholds.absoluteConnections), relative: thresholds.relativeConnections)
    }

    /// How many eviction batches may still be reconnecting when a run's end is first seen: EMQX evicts one batch a
    /// second, and clients reconnect within about a second.
    static let inFlightBatches = 2

    /// After an attempt that ended without balance: another attempt over a fresh plan while `retry.limit` allows
    /// (stopping the remains of the last one first), else `Failed` with `NotBalanced`.
    static func retry(after what: String, stopFirst: [Action], spec: ClusterRebalance.Spec, status: ClusterRebalance.Status, input: Input, snapshot: BrokerSnapshot) -> Decision {
        var status = status
        let generation = input.rebalance.metadata.generation
        func set(_ type: ConditionType, _ value: Condition.Status, _ reason: ConditionReason, _ message: String) {
            status.conditions = ConditionList.setting(type, value, reason: reason, message: message, generation: generation, now: input.now, in: status.conditions)
        }
        let limit = spec.retry?.limit ?? 3
        let attempts = status.attempts?.count ?? 0
        if attempts > limit {
            status.phase = .failed
            status.result = .notBalanced
            let message = "still not balanced after \(attempts) attempt(s) (retry.limit \(limit)); \(what)"
            set(.ready, .false, .retriesExhausted, message)
            set(.progressing, .false, .retriesExhausted, message)
            return Decision(actions: stopFirst, status: status, requeueAfter: nil)
        }
        if !stopFirst.isEmpty {
            // Let the stop land before re-planning.
            set(.progressing, .true, .interrupted, "\(what); stopping its remains before retrying")
            return Decision(actions: stopFirst, status: status, requeueAfter: resync)
        }
        var retry = planAndStart(spec: spec, status: status, input: input, snapshot: snapshot, isRetry: true)
        retry.actions.removeAll { if case .recordStartedSpec = $0 { return true } else { return false } }
        return retry
    }

    /// Closes the open attempt with an outcome.
    static func finish(_ status: ClusterRebalance.Status, outcome: ClusterRebalance.Outcome, message: String, now: Date) -> ClusterRebalance.Status {
        var status = status
        guard var attempts = status.attempts, let last = attempts.indices.last, attempts[last].outcome == nil else { return status }
        attempts[last].outcome = outcome
        attempts[last].finishedAt = Timestamp(now)
        attempts[last].message = message
        status.attempts = attempts
        return status
    }

    /// Connections and sessions moved so far: the plan's amounts less what the donors still hold above the mean of
    /// the participants that run (``RebalancePlanner/excess(of:in:)`` over the current counts).
    static func moved(plan: ClusterRebalance.Status.Plan, snapshot: BrokerSnapshot) -> ClusterRebalance.Status.Moved {
        let loads = (plan.donors + plan.recipients).compactMap { snapshot.node(named: $0) }.filter(\.isRunning).map { NodeLoad($0) }
        guard !loads.isEmpty else { return .init(connections: 0, sessions: 0) }
        let remaining = RebalancePlanner.excess(of: plan.donors, in: loads)
        return .init(
            connections: max(0, (plan.connectionsToMove ?? 0) - remaining.connections),
            sessions: max(0, (plan.sessionsToMove ?? 0) - remaining.sessions)
        )
    }
}

extension ClusterRebalance.Result {
    /// The `Ready` reason of a rebalance that ended with this result.
    public var conditionReason: ConditionReason {
        switch self {
        case .balanced: .balanced
        case .alreadyBalanced: .alreadyBalanced
        case .notBalanced: .notBalanced
        }
    }
}
