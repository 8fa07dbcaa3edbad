import KubeClient

extension JSONValue {
    /// The value at a list of pointer tokens (object keys or decimal array indices), `nil` when absent.
    func value(at tokens: [String]) -> JSONValue? {
        var current = self
        for token in tokens {
            switch current {
            case .object(let members):
                guard let next = members[token] else { return nil }
                current = next
            case .array(let elements):
                guard let index = Int(token), elements.indices.contains(index), token == String(index) else { return nil }
                current = elements[index]
            default:
                return nil
            }
        }
        return current
    }

    /// Replaces the value at existing `tokens` (every step must exist).
    mutating func setValue(_ newValue: JSONValue, at tokens: [String]) {
        guard let first = tokens.first else {
            self = newValue
            return
        }
        let rest = Array(tokens.dropFirst())
        switch self {
        case .object(var members):
            var child = members[first] ?? .null
            child.setValue(newValue, at: rest)
            members[first] = child
            self = .object(members)
        case .array(var elements):
            guard let index = Int(first), elements.indices.contains(index) else { return }
            elements[index].setValue(newValue, at: rest)
            self = .array(elements)
        default:
            return
        }
    }

    /// Equality as JSON documents: numbers compare by value, so `1` equals `1.0`.
    func semanticallyEquals(_ other: JSONValue) -> Bool {
        switch (self, other) {
        case (.int, .double), (.double, .int), (.double, .double):
            return doubleValue == other.doubleValue
        case (.array(let lhs), .array(let rhs)):
            return lhs.count == rhs.count && zip(lhs, rhs).allSatisfy { $0.semanticallyEquals($1) }
        case (.object(let lhs), .object(let rhs)):
            guard lhs.count == rhs.count else { return false }
            for (key, value) in lhs {
                guard let otherValue = rhs[key], value.semanticallyEquals(otherValue) else { return false }
            }
            return true
        default:
            return self == other
        }
    }

    /// The Go type name that `encoding/json` uses in "cannot unmarshal X into ..." messages.
    var goTypeName: String {
        switch self {
        case .null: "null"
        case .bool: "bool"
        case .int, .double: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}
