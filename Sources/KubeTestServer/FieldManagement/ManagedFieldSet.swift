import KubeClient

/// A set of owned fields: the paths of the leaves (scalars, atomic lists and maps, empty maps) and list items one
/// field manager set, with their `fieldsV1` form (`{"f:spec":{"f:replicas":{}}}`, `"."` marking a list item that is
/// owned itself and has owned fields below).
///
/// Fields no manager can own are left out: `apiVersion`, `kind`, and the server-managed metadata (`name`,
/// `namespace`, `uid`, `resourceVersion`, `generation`, `creationTimestamp`, `deletionTimestamp`,
/// `deletionGracePeriodSeconds`, `selfLink`, `managedFields`).
struct ManagedFieldSet: Sendable, Equatable {
    var paths: Set<ManagedPath> = []

    static let unownedMetadata: Set<String> = [
        "name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp",
        "deletionGracePeriodSeconds", "selfLink", "managedFields",
    ]

    var isEmpty: Bool { paths.isEmpty }

    /// The fields `object` sets, walked with the kind's list semantics.
    static func of(_ object: JSONValue, semantics: ListSemantics) -> ManagedFieldSet {
        var set = ManagedFieldSet()
        for (name, value) in object.objectValue ?? [:] where name != "apiVersion" && name != "kind" {
            let child = semantics.child(name, atRoot: true)
            if name == "metadata" {
                for (field, member) in value.objectValue ?? [:] where !unownedMetadata.contains(field) {
                    collect(member, semantics: child.child(field), path: [.field("metadata"), .field(field)], into: &set.paths)
                }
            } else {
                collect(value, semantics: child, path: [.field(name)], into: &set.paths)
            }
        }
        return set
    }

    private static func collect(_ value: JSONValue, semantics: ListSemantics, path: ManagedPath, into paths: inout Set<ManagedPath>) {
        switch value {
        case .object(let members) where !members.isEmpty && !semantics.isAtomicMap:
            for (name, member) in members {
                collect(member, semantics: semantics.child(name), path: path + [.field(name)], into: &paths)
            }
        case .array(let items) where !items.isEmpty && semantics.listKind != .atomic:
            let kind = semantics.listKind
            let elements = items.map { ListSemantics.itemElement($0, kind: kind) }
            guard elements.allSatisfy({ $0 != nil }) else {
                paths.insert(path)
                return
            }
            for (item, element) in zip(items, elements) {
                guard let element else { continue }
                paths.insert(path + [element])
                if case .map = kind, let members = item.objectValue {
                    for (name, member) in members {
                        collect(member, semantics: semantics.items.child(name), path: path + [element, .field(name)], into: &paths)
                    }
                }
            }
        default:
            paths.insert(path)
        }
    }

    // MARK: fieldsV1

    /// The `fieldsV1` tree of this set.
    var fieldsV1: JSONValue {
        var tree: JSONValue = [:]
        for path in paths {
            tree[path: path.map(\.fieldsV1Key)] = tree[path: path.map(\.fieldsV1Key)] ?? [:]
        }
        for path in paths {
            let keys = path.map(\.fieldsV1Key)
            if let node = tree[path: keys]?.objectValue, !node.isEmpty { tree[path: keys + ["."]] = [:] }
        }
        return tree
    }

    /// The set a `fieldsV1` tree describes; keys that are not field-set keys are ignored.
    init(fieldsV1 tree: JSONValue) {
        var paths: Set<ManagedPath> = []
        func walk(_ node: JSONValue, _ path: ManagedPath) {
            for (key, child) in node.objectValue ?? [:] {
                if key == "." {
                    if !path.isEmpty { paths.insert(path) }
                    continue
                }
                guard let element = ManagedPathElement(fieldsV1Key: key) else { continue }
                if child.objectValue?.isEmpty ?? true {
                    paths.insert(path + [element])
                } else {
                    walk(child, path + [element])
                }
            }
        }
        walk(tree, [])
        self.paths = paths
    }

    init(paths: Set<ManagedPath> = []) {
        self.paths = paths
    }

    // MARK: Paths in objects

    /// The value at `path` in `object`; `nil` when the object does not have it.
    static func value(at path: ManagedPath, in object: JSONValue) -> JSONValue? {
        var current: JSONValue? = object
        for element in path {
            guard let node = current else { return nil }
            switch element {
            case .field(let name): current = node[name]
            case .index(let index): current = node[index]
            case .value(let value): current = (node.arrayValue ?? []).contains(value) ? value : nil
            case .key(let fields): current = (node.arrayValue ?? []).first { item in fields.allSatisfy { item[$0.0] == $0.1 } }
            }
        }
        return current
    }

    /// `object` without the field or list item at `path`; containers left empty by the removal go too.
    static func removing(_ path: ManagedPath, from object: JSONValue) -> JSONValue {
        removing(path[...], from: object) ?? object
    }

    /// `nil` when the removal leaves `value` an empty container that was not empty before.
    private static func removing(_ path: ArraySlice<ManagedPathElement>, from value: JSONValue) -> JSONValue? {
        guard let first = path.first else { return value }
        let rest = path.dropFirst()
        switch (first, value) {
        case (.field(let name), .object(var members)):
            guard let child = members[name] else { return value }
            members[name] = rest.isEmpty ? nil : removing(rest, from: child)
            return members.isEmpty ? nil : .object(members)
        case (.index(let index), .array(var items)) where items.indices.contains(index):
            if rest.isEmpty { items.remove(at: index) } else if let updated = removing(rest, from: items[index]) { items[index] = updated } else { items.remove(at: index) }
            return items.isEmpty ? nil : .array(items)
        case (.value(let target), .array(var items)):
            items.removeAll { $0 == target }
            return items.isEmpty ? nil : .array(items)
        case (.key(let fields), .array(var items)):
            guard let index = items.firstIndex(where: { item in fields.allSatisfy { item[$0.0] == $0.1 } }) else { return value }
            if rest.isEmpty { items.remove(at: index) } else if let updated = removing(rest, from: items[index]) { items[index] = updated } else { items.remove(at: index) }
            return items.isEmpty ? nil : .array(items)
        default:
            return value
        }
    }
}
