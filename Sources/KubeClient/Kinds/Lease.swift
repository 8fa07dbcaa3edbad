/// `coordination.k8s.io/v1 Lease`: the lock of leader election. Times are MicroTime (six fractional digits).
/// Unmodelled fields survive updates (``PreservesUnknownFields``).
public struct Lease: Resource, PreservesUnknownFields, Hashable {
    public static let resource = ResourceDescription(group: "coordination.k8s.io", version: "v1", kind: "Lease", plural: "leases", isNamespaced: true)

    public var metadata: ObjectMeta
    public var spec: Spec?
    public var rawJSON: JSONValue? = nil

    enum CodingKeys: String, CodingKey { case metadata, spec }

    public init(metadata: ObjectMeta, spec: Spec? = nil) {
        self.metadata = metadata
        self.spec = spec
    }

    public struct Spec: Codable, Sendable, Hashable {
        public var holderIdentity: String?
        public var leaseDurationSeconds: Int?
        public var acquireTime: MicroTimestamp?
        public var renewTime: MicroTimestamp?
        public var leaseTransitions: Int?

        public init(
            holderIdentity: String? = nil, leaseDurationSeconds: Int? = nil, acquireTime: MicroTimestamp? = nil,
            renewTime: MicroTimestamp? = nil, leaseTransitions: Int? = nil
        ) {
            self.holderIdentity = holderIdentity
            self.leaseDurationSeconds = leaseDurationSeconds
            self.acquireTime = acquireTime
            self.renewTime = renewTime
            self.leaseTransitions = leaseTransitions
        }
    }
}
