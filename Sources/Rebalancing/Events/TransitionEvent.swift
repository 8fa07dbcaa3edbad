import ControllerRuntime
import KubeClient

/// A Kubernetes Event a reconciler publishes when its resource enters a new state (users see them with
/// `kubectl describe` and `kubectl get events`).
///
/// The event functions (``NodeEvacuationEvents``, ``ClusterRebalanceEvents``, ``BrokerClusterEvents``) derive these
/// from the old status, the new one and what the reconciler carried out, so a reconcile that changes nothing yields
/// none. ``state`` is a second guard: the recorder publishes an event only when its state differs from the last one
/// published for the same object and ``action`` (`EventRecorder.publish(_:onTransitionTo:)`), so a retried
/// reconcile, or one that reads a cache still lagging behind its own last write, does not repeat it.
public struct TransitionEvent: Sendable, Hashable {
    /// `Warning` for failures, refusals and conflicts; `Normal` otherwise.
    public var type: EventType
    /// CamelCase, e.g. `Evacuated`.
    public var reason: String
    /// What the operator did or tried, e.g. `Evacuate`: also the channel that ``state`` is compared within.
    public var action: String
    /// What happened and what a user can do, at most 1024 characters.
    public var note: String
    /// The state this event marks within its ``action``, e.g. `Running` for both a start and an adoption.
    public var state: String

    public init(_ type: EventType, reason: String, action: String, state: String, note: String) {
        self.type = type
        self.reason = reason
        self.action = action
        self.state = state
        self.note = String(note.prefix(1024))
    }

    /// The draft of this event about `object`.
    public func draft<Object: Resource>(regarding object: Object) -> EventDraft {
        EventDraft(regarding: EventObjectReference(object), type: type, reason: reason, action: action, note: note)
    }
}
