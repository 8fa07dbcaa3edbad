/// `core/v1 Namespace` (cluster-scoped). Unmodelled fields survive updates (``PreservesUnknownFields``).
public struct Namespace: Resource, PreservesUnknownFields, Hashable {
    public static let resource = ResourceDescription(group: "", version: "v1", kind: "Namespace", plural: "namespaces", isNamespaced: false)

    public var metadata: ObjectMeta
    public var status: Status?
    public var rawJSON: JSONValue? = nil

    enum CodingKeys: String, CodingKey { case metadata, status }

    public init(metadata: ObjectMeta, status: Status? = nil) {
        self.metadata = metadata
        self.status = status
    }

    public struct Status: Codable, Sendable, Hashable {
        /// `Active` or `Terminating`.
        public var phase: String?

        public init(phase: String? = nil) {
            self.phase = phase
        }
    }
}
