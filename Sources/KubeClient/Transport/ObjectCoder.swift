import Foundation

/// Turns objects into request bodies and response bodies into objects, for one kind.
///
/// - Decoding a ``PreservesUnknownFields`` type records the JSON it came from in `rawJSON`.
/// - Encoding one that has `rawJSON` applies the typed changes to that JSON (see ``PreservesUnknownFields``).
/// - Bodies of the kind's own objects get `apiVersion` and `kind` when the Swift type leaves them out.
struct ObjectCoder: Sendable {
    var resource: ResourceDescription

    func decode<T: Decodable>(_ type: T.Type, from data: Data, path: String) throws(KubeClientError) -> T {
        let json: JSONValue
        do {
            json = try JSONValue(parsing: data)
        } catch {
            throw .decoding(type: String(describing: T.self), path: path, reason: "not JSON: \(error)")
        }
        return try decode(type, from: json, path: path)
    }

    func decode<T: Decodable>(_ type: T.Type, from json: JSONValue, path: String) throws(KubeClientError) -> T {
        do {
            var value = try json.decode(as: T.self)
            if var preserving = value as? any PreservesUnknownFields {
                preserving.rawJSON = json
                if let restored = preserving as? T { value = restored }
            }
            return value
        } catch {
            throw .decoding(type: String(describing: T.self), path: path, reason: Self.describe(error))
        }
    }

    /// A list body: `items` decoded one by one, `metadata` as ``ListMeta``.
    func decodeList<T: Decodable>(_ type: T.Type, from data: Data, path: String) throws(KubeClientError) -> ObjectList<T> {
        let json: JSONValue
        do {
            json = try JSONValue(parsing: data)
        } catch {
            throw .decoding(type: "list of \(T.self)", path: path, reason: "not JSON: \(error)")
        }
        var items: [T] = []
        for item in json["items"]?.arrayValue ?? [] {
            items.append(try decode(T.self, from: item, path: path))
        }
        let metadata: ListMeta
        do {
            metadata = try (json["metadata"] ?? .object([:])).decode(as: ListMeta.self)
        } catch {
            throw .decoding(type: "ListMeta", path: path, reason: Self.describe(error))
        }
        return ObjectList(items: items, metadata: metadata)
    }

    /// The JSON body for `object`, one of this kind's objects.
    func encodeObject<T: Codable>(_ object: T) throws(KubeClientError) -> Data {
        do {
            var json = try JSONValue(encoding: object)
            if let preserving = object as? any PreservesUnknownFields, let raw = preserving.rawJSON {
                let typedBefore = try JSONValue(encoding: try raw.decode(as: T.self))
                if let change = JSONValue.mergePatch(from: typedBefore, to: json) {
                    json = raw.applyingMergePatch(change)
                } else {
                    json = raw
                }
            }
            if case .object = json {
                if json["apiVersion"]?.stringValue == nil { json["apiVersion"] = .string(resource.apiVersion) }
                if json["kind"]?.stringValue == nil { json["kind"] = .string(resource.kind) }
            }
            return try json.jsonData()
        } catch let error as KubeClientError {
            throw error
        } catch {
            throw .encoding(type: String(describing: T.self), reason: Self.describe(error))
        }
    }

    /// The JSON body for anything else (options, patches, subresource objects).
    func encode(_ value: some Encodable) throws(KubeClientError) -> Data {
        do {
            return try JSONCoding.encoder.encode(value)
        } catch {
            throw .encoding(type: String(describing: type(of: value)), reason: Self.describe(error))
        }
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return "missing \(pathText(context.codingPath + [key]))"
        case DecodingError.typeMismatch(let type, let context):
            return "\(pathText(context.codingPath)) is not a \(type)"
        case DecodingError.valueNotFound(let type, let context):
            return "\(pathText(context.codingPath)) is null, expected \(type)"
        case DecodingError.dataCorrupted(let context):
            return "\(pathText(context.codingPath)): \(context.debugDescription)"
        default:
            return String(describing: error)
        }
    }

    private static func pathText(_ path: [any CodingKey]) -> String {
        path.isEmpty ? "the object" : path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingCharacters(in: CharacterSet(charactersIn: "."))
    }
}
