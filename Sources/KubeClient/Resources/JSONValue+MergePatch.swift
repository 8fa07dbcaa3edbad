extension JSONValue {
    /// Applies a JSON merge patch (RFC 7386 §2), what `kubectl patch --type=merge`, `label` and `annotate` send
    /// (`application/merge-patch+json`), and what the API server applies.
    ///
    /// ## Guarantees (RFC 7386)
    /// - A patch that is not an object replaces the target whole (arrays included: they are never merged).
    /// - An object patch merges member by member into the target (a non-object target counts as `{}`); a `null`
    ///   member removes that key; any other member is applied recursively, so `null`s nested in an added object
    ///   are dropped too.
    public func applyingMergePatch(_ patch: JSONValue) -> JSONValue {
        guard case .object(let patchMembers) = patch else { return patch }
        var members = objectValue ?? [:]
        for (key, value) in patchMembers {
            if value.isNull {
                members.removeValue(forKey: key)
            } else {
                members[key] = (members[key] ?? .null).applyingMergePatch(value)
            }
        }
        return .object(members)
    }

    /// The JSON merge patch (RFC 7386) that turns `old` into `new`, or `nil` when applying one would change nothing.
    ///
    /// ## Guarantees
    /// - `old.applyingMergePatch(patch)` equals `new` once `null` object members are dropped from both: a merge
    ///   patch cannot set a member to `null`, so a `null` member counts as absent, in `old` and in `new`.
    /// - A key present (and not `null`) in `old` and absent or `null` in `new` is sent as `null`, which removes it.
    /// - Objects are compared member by member and only changed members are sent; arrays and scalars that changed
    ///   are sent whole. When `old` or `new` is not an object, the patch is `new` itself.
    public static func mergePatch(from old: JSONValue, to new: JSONValue) -> JSONValue? {
        guard case .object(let oldMembers) = old, case .object(let newMembers) = new else {
            // Not `old == new ? nil : new`: JSONValue is ExpressibleByNilLiteral, so that `nil` would be `.null`.
            if old == new { return nil }
            return new
        }
        var patch: [String: JSONValue] = [:]
        for (key, oldValue) in oldMembers where !oldValue.isNull && (newMembers[key]?.isNull ?? true) {
            patch[key] = .null
        }
        for (key, newValue) in newMembers where !newValue.isNull {
            if let oldValue = oldMembers[key], !oldValue.isNull {
                if let change = mergePatch(from: oldValue, to: newValue) { patch[key] = change }
            } else {
                patch[key] = newValue
            }
        }
        return patch.isEmpty ? nil : .object(patch)
    }
}
