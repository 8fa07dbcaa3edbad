import KubeClient

/// One stored change: what a watch replays when it resumes from an older resourceVersion.
struct StoredEvent: Sendable {
    enum EventType: String, Sendable {
        case added = "ADDED"
        case modified = "MODIFIED"
        case deleted = "DELETED"
    }

    var revision: Int64
    var kind: StorageKey
    var type: EventType
    /// The object after the change; for `deleted`, its last state carrying the deletion revision.
    var object: JSONValue
    /// The object before the change (`nil` for `added`); selectors are evaluated on both.
    var previous: JSONValue?
}
