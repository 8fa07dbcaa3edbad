import Foundation

/// Decoding helpers for fields whose JSON type differs between EMQX versions.
extension KeyedDecodingContainer {
    /// A number sent as a JSON number (integer or float) or as a numeric string; `nil` when absent, null or not
    /// numeric. EMQX 4.x sent node load figures as strings ("0.15"); 5.x sends numbers.
    func lenientDouble(_ key: Key) -> Double? {
        if let value = try? decodeIfPresent(Double.self, forKey: key) { return value }
        if let text = try? decodeIfPresent(String.self, forKey: key) { return Double(text) }
        return nil
    }

    /// An integer sent as a JSON number (a float is truncated) or a numeric string, with an optional binary unit
    /// suffix (`K`, `M`, `G`, `T`, as EMQX 4.x printed memory: "1.5G"); `nil` when absent or not numeric.
    func lenientInt64(_ key: Key) -> Int64? {
        if let value = try? decodeIfPresent(Int64.self, forKey: key) { return value }
        if let value = try? decodeIfPresent(Double.self, forKey: key) { return value.isFinite ? Int64(value) : nil }
        guard var text = try? decodeIfPresent(String.self, forKey: key) else { return nil }
        text = text.trimmingCharacters(in: .whitespaces)
        let units: [Character: Double] = ["K": 1024, "M": 1024 * 1024, "G": 1024 * 1024 * 1024, "T": 1024 * 1024 * 1024 * 1024]
        var factor = 1.0
        if let last = text.last, let unit = units[Character(last.uppercased())] {
            factor = unit
            text.removeLast()
        }
        guard let number = Double(text), number.isFinite else { return nil }
        return Int64(number * factor)
    }

    /// An integer that must be present, accepting a float (EMQX's averages are floats where the schema says integer).
    func flexibleInt64(_ key: Key) throws -> Int64 {
        if let value = try? decode(Int64.self, forKey: key) { return value }
        let value = try decode(Double.self, forKey: key)
        guard value.isFinite else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "not a finite number")
        }
        return Int64(value)
    }

    /// A string list; absent or null gives `[]`.
    func stringList(_ key: Key) throws -> [String] {
        try decodeIfPresent([String].self, forKey: key) ?? []
    }
}
