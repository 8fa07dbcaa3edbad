import ControllerRuntime
import KubeClient

/// The Events of a NodeEvacuation's transitions, as a pure function of its old status, its new status and the
/// actions the reconciler carried out (a start answered `already_started` and a stop answered `not_started` count
/// as carried out).
///
/// | reason | type | when |
/// |---|---|---|
/// | `Started` | Normal | an evacuation was started on a node this resource had not run before |
/// | `Adopted` | Normal | EMQX already ran the evacuation of a node newly recorded (e.g. after an operator restart) |
/// | `Reasserted` | Normal | EMQX had lost a running evacuation (a broker restart) and it was started again |
/// | `Evacuated` | Normal | `Ready` turned True |
/// | `Refused` | Warning | `Ready` turned False for a reason that blocks the evacuation (e.g. `InsufficientCapacity`) |
/// | `Failed` | Warning | the phase turned `Failed` (a passed deadline) |
/// | `TargetReplaced` | Normal | the target pod was replaced (a new UID) |
/// | `Stopped` | Normal | the evacuation of a node was stopped (deletion, or a pod that left the target node) |
/// | `StopHandedOver` | Warning | deletion with EMQX unreachable: the stop is owed by the BrokerCluster |
public enum NodeEvacuationEvents {
    /// `Ready` reasons that report progress or transient trouble rather than a refusal.
    static let progressReasons: Set<String> = Set(NodeEvacuation.Phase.allCases.map(\.conditionReason.rawValue)).union([ConditionReason.brokerUnreachable.rawValue, ConditionReason.deadlineExceeded.rawValue])

    public static func events(for evacuation: NodeEvacuation, newStatus new: NodeEvacuation.Status, carriedOut: [EvacuationDecider.Action]) -> [TransitionEvent] {
        let old = evacuation.status
        let oldNodes = Dictionary((old?.brokerNodes ?? []).map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let newNodes = new.brokerNodes ?? []
        var events: [TransitionEvent] = []
        func evacuate(_ type: EventType, _ reason: String, state: String, _ note: String) {
            events.append(TransitionEvent(type, reason: reason, action: "Evacuate", state: state, note: note))
        }

        // Starts, adoptions and re-assertions: the resource's evacuations run.
        let starts = carriedOut.compactMap { action -> EvacuationRequest? in
            if case let .broker(.startEvacuation(request)) = action { return request } else { return nil }
        }
        let started = Set(starts.map(\.node))
        let firstStarts = starts.filter { oldNodes[$0.node]?.state == nil }
        let restarts = starts.filter { oldNodes[$0.node]?.state != nil }
        if let first = firstStarts.first {
            let names = firstStarts.map { request in describe(request.node, pod: newNodes.first { $0.name == request.node }?.pod) }
            evacuate(.normal, "Started", state: "Running", "started evacuating \(names.joined(separator: ", ")): new clients are refused, connections evicted at \(first.connEvictRate)/s after a \(first.waitHealthCheckSeconds) s health-check wait, sessions at \(first.sessEvictRate)/s; delete this NodeEvacuation to stop")
        }
        let adopted = newNodes.filter { $0.state != nil && oldNodes[$0.name] == nil && !started.contains($0.name) }
        if !adopted.isEmpty {
            let names = adopted.map { "\(describe($0.name, pod: $0.pod)) (EMQX state \($0.state ?? ""))" }
            evacuate(.normal, "Adopted", state: "Running", "EMQX already evacuates \(names.joined(separator: ", ")): adopted, not started again")
        }
        if !restarts.isEmpty {
            evacuate(.normal, "Reasserted", state: "Running", "EMQX no longer evacuated \(restarts.map(\.node).joined(separator: ", ")) (did the broker restart?): started it again; the node refuses new clients while this NodeEvacuation exists")
        }

        // Ready and the phase.
        let oldReady = old?.conditions?.condition(.ready)
        let ready = new.conditions?.condition(.ready)
        if let ready, ready.status != oldReady?.status || ready.reason != oldReady?.reason {
            if new.phase == .failed, old?.phase != .failed {
                evacuate(.warning, "Failed", state: "Failed", "\(ready.reason): \(ready.message)")
            } else if ready.status == .true {
                evacuate(.normal, "Evacuated", state: "Evacuated", ready.message)
            } else if !progressReasons.contains(ready.reason) {
                evacuate(.warning, "Refused", state: "Refused:\(ready.reason)", "\(ready.reason): \(ready.message)")
            }
        }

        // A replaced target pod.
        let replaced = new.conditions?.condition(.targetReplaced)
        if let replaced, replaced.status == .true, replaced.message != old?.conditions?.condition(.targetReplaced)?.message {
            events.append(TransitionEvent(.normal, reason: "TargetReplaced", action: "ReplaceTarget", state: replaced.message, note: replaced.message))
        }

        // Stops.
        let stopped = carriedOut.compactMap { action -> String? in
            if case let .broker(.stopEvacuation(node)) = action { return node } else { return nil }
        }
        if !stopped.isEmpty {
            let names = stopped.joined(separator: ", ")
            let why = evacuation.metadata.deletionTimestamp != nil ? "NodeEvacuation deleted: " : ""
            events.append(TransitionEvent(.normal, reason: "Stopped", action: "Stop", state: "Stopped:\(names)", note: "\(why)stopped the evacuation of \(names); it accepts new clients again"))
        }
        for action in carriedOut {
            guard case let .handOverStops(nodes, lastError) = action else { continue }
            for node in nodes { events.append(TransitionEvent(
                .warning, reason: "StopHandedOver", action: "Stop", state: "HandedOver:\(node)",
                note: "EMQX unreachable (\(lastError)): the stop of the evacuation of \(node) is owed by BrokerCluster \(evacuation.spec.clusterRef) (status.pendingStops) and retried until EMQX confirms; the deletion goes on")) }
        }
        return events
    }

    static func describe(_ node: String, pod: String?) -> String {
        pod.map { "\(node) (pod \($0))" } ?? node
    }
}
