/// Faults a test can inject into a running ``TestAPIServer``, in process or over HTTP under `/testserver/v1/...`.
///
/// - ``dropAllWatches()`` ends every open watch stream cleanly (clients see their stream end and re-watch).
/// - ``compactHistory()`` forgets the event history: a watch from any older resourceVersion then gets the
///   `ERROR` event with 410 Expired, and a continue token from before gets HTTP 410.
/// - ``failRequests(matching:status:count:)`` answers the next `count` matching requests with `status` (409, 429,
///   500, ...) and a Kubernetes `Status` body, without touching storage. Rules are consumed in the order added.
public final class FaultInjector: Sendable {
    private struct Rule: Sendable {
        var matcher: RequestMatcher
        var status: Int
        var remaining: Int
    }

    private let store: ObjectStore
    private let rules = LockedBox<[Rule]>([])
    /// The API requests served so far, by verb and resource.
    public let requests = RequestCounter()

    init(store: ObjectStore) {
        self.store = store
    }

    public func dropAllWatches() async {
        await store.dropAllWatches()
    }

    public func compactHistory() async {
        await store.compactHistory()
    }

    public func failRequests(matching matcher: RequestMatcher, status: Int, count: Int = 1) {
        guard count > 0 else { return }
        rules.withLock { $0.append(Rule(matcher: matcher, status: status, remaining: count)) }
    }

    /// Removes every pending request failure.
    public func clearRequestFailures() {
        rules.withLock { $0.removeAll() }
    }

    /// The number of injected failures still to be served.
    public var pendingFailures: Int {
        rules.withLock { $0.reduce(0) { $0 + $1.remaining } }
    }

    /// Consumes and returns the failure for this request, if a rule matches it.
    func injectedFailure(method: String, path: String) -> APIError? {
        rules.withLock { rules in
            guard let index = rules.firstIndex(where: { $0.matcher.matches(method: method, path: path) }) else { return nil }
            let status = rules[index].status
            rules[index].remaining -= 1
            if rules[index].remaining <= 0 { rules.remove(at: index) }
            return APIError.injected(code: status)
        }
    }
}
