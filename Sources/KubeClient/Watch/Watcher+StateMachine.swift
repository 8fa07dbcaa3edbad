import Primitives

extension Watcher {
    /// The list-then-watch logic of ``Watcher`` as a value: inputs are list pages, watch events, and the ends of
    /// lists and watches; outputs are the ``WatcherEvent``s to emit and the next ``Action``. No I/O, no clock.
    ///
    /// ## Rules (kube-rs `watcher`, client-go reflector)
    /// - Start (and restart) with a paged list; the first page of each list emits ``WatcherEvent/initStart``, every
    ///   item ``WatcherEvent/initApply(_:)``, the last page ``WatcherEvent/initDone``.
    /// - Watch from the list's resourceVersion; every event and bookmark moves the resume point.
    /// - A watch that ends (cleanly or not) is reopened from the resume point.
    /// - `410 Gone`/`Expired` — as an HTTP answer, a watch `ERROR` event or an expired continue token — forces a new
    ///   list from scratch.
    /// - Failed lists, and watches that ended without delivering anything, wait ``Backoff/next()`` before the next
    ///   attempt; a watch that delivered events reconnects at once. A watch that stayed open for
    ///   `backoffResetAfter` resets the backoff.
    struct StateMachine: Sendable {
        enum State: Sendable, Equatable {
            /// Must list from scratch.
            case empty
            /// In the middle of a paged list.
            case paging(continueToken: String)
            /// Listed or watched up to this version; the next step is a watch from it.
            case listed(resourceVersion: String)
            /// A watch is open; `resourceVersion` is the last one seen.
            case watching(resourceVersion: String)
        }

        enum Action: Sendable, Equatable {
            case list(continueToken: String?)
            case watch(resourceVersion: String)
            case sleep(Duration)
        }

        private(set) var state: State = .empty
        private(set) var backoff: Backoff
        let backoffResetAfter: Duration
        private var pendingDelay: Duration?
        private var watchDeliveredEvents = false

        init(backoff: Backoff, backoffResetAfter: Duration) {
            self.backoff = backoff
            self.backoffResetAfter = backoffResetAfter
        }

        /// What to do next: wait out a pending backoff delay first, then list or watch as the state says.
        mutating func nextAction() -> Action {
            if let delay = pendingDelay {
                pendingDelay = nil
                return .sleep(delay)
            }
            switch state {
            case .empty: return .list(continueToken: nil)
            case .paging(let token): return .list(continueToken: token)
            case .listed(let version), .watching(let version): return .watch(resourceVersion: version)
            }
        }

        /// A list page arrived.
        mutating func listed(_ page: ObjectList<Object>) -> [WatcherEvent<Object>] {
            var events: [WatcherEvent<Object>] = []
            if case .empty = state { events.append(.initStart) }
            events += page.items.map { .initApply($0) }
            if let token = page.metadata.continue, !token.isEmpty {
                state = .paging(continueToken: token)
                return events
            }
            guard let version = page.metadata.resourceVersion, !version.isEmpty else {
                // Nothing to watch from (kube-rs `NoResourceVersion`): list again later, from scratch.
                state = .empty
                pendingDelay = backoff.next()
                return events
            }
            events.append(.initDone)
            state = .listed(resourceVersion: version)
            return events
        }

        /// A list request failed.
        mutating func listFailed(_ error: any Error) {
            if Self.isGone(error) { state = .empty }
            pendingDelay = backoff.next()
        }

        /// A watch connection is being opened from the current resume point.
        mutating func watchStarted() {
            if case .listed(let version) = state { state = .watching(resourceVersion: version) }
            watchDeliveredEvents = false
        }

        /// An event of the open watch arrived.
        mutating func received(_ event: WatchEvent<Object>) -> [WatcherEvent<Object>] {
            switch event {
            case .added(let object), .modified(let object):
                advance(to: object.metadata.resourceVersion)
                return [.apply(object)]
            case .deleted(let object):
                advance(to: object.metadata.resourceVersion)
                return [.delete(object)]
            case .bookmark(let version):
                advance(to: version)
                return []
            case .error(let status):
                if status.code == 410 || status.typedReason == .gone { state = .empty }
                return []
            }
        }

        /// The open watch ended after `duration`, cleanly (`error == nil`) or not.
        mutating func watchEnded(after duration: Duration, error: (any Error)?) {
            if let error, Self.isGone(error) {
                state = .empty
            } else if case .watching(let version) = state {
                state = .listed(resourceVersion: version)
            }
            if duration >= backoffResetAfter { backoff.reset() }
            if !watchDeliveredEvents { pendingDelay = backoff.next() }
        }

        private mutating func advance(to version: String?) {
            watchDeliveredEvents = true
            guard case .watching = state, let version, !version.isEmpty else { return }
            state = .watching(resourceVersion: version)
        }

        static func isGone(_ error: any Error) -> Bool {
            (error as? KubeAPIError)?.reason == .gone
        }
    }
}
