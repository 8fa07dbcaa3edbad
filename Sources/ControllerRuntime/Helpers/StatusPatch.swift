import KubeClient

/// Decides whether a status write is needed and builds it: a status is sent only when it differs from the cached
/// one, as a JSON merge patch (RFC 7386) of just the differences (``JSONValue/mergePatch(from:to:)``: removed
/// members are sent as `null`, arrays whole; a `null` member counts as absent).
public enum StatusPatch {
    /// The merge patch `{"status": …}` that turns `cached` into `desired`, or `nil` when they are equal.
    public static func mergePatch(fromJSON cached: JSONValue?, toJSON desired: JSONValue) -> JSONValue? {
        guard let difference = JSONValue.mergePatch(from: cached ?? .null, to: desired) else { return nil }
        return ["status": difference]
    }

    /// The merge patch turning the encoded `cached` status into the encoded `desired`, or `nil` when equal.
    public static func mergePatch<Status: Encodable>(from cached: Status?, to desired: Status) throws -> JSONValue? {
        let cachedJSON: JSONValue? = try cached.map { try JSONValue(encoding: $0) }
        return try mergePatch(fromJSON: cachedJSON, toJSON: JSONValue(encoding: desired))
    }
}
