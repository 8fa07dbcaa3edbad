import KubeClient

/// Everything the test API server knows about one kind it serves: built-in or from a CustomResourceDefinition.
///
/// Discovery, the OpenAPI documents, Table output, validation and storage are all derived from this one value, so
/// that registering a CRD changes every view of the server at once.
public struct RegisteredKind: Sendable, Hashable {
    /// The `scale` subresource's paths into the object, as a CRD declares them.
    public struct ScaleSubresource: Sendable, Hashable {
        public var specReplicasPath: String
        public var statusReplicasPath: String
        public var labelSelectorPath: String?

        public init(specReplicasPath: String = ".spec.replicas", statusReplicasPath: String = ".status.replicas", labelSelectorPath: String? = nil) {
            self.specReplicasPath = specReplicasPath
            self.statusReplicasPath = statusReplicasPath
            self.labelSelectorPath = labelSelectorPath
        }
    }

    /// One additional printer column (`kubectl get` output), as in a CRD's `additionalPrinterColumns`.
    public struct PrinterColumn: Sendable, Hashable {
        public var name: String
        /// `string`, `integer`, `number`, `boolean` or `date`.
        public var type: String
        public var format: String?
        public var jsonPath: String
        public var description: String
        public var priority: Int

        public init(name: String, type: String, format: String? = nil, jsonPath: String, description: String = "", priority: Int = 0) {
            self.name = name
            self.type = type
            self.format = format
            self.jsonPath = jsonPath
            self.description = description
            self.priority = priority
        }
    }

    public var resource: ResourceDescription
    /// Lower-case singular name (`nodeevacuation`).
    public var singular: String
    public var shortNames: [String]
    public var categories: [String]
    /// Whether `/status` is a subresource (status changes ignored on the main resource and vice versa).
    public var hasStatusSubresource: Bool
    public var scale: ScaleSubresource?
    /// The `openAPIV3Schema` of the kind; `nil` means anything is accepted and kept.
    public var schema: JSONValue?
    /// Empty means the default columns (`NAME`, `AGE`).
    public var printerColumns: [PrinterColumn]
    /// `true` for kinds served from a CustomResourceDefinition.
    public var isCustom: Bool

    public init(
        resource: ResourceDescription,
        singular: String? = nil,
        shortNames: [String] = [],
        categories: [String] = [],
        hasStatusSubresource: Bool = false,
        scale: ScaleSubresource? = nil,
        schema: JSONValue? = nil,
        printerColumns: [PrinterColumn] = [],
        isCustom: Bool = false
    ) {
        self.resource = resource
        self.singular = singular ?? resource.kind.lowercased()
        self.shortNames = shortNames
        self.categories = categories
        self.hasStatusSubresource = hasStatusSubresource
        self.scale = scale
        self.schema = schema
        self.printerColumns = printerColumns
        self.isCustom = isCustom
    }
}
