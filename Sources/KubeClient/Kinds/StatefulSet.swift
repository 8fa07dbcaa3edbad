/// `apps/v1 StatefulSet` (subset): replicas, selector, pod template, status counters. Has a `/scale` subresource.
/// Unmodelled fields survive updates (``PreservesUnknownFields``).
public struct StatefulSet: Resource, PreservesUnknownFields, Hashable {
    public static let resource = ResourceDescription(group: "apps", version: "v1", kind: "StatefulSet", plural: "statefulsets", isNamespaced: true)

    public var metadata: ObjectMeta
    public var spec: Spec?
    public var status: Status?
    public var rawJSON: JSONValue? = nil

    enum CodingKeys: String, CodingKey { case metadata, spec, status }

    public init(metadata: ObjectMeta, spec: Spec? = nil, status: Status? = nil) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    public struct Spec: Codable, Sendable, Hashable {
        public var replicas: Int?
        public var selector: KubeLabelSelector
        public var serviceName: String?
        public var template: PodTemplateSpec
        /// `OrderedReady` (default) or `Parallel`.
        public var podManagementPolicy: String?

        public init(replicas: Int? = nil, selector: KubeLabelSelector, serviceName: String? = nil, template: PodTemplateSpec, podManagementPolicy: String? = nil) {
            self.replicas = replicas
            self.selector = selector
            self.serviceName = serviceName
            self.template = template
            self.podManagementPolicy = podManagementPolicy
        }
    }

    public struct Status: Codable, Sendable, Hashable {
        public var observedGeneration: Int64?
        public var replicas: Int?
        public var readyReplicas: Int?
        public var currentReplicas: Int?
        public var updatedReplicas: Int?
        public var availableReplicas: Int?
        public var currentRevision: String?
        public var updateRevision: String?

        public init(
            observedGeneration: Int64? = nil, replicas: Int? = nil, readyReplicas: Int? = nil, currentReplicas: Int? = nil,
            updatedReplicas: Int? = nil, availableReplicas: Int? = nil, currentRevision: String? = nil, updateRevision: String? = nil
        ) {
            self.observedGeneration = observedGeneration
            self.replicas = replicas
            self.readyReplicas = readyReplicas
            self.currentReplicas = currentReplicas
            self.updatedReplicas = updatedReplicas
            self.availableReplicas = availableReplicas
            self.currentRevision = currentRevision
            self.updateRevision = updateRevision
        }
    }
}
