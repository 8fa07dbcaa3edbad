import KubeClient

/// One of this project's custom resources: `apiVersion`, `kind`, `metadata`, `spec` and an optional `status`.
///
/// A conforming kind declares its CRD (``definition``), its stored `metadata`, `spec` and `status`, and the
/// initializer; the address (``Resource/resource``) and the JSON coding come from here. Guarantees: the JSON always
/// carries this kind's `apiVersion` and `kind` (what the API server requires on create and writes on read), `status`
/// only when set; decoding takes `metadata`, `spec` and `status` and ignores the `apiVersion` and `kind` it reads.
public protocol RebalancingResource: Resource, Hashable {
    associatedtype Spec: Codable, Sendable, Hashable
    associatedtype Status: Codable, Sendable, Hashable

    /// The kind's CustomResourceDefinition.
    static var definition: CustomResourceDefinitionBuilder { get }
    var spec: Spec { get set }
    var status: Status? { get set }

    init(metadata: ObjectMeta, spec: Spec, status: Status?)
}

private enum RebalancingResourceCodingKeys: String, CodingKey {
    case apiVersion, kind, metadata, spec, status
}

extension RebalancingResource {
    public static var resource: ResourceDescription { definition.resource }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: RebalancingResourceCodingKeys.self)
        self.init(
            metadata: try container.decode(ObjectMeta.self, forKey: .metadata),
            spec: try container.decode(Spec.self, forKey: .spec),
            status: try container.decodeIfPresent(Status.self, forKey: .status)
        )
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: RebalancingResourceCodingKeys.self)
        try container.encode(Self.apiVersion, forKey: .apiVersion)
        try container.encode(Self.kind, forKey: .kind)
        try container.encode(metadata, forKey: .metadata)
        try container.encode(spec, forKey: .spec)
        try container.encodeIfPresent(status, forKey: .status)
    }
}
