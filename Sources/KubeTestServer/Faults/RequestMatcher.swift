/// Which API requests an injected failure applies to. Every criterion that is set must hold.
public struct RequestMatcher: Sendable, Hashable {
    /// HTTP method, e.g. `PUT`; `nil` matches any.
    public var method: String?
    /// The path starts with this, e.g. `/apis/rebalance.brokers.dev/v1alpha1/namespaces/default/nodeevacuations`.
    public var pathPrefix: String?
    /// One path segment equals this resource (plural) name, e.g. `pods` or `leases`.
    public var resource: String?
    /// The path ends with this, e.g. `/status` or `/eviction`.
    public var pathSuffix: String?
    /// When set, `GET` lists/gets with `watch=true` are not distinguished; use `method` to narrow.
    public init(method: String? = nil, pathPrefix: String? = nil, resource: String? = nil, pathSuffix: String? = nil) {
        self.method = method
        self.pathPrefix = pathPrefix
        self.resource = resource
        self.pathSuffix = pathSuffix
    }

    /// Every API request.
    public static let any = RequestMatcher()

    public func matches(method requestMethod: String, path: String) -> Bool {
        if let method, method.uppercased() != requestMethod.uppercased() { return false }
        if let pathPrefix, !path.hasPrefix(pathPrefix) { return false }
        if let pathSuffix, !path.hasSuffix(pathSuffix) { return false }
        if let resource, !path.split(separator: "/").contains(Substring(resource)) { return false }
        return true
    }
}
