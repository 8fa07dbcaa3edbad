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

    /// One kind of access in RBAC's terms, with the client that made it: what a `Role` or `ClusterRole` rule must
    /// allow for the request to pass (`namespaced` is whether the path named a namespace: a namespaced rule in a
    /// `Role` covers it, a cluster-wide list or watch needs a `ClusterRole`).
    public struct Access: Sendable, Hashable, CustomStringConvertible {
        public var verb: String
        /// The API group, `""` for the core group.
        public var group: String
        /// The plural resource name.
        public var resource: String
        public var subresource: String?
        public var namespaced: Bool
        /// The client's `User-Agent` header.
        public var userAgent: String

        public init(verb: String, group: String, resource: String, subresource: String?, namespaced: Bool, userAgent: String) {
            self.verb = verb
            self.group = group
            self.resource = resource
            self.subresource = subresource
            self.namespaced = namespaced
            self.userAgent = userAgent
        }

        public var description: String {
            "\(verb) \(group.isEmpty ? "core" : group)/\(resource)\(subresource.map { "/" + $0 } ?? "")\(namespaced ? " (namespaced)" : " (cluster-wide)")"
        }
    }

    private let counts = LockedBox<[Key: Int]>([:])
    private let seenAccesses = LockedBox<Set<Access>>([])

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

    /// Every distinct access so far (counted requests only, see the type's doc).
    public var accesses: Set<Access> { seenAccesses.withLock { $0 } }

    /// Forgets every count and access.
    public func reset() {
        counts.withLock { $0.removeAll() }
        seenAccesses.withLock { $0.removeAll() }
    }

    func record(method: String, path: String, query: [String: String], userAgent: String = "") {
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
        let access = Access(verb: verb, group: target.group, resource: target.plural, subresource: target.subresource,
                            namespaced: target.namespace != nil, userAgent: userAgent)
        seenAccesses.withLock { _ = $0.insert(access) }
    }
}
