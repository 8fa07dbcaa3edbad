import Foundation
import KubeClient

/// Decides whether a status write is needed and builds it: a status is sent only when it differs from the cached
/// one, as a JSON merge patch (RFC 7386) of just the differences.
public enum StatusPatch {
    /// The merge patch `{"status": …}` that turns `cached` into `desired`, or `nil` when they are equal.
    public static func mergePatch(fromJSON cached: JSONValue?, toJSON desired: JSONValue) -> JSONValue? {
        guard let difference = diff(from: cached ?? .null, to: desired) else { return nil }
        return ["status": difference]
    }

    /// The merge patch turning the encoded `cached` status into the encoded `desired`, or `nil` when equal.
    public static func mergePatch<Status: Encodable>(from cached: Status?, to desired: Status) throws -> JSONValue? {
        let cachedJSON: JSONValue? = try cached.map { try encode($0) }
        return try mergePatch(fromJSON: cachedJSON, toJSON: encode(desired))
    }

    /// A JSON merge patch from `old` to `new`: changed members, `null` for removed ones; `nil` when equal. Arrays and
    /// scalars are replaced whole, as merge patch requires.
    public static func diff(from old: JSONValue, to new: JSONValue) -> JSONValue? {
        guard old != new else { return nil }
        guard case .object(let oldMembers) = old, case .object(let newMembers) = new else { return new }
        var patch: [String: JSONValue] = [:]
        for (key, oldValue) in oldMembers where newMembers[key] == nil && oldValue != .null {
            patch[key] = .null
        }
        for (key, newValue) in newMembers {
            if let oldValue = oldMembers[key] {
                if let nested = diff(from: oldValue, to: newValue) {
                    patch[key] = nested
                }
            } else if newValue != .null {
                patch[key] = newValue
            }
        }
        return patch.isEmpty ? nil : .object(patch)
    }

    /// Encodes `value` to a ``JSONValue`` (through JSON, so `Codable` customisations apply).
    public static func encode<Value: Encodable>(_ value: Value) throws -> JSONValue {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return try JSONDecoder().decode(JSONValue.self, from: encoder.encode(value))
    }
}
