import Foundation

/// `core/v1 Secret`. `data` values are bytes (base64 on the wire). Unmodelled fields survive updates.
public struct Secret: Resource, PreservesUnknownFields, Hashable {
    public static let resource = ResourceDescription(group: "", version: "v1", kind: "Secret", plural: "secrets", isNamespaced: true)

    public var metadata: ObjectMeta
    public var type: String?
    public var data: [String: Data]?
    /// Write-only convenience: the server merges these into `data` and never returns them.
    public var stringData: [String: String]?
    public var rawJSON: JSONValue? = nil

    enum CodingKeys: String, CodingKey { case metadata, type, data, stringData }

    public init(metadata: ObjectMeta, type: String? = nil, data: [String: Data]? = nil, stringData: [String: String]? = nil) {
        self.metadata = metadata
        self.type = type
        self.data = data
        self.stringData = stringData
    }

    /// The value of `key` as UTF-8 text.
    public func string(_ key: String) -> String? {
        data?[key].flatMap { String(data: $0, encoding: .utf8) } ?? stringData?[key]
    }
}
