import KubeClient

/// JSON merge patch (RFC 7386), what `kubectl label`, `annotate` and `patch --type=merge` send
/// (`application/merge-patch+json`).
///
/// Objects merge recursively, `null` deletes a member, and anything else (arrays included) replaces the target
/// whole. A patch that is not an object replaces the document.
public enum JSONMergePatch {
    public static func apply(_ patch: JSONValue, to target: JSONValue) -> JSONValue {
        guard case .object(let patchMembers) = patch else { return patch }
        var result: [String: JSONValue]
        if case .object(let members) = target { result = members } else { result = [:] }
        for (key, value) in patchMembers {
            if case .null = value {
                result.removeValue(forKey: key)
            } else {
                result[key] = apply(value, to: result[key] ?? .null)
            }
        }
        return .object(result)
    }
}
