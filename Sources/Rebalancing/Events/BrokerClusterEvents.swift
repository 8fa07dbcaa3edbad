import ControllerRuntime
import KubeClient

/// The Events of a BrokerCluster's transitions, as a pure function of its old status, its new status and the owed
/// stops EMQX confirmed in this reconcile.
///
/// | reason | type | when |
/// |---|---|---|
/// | `Reachable` | Normal | the EMQX API answers (again) |
/// | `Unreachable` | Warning | it stopped answering, refused the API key, or the configuration cannot be used |
/// | `RebalanceUnavailable` | Warning | the API answers 404 on `load_rebalance` |
/// | `StopOwed` | Warning | a deleted NodeEvacuation handed over a stop EMQX could not take (``stopOwed(node:evacuation:lastError:)``) |
/// | `PendingStopConfirmed` | Normal | EMQX took an owed stop |
/// | `PendingStopCleared` | Normal | an owed stop was dropped: EMQX no longer evacuates the node, or a new NodeEvacuation claims it |
public enum BrokerClusterEvents {
    public static func events(for cluster: BrokerCluster, newStatus new: BrokerCluster.Status, confirmedStops: Set<String>) -> [TransitionEvent] {
        let old = cluster.status
        var events: [TransitionEvent] = []

        let reachable = new.conditions?.condition(.reachable)
        let oldReachable = old?.conditions?.condition(.reachable)
        if let reachable, reachable.status != oldReachable?.status || reachable.reason != oldReachable?.reason {
            if reachable.status == .true {
                events.append(TransitionEvent(.normal, reason: "Reachable", action: "Connect", state: "Reachable", note: reachable.message))
            } else {
                events.append(TransitionEvent(.warning, reason: "Unreachable", action: "Connect", state: "Unreachable:\(reachable.reason)", note: "\(reachable.reason): \(reachable.message)"))
            }
        }

        let ready = new.conditions?.condition(.ready)
        if let ready, ready.typedReason == .rebalanceUnavailable, old?.conditions?.condition(.ready)?.reason != ready.reason {
            events.append(TransitionEvent(.warning, reason: "RebalanceUnavailable", action: "CheckFeatures", state: "Unavailable", note: ready.message))
        }

        let remaining = Set((new.pendingStops ?? []).map(\.brokerNode))
        for stop in old?.pendingStops ?? [] where !remaining.contains(stop.brokerNode) {
            if confirmedStops.contains(stop.brokerNode) {
                events.append(TransitionEvent(.normal, reason: "PendingStopConfirmed", action: "StopEvacuation", state: "Confirmed:\(stop.brokerNode):\(stop.evacuation)", note: "EMQX took the stop of the evacuation of \(stop.brokerNode) owed since NodeEvacuation \(stop.evacuation) was deleted; the node accepts new clients again"))
            } else {
                events.append(TransitionEvent(.normal, reason: "PendingStopCleared", action: "StopEvacuation", state: "Cleared:\(stop.brokerNode):\(stop.evacuation)", note: "dropped the owed stop of \(stop.brokerNode) (from deleted NodeEvacuation \(stop.evacuation)): EMQX no longer evacuates it, or a new NodeEvacuation claims it"))
            }
        }
        return events
    }

    /// The event on the BrokerCluster when a deleted NodeEvacuation hands it a stop EMQX could not take.
    public static func stopOwed(node: String, evacuation: String, lastError: String) -> TransitionEvent {
        TransitionEvent(.warning, reason: "StopOwed", action: "StopEvacuation", state: "Owed:\(node):\(evacuation)", note: "NodeEvacuation \(evacuation) was deleted while EMQX was unreachable (\(lastError)): the stop of the evacuation of \(node) is kept in status.pendingStops and retried until EMQX takes it")
    }
}
