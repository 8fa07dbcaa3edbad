import KubeClient

/// What the reconcilers need of a broker Pod: identity, placement and readiness.
public struct BrokerPod: Sendable, Hashable {
    public var name: String
    public var namespace: String
    public var uid: String
    /// The Kubernetes node it is scheduled on (`spec.nodeName`).
    public var nodeName: String?
    public var podIP: String?
    /// `spec.subdomain`: the headless Service a StatefulSet pod is addressed through.
    public var subdomain: String?
    public var labels: [String: String]
    public var isReady: Bool
    public var isTerminating: Bool

    public init(name: String, namespace: String, uid: String, nodeName: String? = nil, podIP: String? = nil, subdomain: String? = nil, labels: [String: String] = [:], isReady: Bool = true, isTerminating: Bool = false) {
        self.name = name
        self.namespace = namespace
        self.uid = uid
        self.nodeName = nodeName
        self.podIP = podIP
        self.subdomain = subdomain
        self.labels = labels
        self.isReady = isReady
        self.isTerminating = isTerminating
    }
}
