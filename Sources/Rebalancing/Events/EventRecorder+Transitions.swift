import ControllerRuntime
import KubeClient

extension EventRecorder {
    /// Publishes `events` about `object`, each only on a transition of its state within its action
    /// (``publish(_:onTransitionTo:)``). Best-effort: a failed write is logged and never fails the caller.
    public func publish<Object: Resource>(_ events: [TransitionEvent], regarding object: Object) async {
        for event in events {
            await publish(event.draft(regarding: object), onTransitionTo: event.state)
        }
    }
}
