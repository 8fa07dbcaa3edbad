import Foundation
import KubeClient

/// An open watch: what it selects and where its events go.
struct WatchRegistration: Sendable {
    var kind: RegisteredKind
    var filter: ObjectFilter
    var continuation: AsyncStream<WatchMessage>.Continuation

    /// The event this watch sees for a stored change, applying selector transitions: an object that starts
    /// matching arrives as ADDED, one that stops matching as DELETED (with its new state).
    func message(for event: StoredEvent) -> WatchMessage? {
        guard event.kind == StorageKey(kind.resource) else { return nil }
        let object = ObjectStore.served(event.object, as: kind)
        switch event.type {
        case .added:
            return filter.matches(object) ? WatchMessage(type: "ADDED", object: object) : nil
        case .deleted:
            return filter.matches(object) ? WatchMessage(type: "DELETED", object: object) : nil
        case .modified:
            let wasMatching = event.previous.map { filter.matches(ObjectStore.served($0, as: kind)) } ?? false
            let isMatching = filter.matches(object)
            switch (wasMatching, isMatching) {
            case (true, true): return WatchMessage(type: "MODIFIED", object: object)
            case (false, true): return WatchMessage(type: "ADDED", object: object)
            case (true, false): return WatchMessage(type: "DELETED", object: object)
            case (false, false): return nil
            }
        }
    }
}
