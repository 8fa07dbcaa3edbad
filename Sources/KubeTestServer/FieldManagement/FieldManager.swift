import KubeClient

/// Server-side field ownership (`metadata.managedFields`) and server-side apply, kept as simple as is correct for
/// the kinds this server serves.
///
/// ## Guarantees
/// - Every create, update and patch records an `Update` entry for its manager (`fieldManager`, or the User-Agent's
///   product name as on a real server) holding the fields the write set or changed; those fields leave every other
///   manager's entries. A write that changes nothing leaves `managedFields` as it was.
/// - An apply (`application/apply-patch+yaml`) owns exactly the fields of its configuration in its `Apply` entry.
///   Fields it applied before and no longer applies are removed from the object unless another manager owns them
///   (or something below them).
/// - Changing a field another manager owns is a 409 Conflict listing each manager and field (causes of type
///   `FieldManagerConflict`), unless `force=true`, which takes the fields over. Applying the value a field already
///   has shares its ownership and is no conflict.
/// - Lists and maps follow ``ListSemantics``: associative lists merge item by item by their keys, sets by value,
///   atomic lists and maps are replaced and owned whole.
/// - On the main resource of a kind with a status subresource `status` is neither applied nor owned; on `/status`
///   only `status` is (the real strategies' reset fields).
///
/// Fidelity: `fieldsV1` marks a node with `"."` only when it is a list item with owned fields below; the real server
/// also marks maps that an Update added. Managed fields sent by a client are ignored rather than validated.
enum FieldManager {
    /// The manager name of a request: `fieldManager`, or the User-Agent up to its first `/` (`kubectl-edit`,
    /// `OpenAPI-Generator`), as the real server defaults it.
    static func manager(fieldManager: String?, userAgent: String) -> String {
        if let fieldManager, !fieldManager.isEmpty { return fieldManager }
        return String(userAgent.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
    }

    /// The part of `object` a write through `subresource` may change (see the guarantees).
    static func scope(_ object: JSONValue, kind: RegisteredKind, subresource: String?) -> JSONValue {
        guard kind.hasStatusSubresource else { return object }
        if subresource == "status" {
            var scoped: JSONValue = [:]
            scoped["status"] = object["status"]
            return scoped
        }
        return object.removing("status")
    }

    /// `new` with managedFields recording an `Update` by `manager` (from `old`'s entries; `old` is `nil` on create).
    static func recordUpdate(old: JSONValue?, new: JSONValue, manager: String, kind: RegisteredKind, subresource: String?, now: String) -> JSONValue {
        let semantics = ListSemantics.root(kind.schema)
        var entries = old.map(ManagedFieldsEntry.entries(of:)) ?? []
        let written = ManagedFieldSet.of(scope(new, kind: kind, subresource: subresource), semantics: semantics)
        let changed = written.paths.filter { path in
            let before = old.flatMap { ManagedFieldSet.value(at: path, in: $0) }
            if path.last?.isListItem == true { return before == nil }
            return before != ManagedFieldSet.value(at: path, in: new)
        }
        if !changed.isEmpty {
            for index in entries.indices where !entries[index].isSlot(manager: manager, operation: .update, subresource: subresource) {
                entries[index].fields.paths.subtract(changed)
            }
            if let index = entries.firstIndex(where: { $0.isSlot(manager: manager, operation: .update, subresource: subresource) }) {
                entries[index].fields.paths.formUnion(changed)
                entries[index].time = now
                entries[index].apiVersion = kind.resource.apiVersion
            } else {
                entries.append(ManagedFieldsEntry(manager: manager, operation: .update, apiVersion: kind.resource.apiVersion, time: now,
                                                  subresource: subresource, fields: ManagedFieldSet(paths: Set(changed))))
            }
        }
        return ManagedFieldsEntry.setting(pruned(entries, against: new), on: new)
    }

    /// Applies `configuration` to `live` for `manager`: the merged object with its managedFields, or 409 on
    /// conflicts (unless `force`). `live` is `nil` when the apply creates the object.
    static func apply(_ configuration: JSONValue, to live: JSONValue?, manager: String, force: Bool, kind: RegisteredKind,
                      subresource: String?, now: String) throws(APIError) -> JSONValue {
        let semantics = ListSemantics.root(kind.schema)
        var applied = scope(configuration, kind: kind, subresource: subresource)
        if applied["metadata"] != nil { applied[path: ["metadata", "managedFields"]] = nil }
        let appliedSet = ManagedFieldSet.of(applied, semantics: semantics)
        let base = live ?? [:]
        var entries = ManagedFieldsEntry.entries(of: base)
        var merged = merge(base, applied, semantics: semantics, atRoot: true)
        if live == nil {
            merged["apiVersion"] = configuration["apiVersion"]
            merged["kind"] = configuration["kind"]
        }

        let changed = appliedSet.paths.filter { path in
            path.last?.isListItem != true && ManagedFieldSet.value(at: path, in: base) != ManagedFieldSet.value(at: path, in: merged)
        }
        let slot = entries.firstIndex { $0.isSlot(manager: manager, operation: .apply, subresource: subresource) }
        var conflicts: [(ManagedFieldsEntry, [ManagedPath])] = []
        for index in entries.indices where index != slot {
            let owned = changed.filter { entries[index].fields.paths.contains($0) }
            guard !owned.isEmpty else { continue }
            conflicts.append((entries[index], owned.sorted { $0.managedDescription < $1.managedDescription }))
            if force { entries[index].fields.paths.subtract(owned) }
        }
        if !conflicts.isEmpty, !force { throw conflictError(conflicts) }

        let previous = slot.map { entries[$0].fields.paths } ?? []
        let ownedByOthers = entries.indices.filter { $0 != slot }.flatMap { entries[$0].fields.paths }
        for path in previous.subtracting(appliedSet.paths).sorted(by: { $0.count > $1.count }) {
            guard !ownedByOthers.contains(where: { $0.hasPrefix(path) }) else { continue }
            merged = ManagedFieldSet.removing(path, from: merged)
        }

        if let slot {
            if entries[slot].fields != appliedSet || entries[slot].apiVersion != kind.resource.apiVersion {
                entries[slot].fields = appliedSet
                entries[slot].time = now
                entries[slot].apiVersion = kind.resource.apiVersion
            }
        } else {
            entries.append(ManagedFieldsEntry(manager: manager, operation: .apply, apiVersion: kind.resource.apiVersion, time: now,
                                              subresource: subresource, fields: appliedSet))
        }
        return ManagedFieldsEntry.setting(pruned(entries, against: merged), on: merged)
    }

    /// `configuration` merged into `live`: maps key by key, associative lists item by item, sets by value, anything
    /// else (scalars, atomic lists and maps) replaced; a `null` removes the field.
    static func merge(_ live: JSONValue, _ configuration: JSONValue, semantics: ListSemantics, atRoot: Bool = false) -> JSONValue {
        switch (live, configuration) {
        case (.object(var members), .object(let applied)) where !semantics.isAtomicMap:
            for (name, value) in applied {
                if atRoot, name == "apiVersion" || name == "kind" { continue }
                if value.isNull {
                    members[name] = nil
                } else if let existing = members[name] {
                    members[name] = merge(existing, value, semantics: semantics.child(name, atRoot: atRoot))
                } else {
                    members[name] = value
                }
            }
            return .object(members)
        case (.array(let items), .array(let applied)):
            switch semantics.listKind {
            case .atomic:
                return configuration
            case .set:
                return .array(items + applied.filter { !items.contains($0) })
            case .map(let keys):
                var result = items
                for item in applied {
                    guard let element = ListSemantics.itemElement(item, kind: .map(keys: keys)) else { return configuration }
                    if let index = result.firstIndex(where: { ListSemantics.itemElement($0, kind: .map(keys: keys)) == element }) {
                        result[index] = merge(result[index], item, semantics: semantics.items)
                    } else {
                        result.append(item)
                    }
                }
                return .array(result)
            }
        default:
            return configuration
        }
    }

    /// `object` with its own managedFields pruned (after admission dropped or defaulted fields).
    static func pruningEntries(of object: JSONValue) -> JSONValue {
        guard object[path: ["metadata", "managedFields"]] != nil else { return object }
        return ManagedFieldsEntry.setting(pruned(ManagedFieldsEntry.entries(of: object), against: object), on: object)
    }

    /// Each entry without the paths `object` no longer has; entries left with nothing are dropped.
    static func pruned(_ entries: [ManagedFieldsEntry], against object: JSONValue) -> [ManagedFieldsEntry] {
        entries.compactMap { entry in
            var kept = entry
            kept.fields.paths = entry.fields.paths.filter { ManagedFieldSet.value(at: $0, in: object) != nil }
            return kept.fields.isEmpty ? nil : kept
        }
    }

    /// The real server's apply conflict: 409 Conflict, one `FieldManagerConflict` cause per manager and field.
    static func conflictError(_ conflicts: [(ManagedFieldsEntry, [ManagedPath])]) -> APIError {
        let total = conflicts.reduce(0) { $0 + $1.1.count }
        var blocks: [String] = []
        var causes: [JSONValue] = []
        for (entry, paths) in conflicts {
            let owner = "\"\(entry.manager)\" using \(entry.apiVersion)"
            if paths.count == 1, let only = paths.first {
                blocks.append("conflict with \(owner): \(only.managedDescription)")
            } else {
                blocks.append("conflicts with \(owner):\n" + paths.map { "- " + $0.managedDescription }.joined(separator: "\n"))
            }
            for path in paths {
                causes.append(["reason": "FieldManagerConflict", "message": .string("conflict with \(owner)"), "field": .string(path.managedDescription)])
            }
        }
        let message = "Apply failed with \(total) conflict\(total == 1 ? "" : "s"): " + blocks.joined(separator: "\n")
        return APIError(code: 409, reason: "Conflict", message: message, details: ["causes": .array(causes)])
    }
}
