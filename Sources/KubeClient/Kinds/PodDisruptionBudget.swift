/// `policy/v1 PodDisruptionBudget`: how many selected pods may be disrupted (evicted) at once.
/// Unmodelled fields survive updates (``PreservesUnknownFields``).
public struct PodDisruptionBudget: Resource, PreservesUnknownFields, Hashable {
    public static let resource = ResourceDescription(
        group: "policy", version: "v1", kind: "PodDisruptionBudget", plural: "poddisruptionbudgets", isNamespaced: true
    )

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
        /// A count (`2`) or a percentage (`"50%"`); set this or ``maxUnavailable``.
        public var minAvailable: IntOrString?
        public var maxUnavailable: IntOrString?
        /// An empty selector selects no pods for eviction purposes.
        public var selector: KubeLabelSelector?
        /// `IfHealthyBudget` (default) or `AlwaysAllow`.
        public var unhealthyPodEvictionPolicy: String?

        public init(minAvailable: IntOrString? = nil, maxUnavailable: IntOrString? = nil, selector: KubeLabelSelector? = nil, unhealthyPodEvictionPolicy: String? = nil) {
            self.minAvailable = minAvailable
            self.maxUnavailable = maxUnavailable
            self.selector = selector
            self.unhealthyPodEvictionPolicy = unhealthyPodEvictionPolicy
        }
    }

    public struct Status: Codable, Sendable, Hashable {
        public var observedGeneration: Int64?
        /// How many more pods may be evicted now; eviction answers 429 when this is 0.
        public var disruptionsAllowed: Int?
        public var currentHealthy: Int?
        public var desiredHealthy: Int?
        public var expectedPods: Int?
        /// Pods evicted but not yet gone, with the eviction time.
        public var disruptedPods: [String: Timestamp]?
        public var conditions: [Condition]?

        public init(
            observedGeneration: Int64? = nil, disruptionsAllowed: Int? = nil, currentHealthy: Int? = nil, desiredHealthy: Int? = nil,
            expectedPods: Int? = nil, disruptedPods: [String: Timestamp]? = nil, conditions: [Condition]? = nil
        ) {
            self.observedGeneration = observedGeneration
            self.disruptionsAllowed = disruptionsAllowed
            self.currentHealthy = currentHealthy
            self.desiredHealthy = desiredHealthy
            self.expectedPods = expectedPods
            self.disruptedPods = disruptedPods
            self.conditions = conditions
        }
    }
}
