/// An object of any kind held as JSON: custom resources without a Swift type, or any object when every field must
/// survive unchanged.
///
/// ``metadata`` is a typed view of `json["metadata"]`. Reading it never fails (malformed metadata reads as empty);
/// setting it changes only the members ``ObjectMeta`` models, so `managedFields` and other unmodelled metadata stay.
public struct DynamicObject: KubernetesObject, Hashable {
    /// The whole object.
    public var json: JSONValue

    public init(json: JSONValue) {
        self.json = json
    }

    /// An object of `resource`'s kind with the given metadata and the other top-level members of `body`.
    public init(resource: ResourceDescription, metadata: ObjectMeta, body: [String: JSONValue] = [:]) {
        var members = body
        members["apiVersion"] = .string(resource.apiVersion)
        members["kind"] = .string(resource.kind)
        self.json = .object(members)
        self.metadata = metadata
    }

    /// The JSON form of a typed object.
    public init(_ object: some Encodable) throws {
        self.json = try JSONValue(encoding: object)
    }

    public init(from decoder: any Decoder) throws {
        json = try JSONValue(from: decoder)
    }

    public func encode(to encoder: any Encoder) throws {
        try json.encode(to: encoder)
    }

    public var metadata: ObjectMeta {
        get { (try? (json["metadata"] ?? .object([:])).decode(as: ObjectMeta.self)) ?? ObjectMeta() }
        set {
            let old = json["metadata"] ?? .object([:])
            let oldTyped = (try? JSONValue(encoding: (try? old.decode(as: ObjectMeta.self)) ?? ObjectMeta())) ?? .object([:])
            let newTyped = (try? JSONValue(encoding: newValue)) ?? .object([:])
            if let patch = JSONValue.mergePatch(from: oldTyped, to: newTyped) {
                json["metadata"] = old.applyingMergePatch(patch)
            }
        }
    }

    public var apiVersion: String? { json["apiVersion"]?.stringValue }
    public var kind: String? { json["kind"]?.stringValue }

    /// The value at a path of object keys, e.g. `object[path: ["spec", "replicas"]]`.
    public subscript(path path: [String]) -> JSONValue? {
        get { json[path: path] }
        set { json[path: path] = newValue }
    }

    /// The object decoded as a typed resource.
    public func decode<T: Decodable>(as type: T.Type = T.self) throws -> T {
        try json.decode(as: type)
    }
}
