/// `core/v1 Node` (cluster-scoped), with cordon state, taints and conditions. Named `KubeNode` because Yams (used
/// alongside) exports a `Node`.
/// Unmodelled fields survive updates (``PreservesUnknownFields``).
public struct KubeNode: Resource, PreservesUnknownFields, Hashable {
    public static let resource = ResourceDescription(group: "", version: "v1", kind: "Node", plural: "nodes", isNamespaced: false)

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
        /// `true` once cordoned: no new pods are scheduled here.
        public var unschedulable: Bool?
        public var taints: [Taint]?

        public init(unschedulable: Bool? = nil, taints: [Taint]? = nil) {
            self.unschedulable = unschedulable
            self.taints = taints
        }
    }

    public struct Taint: Codable, Sendable, Hashable {
        public var key: String
        public var value: String?
        /// `NoSchedule`, `PreferNoSchedule` or `NoExecute`.
        public var effect: String
        public var timeAdded: Timestamp?

        public init(key: String, value: String? = nil, effect: String, timeAdded: Timestamp? = nil) {
            self.key = key
            self.value = value
            self.effect = effect
            self.timeAdded = timeAdded
        }
    }

    public struct Status: Codable, Sendable, Hashable {
        public var conditions: [NodeCondition]?

        public init(conditions: [NodeCondition]? = nil) {
            self.conditions = conditions
        }
    }

    public struct NodeCondition: Codable, Sendable, Hashable {
        /// e.g. `Ready`, `MemoryPressure`.
        public var type: String
        public var status: String
        public var reason: String?
        public var message: String?

        public init(type: String, status: String, reason: String? = nil, message: String? = nil) {
            self.type = type
            self.status = status
            self.reason = reason
            self.message = message
        }
    }

    /// Whether the node is cordoned (`spec.unschedulable`).
    public var isUnschedulable: Bool { spec?.unschedulable == true }
}
