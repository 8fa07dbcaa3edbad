import Foundation

/// `core/v1 ConfigMap`. Unmodelled fields survive updates (``PreservesUnknownFields``).
public struct ConfigMap: Resource, PreservesUnknownFields, Hashable {
    public static let resource = ResourceDescription(group: "", version: "v1", kind: "ConfigMap", plural: "configmaps", isNamespaced: true)

    public var metadata: ObjectMeta
    public var data: [String: String]?
    public var binaryData: [String: Data]?
    public var rawJSON: JSONValue? = nil

    enum CodingKeys: String, CodingKey { case metadata, data, binaryData }

    public init(metadata: ObjectMeta, data: [String: String]? = nil, binaryData: [String: Data]? = nil) {
        self.metadata = metadata
        self.data = data
        self.binaryData = binaryData
    }
}
