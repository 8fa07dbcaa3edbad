/// `autoscaling/v1 Scale`: the `/scale` subresource of workloads (StatefulSet) and CRDs that define it.
public struct Scale: KubernetesObject, Hashable {
    public var apiVersion: String? = "autoscaling/v1"
    public var kind: String? = "Scale"
    public var metadata: ObjectMeta
    public var spec: Spec
    public var status: Status?

    public init(metadata: ObjectMeta, replicas: Int) {
        self.metadata = metadata
        self.spec = Spec(replicas: replicas)
    }

    public struct Spec: Codable, Sendable, Hashable {
        public var replicas: Int?

        public init(replicas: Int? = nil) {
            self.replicas = replicas
        }
    }

    public struct Status: Codable, Sendable, Hashable {
        public var replicas: Int
        /// The label selector of the scaled pods, in query syntax.
        public var selector: String?

        public init(replicas: Int, selector: String? = nil) {
            self.replicas = replicas
            self.selector = selector
        }
    }
}
