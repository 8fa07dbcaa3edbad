import Foundation

extension JSONValue {
    /// The JSON form of an encodable value (e.g. a typed resource), with integers kept apart from floats.
    public init(encoding value: some Encodable) throws {
        let data = try JSONCoding.encoder.encode(value)
        self = try JSONParser.parse(data)
    }

    /// Parses JSON text (see ``JSONParser``).
    public init(parsing data: Data) throws(JSONParseError) {
        self = try JSONParser.parse(data)
    }

    /// Decodes this JSON as `type`, e.g. an object held by a ``DynamicObject`` as a typed resource.
    public func decode<T: Decodable>(as type: T.Type = T.self) throws -> T {
        try JSONValueDecoder.decode(T.self, from: self)
    }

    /// Compact JSON text with sorted keys (stable across runs).
    public func jsonData() throws -> Data {
        try JSONCoding.encoder.encode(self)
    }
}

/// The JSON encoder settings used for everything sent to the API server.
enum JSONCoding {
    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
