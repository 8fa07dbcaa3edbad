extension JSONValue {
    /// Applies a JSON merge patch (RFC 7386): objects merge recursively, `null` removes a member, anything else
    /// (arrays included) replaces the target whole.
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

    /// The merge patch that turns `old` into `new`, or `nil` when they are equal.
    ///
    /// Members present in `old` and absent in `new` become `null`; changed arrays are sent whole. A `null` *value* in
    /// `new` cannot be expressed by a merge patch and is sent as a removal.
    public static func mergePatch(from old: JSONValue, to new: JSONValue) -> JSONValue? {
        guard old != new else { return nil }
        guard case .object(let oldMembers) = old, case .object(let newMembers) = new else { return new }
        var patch: [String: JSONValue] = [:]
        for key in oldMembers.keys where newMembers[key] == nil {
            patch[key] = .null
        }
        for (key, newValue) in newMembers {
            if let oldValue = oldMembers[key] {
                if let change = mergePatch(from: oldValue, to: newValue) { patch[key] = change }
            } else {
                patch[key] = newValue
            }
        }
        return .object(patch)
    }
}
