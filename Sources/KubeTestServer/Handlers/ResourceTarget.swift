import KubeClient

/// The kind and namespace a resource request addresses.
struct ResourceTarget: Sendable {
    var kind: RegisteredKind
    var namespace: String?
    var name: String?
}
