/// `core/v1 Service` (subset). Named `KubeService` because swift-service-lifecycle exports the `Service` protocol.
/// Unmodelled fields (e.g. `clusterIPs`, `ipFamilies`) survive updates.
public struct KubeService: Resource, PreservesUnknownFields, Hashable {
    public static let resource = ResourceDescription(group: "", version: "v1", kind: "Service", plural: "services", isNamespaced: true)

    public var metadata: ObjectMeta
    public var spec: Spec?
    public var rawJSON: JSONValue? = nil

    enum CodingKeys: String, CodingKey { case metadata, spec }

    public init(metadata: ObjectMeta, spec: Spec? = nil) {
        self.metadata = metadata
        self.spec = spec
    }

    public struct Spec: Codable, Sendable, Hashable {
        /// `ClusterIP` (default), `NodePort`, `LoadBalancer`, `ExternalName`.
        public var type: String?
        public var selector: [String: String]?
        public var ports: [Port]?
        /// `"None"` for a headless service.
        public var clusterIP: String?

        public init(type: String? = nil, selector: [String: String]? = nil, ports: [Port]? = nil, clusterIP: String? = nil) {
            self.type = type
            self.selector = selector
            self.ports = ports
            self.clusterIP = clusterIP
        }
    }

    public struct Port: Codable, Sendable, Hashable {
        public var name: String?
        public var port: Int
        public var targetPort: IntOrString?
        public var `protocol`: String?

        public init(name: String? = nil, port: Int, targetPort: IntOrString? = nil, protocol: String? = nil) {
            self.name = name
            self.port = port
            self.targetPort = targetPort
            self.protocol = `protocol`
        }
    }
}
