import KubeClient

/// One JSON Patch (RFC 6902) operation, as the helpers of this module build them.
///
/// Stand-in until KubeClient's `JSONPatchOperation` lands; ``json`` is the wire form, so either can send it.
public enum PatchOperation: Sendable, Hashable {
    case test(path: String, value: JSONValue)
    case add(path: String, value: JSONValue)
    case remove(path: String)
    case replace(path: String, value: JSONValue)

    /// The operation as a JSON object (`{"op": "test", "path": …, "value": …}`).
    public var json: JSONValue {
        switch self {
        case .test(let path, let value): ["op": "test", "path": .string(path), "value": value]
        case .add(let path, let value): ["op": "add", "path": .string(path), "value": value]
        case .remove(let path): ["op": "remove", "path": .string(path)]
        case .replace(let path, let value): ["op": "replace", "path": .string(path), "value": value]
        }
    }

    /// A patch document: the operations as a JSON array.
    public static func document(_ operations: [PatchOperation]) -> JSONValue {
        .array(operations.map(\.json))
    }

    /// Escapes a JSON Pointer reference token (`~` → `~0`, `/` → `~1`).
    public static func escape(_ token: String) -> String {
        token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }
}
