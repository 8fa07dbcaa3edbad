import KubeClient

/// Where objects of one kind are stored: group and plural, independent of the version they are served in.
struct StorageKey: Sendable, Hashable, CustomStringConvertible {
    var group: String
    var plural: String

    init(group: String, plural: String) {
        self.group = group
        self.plural = plural
    }

    /// events.k8s.io/v1 Events share the storage of core/v1 Events.
    init(_ resource: ResourceDescription) {
        if EventConversion.isEventsV1(resource) {
            self.init(group: "", plural: "events")
        } else {
            self.init(group: resource.group, plural: resource.plural)
        }
    }

    var description: String { group.isEmpty ? plural : "\(plural).\(group)" }

    static let pods = StorageKey(group: "", plural: "pods")
    static let namespaces = StorageKey(group: "", plural: "namespaces")
    static let nodes = StorageKey(group: "", plural: "nodes")
    static let podDisruptionBudgets = StorageKey(group: "policy", plural: "poddisruptionbudgets")
    static let statefulSets = StorageKey(group: "apps", plural: "statefulsets")
    static let deployments = StorageKey(group: "apps", plural: "deployments")
    static let services = StorageKey(group: "", plural: "services")
    static let secrets = StorageKey(group: "", plural: "secrets")
    static let customResourceDefinitions = StorageKey(group: "apiextensions.k8s.io", plural: "customresourcedefinitions")
}
