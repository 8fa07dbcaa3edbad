import DequeModule
import KubeClient

/// A bounded history of changes, oldest first (a ring buffer of `limit` events).
///
/// ## Guarantees
/// - Every change with a revision greater than ``compactedThrough`` is present, in revision order.
/// - A watch or a continue token from revision `N` can be served iff `N >= compactedThrough`; otherwise the caller
///   answers 410 Expired, as the real API server does for a compacted etcd revision.
struct EventHistory: Sendable {
    private(set) var events: Deque<StoredEvent> = []
    /// The highest revision whose change may be missing (0 while nothing was ever dropped).
    private(set) var compactedThrough: Int64 = 0
    let limit: Int

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    mutating func append(_ event: StoredEvent) {
        events.append(event)
        while events.count > limit, let dropped = events.popFirst() {
            compactedThrough = max(compactedThrough, dropped.revision)
        }
    }

    /// Drops everything up to and including `revision`.
    mutating func compact(through revision: Int64) {
        while let first = events.first, first.revision <= revision {
            events.removeFirst()
        }
        compactedThrough = max(compactedThrough, revision)
    }

    func canServe(from revision: Int64) -> Bool {
        revision >= compactedThrough
    }

    /// The retained events with a revision greater than `revision`, oldest first.
    func events(after revision: Int64) -> [StoredEvent] {
        events.filter { $0.revision > revision }
    }
}
