import KubeClient

/// Shorthands for the `metadata` fields of a Kubernetes object held as JSON.
extension JSONValue {
    var name: String? {
        get { self[path: ["metadata", "name"]]?.stringValue }
        set { self[path: ["metadata", "name"]] = newValue.map { .string($0) } }
    }

    var namespace: String? {
        get { self[path: ["metadata", "namespace"]]?.stringValue }
        set { self[path: ["metadata", "namespace"]] = newValue.map { .string($0) } }
    }

    var uid: String? { self[path: ["metadata", "uid"]]?.stringValue }

    var resourceVersion: String? {
        get { self[path: ["metadata", "resourceVersion"]]?.stringValue }
        set { self[path: ["metadata", "resourceVersion"]] = newValue.map { .string($0) } }
    }

    var generation: Int64 { self[path: ["metadata", "generation"]]?.intValue ?? 0 }

    var labels: [String: String] {
        var result: [String: String] = [:]
        for (key, value) in self[path: ["metadata", "labels"]]?.objectValue ?? [:] {
            if let text = value.stringValue { result[key] = text }
        }
        return result
    }

    var finalizers: [String] {
        (self[path: ["metadata", "finalizers"]]?.arrayValue ?? []).compactMap(\.stringValue)
    }

    var deletionTimestamp: String? { self[path: ["metadata", "deletionTimestamp"]]?.stringValue }

    var ownerReferences: [JSONValue] { self[path: ["metadata", "ownerReferences"]]?.arrayValue ?? [] }

    /// The object's key in storage: namespace (nil when cluster-scoped) and name.
    var objectKey: ObjectKey { ObjectKey(namespace: namespace, name: name ?? "") }

    /// The object without `key` at top level (e.g. `status`), or unchanged when it has none.
    func removing(_ key: String) -> JSONValue {
        guard var members = objectValue else { return self }
        members[key] = nil
        return .object(members)
    }
}
