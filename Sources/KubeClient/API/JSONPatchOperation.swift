import Foundation

/// One JSON patch (RFC 6902) operation. `path` is a JSON pointer such as `/metadata/finalizers/0` (escape `~` as
/// `~0` and `/` as `~1`; see ``pointer(_:)``).
public struct JSONPatchOperation: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case add, remove, replace, move, copy, test
    }

    public var op: Kind
    public var path: String
    public var value: JSONValue?
    public var from: String?

    public init(op: Kind, path: String, value: JSONValue? = nil, from: String? = nil) {
        self.op = op
        self.path = path
        self.value = value
        self.from = from
    }

    /// Fails the whole patch unless the value at `path` equals `value` (use `.null` to require absence of a value).
    public static func test(path: String, value: JSONValue) -> JSONPatchOperation { .init(op: .test, path: path, value: value) }
    public static func add(path: String, value: JSONValue) -> JSONPatchOperation { .init(op: .add, path: path, value: value) }
    public static func remove(path: String) -> JSONPatchOperation { .init(op: .remove, path: path) }
    public static func replace(path: String, value: JSONValue) -> JSONPatchOperation { .init(op: .replace, path: path, value: value) }
    public static func move(from: String, path: String) -> JSONPatchOperation { .init(op: .move, path: path, from: from) }
    public static func copy(from: String, path: String) -> JSONPatchOperation { .init(op: .copy, path: path, from: from) }

    /// A JSON pointer from unescaped keys: `pointer(["metadata", "annotations", "a/b"])` is
    /// `/metadata/annotations/a~1b`.
    public static func pointer(_ keys: [String]) -> String {
        keys.map { "/" + $0.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1") }.joined()
    }

    /// The operation as JSON.
    public var json: JSONValue {
        var object: [String: JSONValue] = ["op": .string(op.rawValue), "path": .string(path)]
        if let value { object["value"] = value }
        if let from { object["from"] = .string(from) }
        return .object(object)
    }
}
