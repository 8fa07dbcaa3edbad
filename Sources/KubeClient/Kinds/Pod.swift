/// `core/v1 Pod`, with the fields this project reads: where it runs, whether it is Ready, who owns it.
/// Unmodelled fields survive updates (``PreservesUnknownFields``).
public struct Pod: Resource, PreservesUnknownFields, Hashable {
    public static let resource = ResourceDescription(group: "", version: "v1", kind: "Pod", plural: "pods", isNamespaced: true)

    public var metadata: ObjectMeta
    public var spec: PodSpec?
    public var status: Status?
    public var rawJSON: JSONValue? = nil

    enum CodingKeys: String, CodingKey { case metadata, spec, status }

    public init(metadata: ObjectMeta, spec: PodSpec? = nil, status: Status? = nil) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    public struct Status: Codable, Sendable, Hashable {
        /// `Pending`, `Running`, `Succeeded`, `Failed` or `Unknown`.
        public var phase: String?
        public var podIP: String?
        public var hostIP: String?
        public var conditions: [PodCondition]?
        public var startTime: Timestamp?

        public init(phase: String? = nil, podIP: String? = nil, hostIP: String? = nil, conditions: [PodCondition]? = nil, startTime: Timestamp? = nil) {
            self.phase = phase
            self.podIP = podIP
            self.hostIP = hostIP
            self.conditions = conditions
            self.startTime = startTime
        }
    }

    /// Whether the `Ready` condition is `True`.
    public var isReady: Bool {
        status?.conditions?.contains { $0.type == "Ready" && $0.status == "True" } == true
    }
}
