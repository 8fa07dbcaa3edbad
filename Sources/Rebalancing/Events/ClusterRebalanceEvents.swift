import ControllerRuntime
import KubeClient

/// The Events of a ClusterRebalance's transitions, as a pure function of its old status, its new status and the
/// actions the reconciler carried out.
///
/// | reason | type | when |
/// |---|---|---|
/// | `Planned` | Normal | dry run: the plan is published and waits for approval |
/// | `Started` | Normal | an attempt started (or was adopted) on a coordinator |
/// | `Interrupted` | Warning | an attempt ended because a participant went down or restarted, and is retried |
/// | `NotBalanced` | Warning | EMQX finished an attempt but the balance test still fails, and it is retried |
/// | `Balanced`, `AlreadyBalanced` | Normal | completed |
/// | `Stopped` | Warning | the EMQX side was stopped outside the operator |
/// | `RetriesExhausted`, `Failed` | Warning | failed (retry.limit spent; deadline; EMQX rejected the start) |
/// | `Refused` | Warning | `Ready` turned False for a reason that blocks the rebalance (e.g. `Conflict`, `NotEnoughNodes`) |
/// | `SpecChangeIgnored` | Warning | the spec was edited after the start |
/// | `Stopped` | Normal | the resource was deleted and its running EMQX rebalance stopped |
public enum ClusterRebalanceEvents {
    /// `Ready` reasons that report progress or transient trouble rather than a refusal.
    static let progressReasons: Set<String> = Set([ConditionReason.rebalancing, .planned, .brokerUnreachable, .interrupted].map(\.rawValue))

    public static func events(for rebalance: ClusterRebalance, newStatus new: ClusterRebalance.Status, carriedOut: [RebalanceDecider.Action]) -> [TransitionEvent] {
        let old = rebalance.status
        var events: [TransitionEvent] = []
        func lifecycle(_ type: EventType, _ reason: String, state: String, _ note: String) {
            events.append(TransitionEvent(type, reason: reason, action: "Rebalance", state: state, note: note))
        }
        let ready = new.conditions?.condition(.ready)
        let oldReady = old?.conditions?.condition(.ready)

        if new.phase == .planned, old?.phase != .planned {
            lifecycle(.normal, "Planned", state: "Planned", ready?.message ?? "plan published; set spec.dryRun to false to start")
        }

        // Attempts: outcomes of those that ended while the rebalance goes on (a final phase reports its own end),
        // then the one that started.
        let oldAttempts = old?.attempts ?? []
        for (index, attempt) in (new.attempts ?? []).enumerated() where new.phase == .rebalancing {
            guard let outcome = attempt.outcome, index >= oldAttempts.count || oldAttempts[index].outcome == nil else { continue }
            let number = index + 1
            let detail = attempt.message.map { ": \($0)" } ?? ""
            switch outcome {
            case .interrupted:
                events.append(TransitionEvent(.warning, reason: "Interrupted", action: "Attempt", state: "\(number):Interrupted", note: "attempt \(number) on \(attempt.coordinator) was interrupted\(detail); EMQX aborts a rebalance when a participant goes down, so the operator re-plans over the nodes up and retries within spec.retry.limit"))
            case .notBalanced:
                events.append(TransitionEvent(.warning, reason: "NotBalanced", action: "Attempt", state: "\(number):NotBalanced", note: "attempt \(number) on \(attempt.coordinator) ended not balanced\(detail)"))
            case .balanced, .failed:
                break  // reported with the phase below
            }
        }
        if let attempts = new.attempts, attempts.count > oldAttempts.count, let last = attempts.last, last.outcome == nil {
            let plan = new.plan
            let donors = plan?.donors.joined(separator: ", ") ?? "?"
            let recipients = plan?.recipients.joined(separator: ", ") ?? "?"
            let amounts = plan?.connectionsToMove.map { " to move about \($0) connections and \(plan?.sessionsToMove ?? 0) sessions" } ?? ""
            events.append(TransitionEvent(.normal, reason: "Started", action: "Attempt", state: "\(attempts.count):Started", note: "attempt \(attempts.count) started on coordinator \(last.coordinator): donors \(donors), recipients \(recipients)\(amounts)"))
        }

        // The end, or a refusal.
        if new.phase != old?.phase {
            let message = ready?.message ?? ""
            switch new.phase {
            case .completed:
                let result = new.result ?? .balanced
                let attempts = new.attempts?.count ?? 0
                let suffix = result == .balanced && attempts > 0 ? " after \(attempts) attempt(s)" : ""
                lifecycle(.normal, result.rawValue, state: "Completed", "\(message)\(suffix)")
            case .stopped:
                lifecycle(.warning, "Stopped", state: "Stopped", message)
            case .failed:
                let reason = ready?.typedReason == .retriesExhausted ? ConditionReason.retriesExhausted.rawValue : "Failed"
                lifecycle(.warning, reason, state: "Failed", "\(ready?.reason ?? "Failed"): \(message)")
            default:
                break
            }
        }
        if let ready, ready.status == .false, new.phase != .failed, new.phase != .stopped,
           ready.reason != oldReady?.reason || oldReady?.status != .false, !progressReasons.contains(ready.reason) {
            lifecycle(.warning, "Refused", state: "Refused:\(ready.reason)", "\(ready.reason): \(ready.message)")
        }

        if let ignored = new.conditions?.condition(.specChangeIgnored), old?.conditions?.condition(.specChangeIgnored) == nil {
            events.append(TransitionEvent(.warning, reason: "SpecChangeIgnored", action: "EditSpec", state: "Ignored:\(rebalance.metadata.generation ?? 0)", note: ignored.message))
        }

        if rebalance.metadata.deletionTimestamp != nil {
            for action in carriedOut {
                guard case let .broker(.stopRebalance(coordinator)) = action else { continue }
                events.append(TransitionEvent(.normal, reason: "Stopped", action: "Stop", state: "Stopped:\(coordinator)", note: "ClusterRebalance deleted: stopped the EMQX rebalance coordinated by \(coordinator)"))
            }
        }
        return events
    }
}
