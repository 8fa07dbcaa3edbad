import KubeClient

/// The one writer of a ``Store``: turns ``WatcherEvent``s into store changes and notifies subscribers.
///
/// A (re-)list (`initStart` … `initDone`) fills a private buffer; `initDone` swaps it in at once, so readers never see
/// a half-listed cache, and objects missing from the new list are reported as deleted. `apply` and `delete` write
/// straight through.
///
/// - Invariant: only one writer per store; it is not `Sendable` on purpose, so it stays with one task.
public struct StoreWriter<Object: Resource>: ~Copyable {
    public let store: Store<Object>
    private var buffer: [ObjectKey: Object]?

    public init(_ store: Store<Object>) {
        self.store = store
    }

    /// Applies one event; returns the changes it made (also sent to subscribers).
    @discardableResult
    public mutating func apply(_ event: WatcherEvent<Object>) -> [StoreChange<Object>] {
        let changes: [StoreChange<Object>]
        switch event {
        case .initStart:
            buffer = [:]
            changes = []
        case .initApply(let object):
            if buffer == nil { buffer = [:] }
            buffer?[object.key] = object
            changes = []
        case .initDone:
            changes = store.replaceAll(with: buffer ?? [:])
            buffer = nil
        case .apply(let object):
            changes = [store.apply(object)]
        case .delete(let object):
            changes = [store.delete(object)]
        }
        store.notify(changes)
        return changes
    }
}
