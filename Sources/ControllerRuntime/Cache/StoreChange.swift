import KubeClient

/// One change the store applied, as handed to subscribers (controllers' event handlers).
public enum StoreChange<Object: Resource>: Sendable {
    /// `new` was added (`old` is `nil`) or replaced `old`.
    case applied(old: Object?, new: Object)
    /// The object was deleted, or vanished in a re-list; this is its last known state.
    case deleted(Object)

    /// The newest state the change carries.
    public var object: Object {
        switch self {
        case .applied(_, let new): new
        case .deleted(let object): object
        }
    }
}
