/// What a list-then-watch stream reports, in the spirit of kube-rs's `watcher::Event`.
///
/// A (re-)list is framed by ``initStart`` and ``initDone``: between them ``initApply`` delivers every object the
/// server listed. A consumer that keeps a store builds the new state from the `initApply` events and swaps it in
/// at `initDone`, so objects that vanished while the watch was broken (a `410 Gone` re-list) disappear without a
/// delete event. After `initDone`, ``apply`` and ``delete`` report changes one at a time, in server order.
public enum WatcherEvent<Object: Sendable>: Sendable {
    /// A list begins; the consumer should start a fresh buffer.
    case initStart
    /// One object of the list in progress.
    case initApply(Object)
    /// The list is complete; the buffer is now the whole truth.
    case initDone
    /// An object was added or changed.
    case apply(Object)
    /// An object was deleted; this is its last known state.
    case delete(Object)
}

extension WatcherEvent {
    /// The same event carrying `transform(object)`: how a cache keeps only the part of each object it needs.
    public func map<Other: Sendable>(_ transform: (Object) -> Other) -> WatcherEvent<Other> {
        switch self {
        case .initStart: .initStart
        case let .initApply(object): .initApply(transform(object))
        case .initDone: .initDone
        case let .apply(object): .apply(transform(object))
        case let .delete(object): .delete(transform(object))
        }
    }
}
