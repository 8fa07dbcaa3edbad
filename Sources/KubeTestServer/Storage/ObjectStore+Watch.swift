import Foundation
import KubeClient

extension ObjectStore {
    /// Where a watch starts.
    enum WatchStart: Sendable {
        /// No resourceVersion (or "0"): synthetic ADDED for every current object, then changes. With
        /// `initialEventsEndBookmark`, the replay ends with a BOOKMARK annotated `k8s.io/initial-events-end`.
        case current(initialEventsEndBookmark: Bool)
        /// Every change after this revision, in order, nothing synthetic; 410 when the history no longer reaches it.
        case after(Int64)
    }

    /// Opens a watch. The stream ends when the watch is cancelled, dropped by a fault, or after a 410 ERROR event.
    func startWatch(_ kind: RegisteredKind, filter: ObjectFilter, from start: WatchStart) -> (id: UUID, stream: AsyncStream<WatchMessage>) {
        let (stream, continuation) = AsyncStream.makeStream(of: WatchMessage.self, bufferingPolicy: .unbounded)
        let id = UUID()
        if isShuttingDown {
            continuation.finish()
            return (id, stream)
        }
        let registration = WatchRegistration(kind: kind, filter: filter, continuation: continuation)
        switch start {
        case .current(let initialEventsEndBookmark):
            let current = (objects[StorageKey(kind.resource)] ?? [:])
                .sorted { $0.key.description < $1.key.description }
                .map { Self.served($0.value, as: kind) }
                .filter { filter.matches($0) }
            for object in current {
                continuation.yield(WatchMessage(type: "ADDED", object: object))
            }
            if initialEventsEndBookmark {
                var bookmark = bookmarkObject(kind)
                bookmark[path: ["metadata", "annotations"]] = ["k8s.io/initial-events-end": "true"]
                continuation.yield(WatchMessage(type: "BOOKMARK", object: bookmark))
            }
        case .after(let from):
            guard history.canServe(from: from) else {
                let error = APIError.expired("too old resource version: \(from) (\(history.compactedThrough))")
                continuation.yield(WatchMessage(type: "ERROR", object: error.status))
                continuation.finish()
                return (id, stream)
            }
            for event in history.events(after: from) {
                if let message = registration.message(for: event) { continuation.yield(message) }
            }
        }
        watches[id] = registration
        return (id, stream)
    }

    func stopWatch(_ id: UUID) {
        watches.removeValue(forKey: id)?.continuation.finish()
    }

    /// Sends a BOOKMARK with the current revision to one watch.
    func sendBookmark(_ id: UUID) {
        guard let registration = watches[id] else { return }
        registration.continuation.yield(WatchMessage(type: "BOOKMARK", object: bookmarkObject(registration.kind)))
    }

    /// Ends every open watch stream cleanly (a fault, and the first step of shutdown).
    func dropAllWatches() {
        for registration in watches.values { registration.continuation.finish() }
        watches.removeAll()
    }

    /// Ends every watch and refuses new ones (they end at once): the first step of shutdown.
    func beginShutdown() {
        isShuttingDown = true
        dropAllWatches()
    }

    /// Forgets the whole event history: a watch or continue token from any revision before now gets 410.
    func compactHistory() {
        history.compact(through: revision)
    }

    var openWatchCount: Int { watches.count }

    private func bookmarkObject(_ kind: RegisteredKind) -> JSONValue {
        ["kind": .string(kind.resource.kind), "apiVersion": .string(kind.resource.apiVersion),
         "metadata": ["resourceVersion": .string(String(revision))]]
    }

    /// Records a change and delivers it to the watches that see it.
    func record(_ event: StoredEvent) {
        history.append(event)
        var finished: [UUID] = []
        for (id, registration) in watches {
            guard let message = registration.message(for: event) else { continue }
            if case .terminated = registration.continuation.yield(message) { finished.append(id) }
        }
        for id in finished { watches[id] = nil }
    }
}
