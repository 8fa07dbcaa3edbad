/// `policy/v1 Eviction`: the body POSTed to `pods/<name>/eviction`; the server honours PodDisruptionBudgets (429
/// when none may be disrupted).
public struct Eviction: KubernetesObject, Hashable {
    public var apiVersion: String? = "policy/v1"
    public var kind: String? = "Eviction"
    /// The pod's name and namespace; the name must equal the one in the URL.
    public var metadata: ObjectMeta
    public var deleteOptions: DeleteOptions?

    public init(podName: String, namespace: String?, deleteOptions: DeleteOptions? = nil) {
        self.metadata = ObjectMeta(name: podName, namespace: namespace)
        self.deleteOptions = deleteOptions
    }
}
