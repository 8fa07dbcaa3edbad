import ControllerRuntime
import KubeClient

/// A minimal namespaced custom kind for tests.
struct Widget: Resource, Hashable {
    static let resource = ResourceDescription(group: "test.example.com", version: "v1", kind: "Widget", plural: "widgets", isNamespaced: true)

    struct Spec: Codable, Sendable, Hashable {
        var size: Int = 0
        var nodeName: String?
    }

    struct Status: Codable, Sendable, Hashable {
        var observedGeneration: Int64?
        var conditions: [Condition]?
        var phase: String?
    }

    var apiVersion: String = Widget.apiVersion
    var kind: String = Widget.kind
    var metadata: ObjectMeta
    var spec = Spec()
    var status: Status?

    init(_ name: String, namespace: String = "default", uid: String? = nil, resourceVersion: String = "1", generation: Int64 = 1) {
        metadata = ObjectMeta(name: name, namespace: namespace)
        metadata.uid = uid ?? "uid-\(name)"
        metadata.resourceVersion = resourceVersion
        metadata.generation = generation
    }
}

/// A minimal namespaced child kind (a Pod stand-in).
struct Gadget: Resource, Hashable {
    static let resource = ResourceDescription(group: "", version: "v1", kind: "Gadget", plural: "gadgets", isNamespaced: true)

    var metadata: ObjectMeta
    var nodeName: String?

    init(_ name: String, namespace: String = "default", owner: Widget? = nil, labels: [String: String]? = nil, nodeName: String? = nil, resourceVersion: String = "1") {
        metadata = ObjectMeta(name: name, namespace: namespace, labels: labels)
        metadata.uid = "uid-\(name)"
        metadata.resourceVersion = resourceVersion
        if let owner {
            metadata.ownerReferences = [
                OwnerReference(apiVersion: Widget.apiVersion, kind: Widget.kind, name: owner.metadata.name ?? "", uid: owner.metadata.uid ?? "", controller: true)
            ]
        }
        self.nodeName = nodeName
    }
}

/// Polls `condition` until it holds; `false` after `attempts` (a generous bound, not a timing assertion).
func eventually(attempts: Int = 5000, _ condition: @Sendable () async -> Bool) async -> Bool {
    for _ in 0..<attempts {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(1))
    }
    return await condition()
}
