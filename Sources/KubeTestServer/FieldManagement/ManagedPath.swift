import KubeClient

/// One step of a path into an object, as server-side apply names it (`sigs.k8s.io/structured-merge-diff`):
/// a field of a map, an item of an associative list by its key fields, an item of a set list by its value, or
/// an item of a list by position.
enum ManagedPathElement: Sendable, Hashable {
    case field(String)
    /// The key fields of an associative list item (`k:{"name":"nginx"}`), in the list's key order.
    case key([(String, JSONValue)])
    case value(JSONValue)
    case index(Int)

    static func == (lhs: ManagedPathElement, rhs: ManagedPathElement) -> Bool {
        switch (lhs, rhs) {
        case (.field(let a), .field(let b)): a == b
        case (.key(let a), .key(let b)): a.map(\.0) == b.map(\.0) && a.map(\.1) == b.map(\.1)
        case (.value(let a), .value(let b)): a == b
        case (.index(let a), .index(let b)): a == b
        default: false
        }
    }

    func hash(into hasher: inout Hasher) {
        switch self {
        case .field(let name): hasher.combine(0); hasher.combine(name)
        case .key(let fields): hasher.combine(1); for (name, value) in fields { hasher.combine(name); hasher.combine(value) }
        case .value(let value): hasher.combine(2); hasher.combine(value)
        case .index(let index): hasher.combine(3); hasher.combine(index)
        }
    }

    /// The `fieldsV1` key: `f:name`, `k:{"name":"nginx"}`, `v:"value"`, `i:0`.
    var fieldsV1Key: String {
        switch self {
        case .field(let name): "f:" + name
        case .key(let fields):
            "k:{" + fields.map { JSONCoding.encode(.string($0.0)) + ":" + JSONCoding.encode($0.1) }.joined(separator: ",") + "}"
        case .value(let value): "v:" + JSONCoding.encode(value)
        case .index(let index): "i:\(index)"
        }
    }

    /// Parses a `fieldsV1` key; `nil` when it is not one.
    init?(fieldsV1Key key: String) {
        let body = String(key.dropFirst(2))
        switch key.prefix(2) {
        case "f:": self = .field(body)
        case "i:": guard let index = Int(body) else { return nil }; self = .index(index)
        case "v:": guard let value = try? JSONCoding.decode(body) else { return nil }; self = .value(value)
        case "k:":
            guard let object = try? JSONCoding.decode(body), let members = object.objectValue else { return nil }
            self = .key(members.keys.sorted().map { ($0, members[$0] ?? .null) })
        default: return nil
        }
    }

    /// How a conflict message prints the step: `.name`, `[name="nginx"]`, `[="value"]`, `[0]`.
    var description: String {
        switch self {
        case .field(let name): "." + name
        case .key(let fields): "[" + fields.map { "\($0.0)=\(JSONCoding.encode($0.1))" }.joined(separator: ",") + "]"
        case .value(let value): "[=\(JSONCoding.encode(value))]"
        case .index(let index): "[\(index)]"
        }
    }

    /// Whether this step names a list item (its membership is owned, not a value).
    var isListItem: Bool {
        switch self {
        case .key, .value: true
        default: false
        }
    }
}

/// A path from the root of an object to one owned field.
typealias ManagedPath = [ManagedPathElement]

extension Array where Element == ManagedPathElement {
    /// `.spec.containers[name="nginx"].image`.
    var managedDescription: String { map(\.description).joined() }

    func hasPrefix(_ prefix: ManagedPath) -> Bool {
        count >= prefix.count && Array(self[0..<prefix.count]) == prefix
    }
}
