/// Builds API paths from a ``ResourceDescription`` (`kubernetes.md` §3.1): `/api/v1` for the core group,
/// `/apis/<group>/<version>` otherwise; `namespaces/<ns>/` only for namespaced kinds; then the plural, the name and
/// a subresource.
///
/// A namespaced kind with no namespace addresses all namespaces (list and watch only). A cluster-scoped kind ignores
/// the namespace. Names and namespaces are percent-encoded as path segments.
enum ResourcePath {
    /// `/api/v1` or `/apis/<group>/<version>`.
    static func groupVersion(_ resource: ResourceDescription) -> String {
        resource.group.isEmpty ? "/api/\(resource.version)" : "/apis/\(resource.group)/\(resource.version)"
    }

    /// The collection: `…/namespaces/<ns>/<plural>` or `…/<plural>`.
    static func collection(_ resource: ResourceDescription, namespace: String?) -> String {
        var path = groupVersion(resource)
        if resource.isNamespaced, let namespace, !namespace.isEmpty {
            path += "/namespaces/" + QueryParameters.escape(namespace)
        }
        return path + "/" + resource.plural
    }

    /// One object, optionally one of its subresources (`status`, `scale`, `eviction`).
    static func object(_ resource: ResourceDescription, namespace: String?, name: String, subresource: String? = nil) -> String {
        var path = collection(resource, namespace: namespace) + "/" + QueryParameters.escape(name)
        if let subresource, !subresource.isEmpty { path += "/" + subresource }
        return path
    }
}
