import KubeClient
import Synchronization

/// Changes from outside the Kubernetes API that should trigger reconciles: kube-rs's `reconcile_on` stream and
/// controller-runtime's `source.Channel`. A controller subscribes with ``Controller/reconciles(on:mapping:)`` and
/// maps each change to the keys it concerns; the work queue then de-duplicates them with every other trigger.
///
/// ## Guarantees
/// - Handlers are called synchronously, in subscription order, after the change is visible to readers of the
///   source, so a reconcile triggered by a change always reads that change or a later one.
/// - Unsubscribing stops further calls; a handler never outlives its subscription.
public final class ExternalSource<Change: Sendable>: Sendable {
    /// A registered handler; pass it to ``unsubscribe(_:)``.
    public struct Subscription: Sendable, Hashable {
        let id: UInt64
    }

    private struct State {
        var handlers: [(id: UInt64, handler: @Sendable (Change) -> Void)] = []
        var nextID: UInt64 = 0
    }

    private let state = Mutex(State())

    public init() {}

    /// Calls `handler` with every change sent from now on.
    public func subscribe(_ handler: @escaping @Sendable (Change) -> Void) -> Subscription {
        state.withLock { state in
            state.nextID += 1
            state.handlers.append((state.nextID, handler))
            return Subscription(id: state.nextID)
        }
    }

    public func unsubscribe(_ subscription: Subscription) {
        state.withLock { $0.handlers.removeAll { $0.id == subscription.id } }
    }

    /// Tells every subscriber about `change`.
    public func send(_ change: Change) {
        let handlers = state.withLock { $0.handlers.map(\.handler) }
        for handler in handlers { handler(change) }
    }
}

extension Controller {
    /// Reconciles the primary keys `mapping` returns for every change `source` sends. An external source never
    /// holds back the controller's start (it has no "synced" state of its own).
    public func reconciles<Change: Sendable>(on source: ExternalSource<Change>, mapping: @escaping @Sendable (Change) -> [ObjectKey]) -> Self {
        adding(
            Trigger(
                subscribe: { queue in
                    let subscription = source.subscribe { change in
                        for key in Set(mapping(change)) { queue.add(key) }
                    }
                    return { source.unsubscribe(subscription) }
                },
                waitUntilSynced: {}
            )
        )
    }
}
