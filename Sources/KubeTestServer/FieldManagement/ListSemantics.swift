import KubeClient

/// How server-side apply treats the lists and maps of a kind, read from its OpenAPI schema.
///
/// - A list is associative when its schema says `x-kubernetes-list-type: map` with `x-kubernetes-list-map-keys`, or
///   carries a strategic-merge key (`x-kubernetes-patch-merge-key`, as the built-in schemas here do: containers by
///   `name`, ports by `containerPort`, ...); a set with `x-kubernetes-list-type: set`; atomic otherwise (owned and
///   replaced whole).
/// - Maps are granular (each key owned apart) unless `x-kubernetes-map-type: atomic`. Fields the schema does not
///   describe (preserve-unknown-fields) are granular maps and atomic lists.
/// - `metadata` follows ObjectMeta: `labels` and `annotations` are granular maps, `finalizers` a set,
///   `ownerReferences` a list keyed by `uid`.
struct ListSemantics: Sendable {
    enum ListKind: Sendable, Equatable {
        case atomic
        case set
        case map(keys: [String])
    }

    /// The schema node being walked (`nil` when unknown).
    var schema: JSONValue?

    static func root(_ kindSchema: JSONValue?) -> ListSemantics { ListSemantics(schema: kindSchema) }

    static let metadata = ListSemantics(schema: [
        "type": "object",
        "properties": [
            "labels": ["type": "object", "additionalProperties": ["type": "string"]],
            "annotations": ["type": "object", "additionalProperties": ["type": "string"]],
            "finalizers": ["type": "array", "items": ["type": "string"], "x-kubernetes-list-type": "set"],
            "ownerReferences": ["type": "array", "items": ["type": "object"], "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["uid"]],
        ],
    ])

    /// The semantics of member `name` of this map.
    func child(_ name: String, atRoot: Bool = false) -> ListSemantics {
        if atRoot, name == "metadata" { return .metadata }
        if let property = schema?["properties"]?[name] { return ListSemantics(schema: property) }
        if let additional = schema?["additionalProperties"], additional.objectValue != nil { return ListSemantics(schema: additional) }
        return ListSemantics(schema: nil)
    }

    /// The semantics of this list's items.
    var items: ListSemantics { ListSemantics(schema: schema?["items"]) }

    var listKind: ListKind {
        guard let schema else { return .atomic }
        switch schema["x-kubernetes-list-type"]?.stringValue {
        case "set": return .set
        case "map":
            let keys = (schema["x-kubernetes-list-map-keys"]?.arrayValue ?? []).compactMap(\.stringValue)
            return keys.isEmpty ? .atomic : .map(keys: keys.sorted())
        case "atomic": return .atomic
        default:
            if let key = schema["x-kubernetes-patch-merge-key"]?.stringValue, schema["x-kubernetes-patch-strategy"]?.stringValue?.contains("merge") == true {
                return .map(keys: [key])
            }
            return .atomic
        }
    }

    var isAtomicMap: Bool { schema?["x-kubernetes-map-type"]?.stringValue == "atomic" }

    /// The path step naming `item` in a list of this kind; `nil` for atomic lists or items without their keys.
    static func itemElement(_ item: JSONValue, kind: ListKind) -> ManagedPathElement? {
        switch kind {
        case .atomic: return nil
        case .set: return .value(item)
        case .map(let keys):
            var fields: [(String, JSONValue)] = []
            for key in keys {
                guard let value = item[key] else { continue }
                fields.append((key, value))
            }
            return fields.isEmpty ? nil : .key(fields)
        }
    }
}
