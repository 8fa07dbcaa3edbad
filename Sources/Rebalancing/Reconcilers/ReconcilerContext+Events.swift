import ControllerRuntime
import KubeClient

extension ReconcilerContext {
    /// Publishes `events` about `object` through ``events`` (nothing when it is `nil`), each once per transition.
    func publish<Object: Resource>(_ events: [TransitionEvent], regarding object: Object) async {
        await self.events?.publish(events, regarding: object)
    }
}
