/// Counts the API requests a ``TestAPIServer`` served, by Kubernetes verb and resource, so tests can assert that a
/// client only watches (no `list` or `get` polling) once its caches synced.
///
/// Fidelity: the verb follows the API server's request-info rules for resource paths (`GET` on a collection is
/// `list`, or `watch` with `watch=true`; `GET` on an object is `get`; `POST` `create`; `PUT` `update`; `PATCH`
/// `patch`; `DELETE` on an object `delete`, on a collection `deletecollection`). Discovery, OpenAPI and
/// `/testserver` requests are not counted. Requests answered by an injected failure are counted too.
public final class RequestCounter: Sendable {
    /// One counted kind of request: the verb and the resource (`pods`, `pods/status`, `widgets`).
    public struct Key: Sendable, Hashable, CustomStringConvertible {
        public var verb: String
        public var resource: String

        public init(verb: String, resource: String) {
            self.verb = verb
            self.resource = resource
        }

        public var description: String { "\(verb) \(resource)" }
    }

    private let counts = LockedBox<[Key: Int]>([:])

    init() {}

    /// How many requests with `verb` (`list`, `get`, `watch`, ...) reached the server, for `resource` (plural, or
    /// `plural/subresource`) or for every resource when `nil`.
    public func count(verb: String, resource: String? = nil) -> Int {
        counts.withLock { counts in
            counts.reduce(0) { sum, entry in
                entry.key.verb == verb && (resource == nil || entry.key.resource == resource) ? sum + entry.value : sum
            }
        }
    }

    /// Every count so far.
    public var snapshot: [Key: Int] { counts.withLock { $0 } }

    /// Forgets every count.
    public func reset() {
        counts.withLock { $0.removeAll() }
    }

    func record(method: String, path: String, query: [String: String]) {
        guard case .resource(let target) = APIPath(path) else { return }
        let isWatch = QueryFlag.value(query["watch"]) ?? false
        let verb: String
        switch method.uppercased() {
        case "GET": verb = isWatch ? "watch" : (target.name == nil ? "list" : "get")
        case "POST": verb = "create"
        case "PUT": verb = "update"
        case "PATCH": verb = "patch"
        case "DELETE": verb = target.name == nil ? "deletecollection" : "delete"
        default: verb = method.lowercased()
        }
        let resource = target.subresource.map { "\(target.plural)/\($0)" } ?? target.plural
        counts.withLock { $0[Key(verb: verb, resource: resource), default: 0] += 1 }
    }
}
