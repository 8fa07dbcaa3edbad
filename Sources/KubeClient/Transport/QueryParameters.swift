/// An ordered list of query parameters, percent-encoded as RFC 3986 query components (everything but the unreserved
/// characters is escaped, so selectors such as `app in (a,b),!canary` survive intact).
public struct QueryParameters: Sendable, Hashable {
    public private(set) var items: [(name: String, value: String)] = []

    public init() {}

    /// Appends `name=value` when `value` is not `nil`.
    public mutating func add(_ name: String, _ value: String?) {
        guard let value else { return }
        items.append((name, value))
    }

    public mutating func add(_ name: String, _ value: Int?) {
        add(name, value.map(String.init))
    }

    /// Appends `name=true` when `flag` is true.
    public mutating func add(_ name: String, flag: Bool) {
        if flag { items.append((name, "true")) }
    }

    /// `?a=b&c=d`, or the empty string when there are no parameters.
    public var queryString: String {
        items.isEmpty ? "" : "?" + items.map { Self.escape($0.name) + "=" + Self.escape($0.value) }.joined(separator: "&")
    }

    /// Percent-encodes everything but `A-Z a-z 0-9 - . _ ~`.
    public static func escape(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                result.unicodeScalars.append("%")
                result.unicodeScalars.append(hex[Int(byte >> 4)])
                result.unicodeScalars.append(hex[Int(byte & 0x0F)])
            }
        }
        return result
    }

    public static func == (lhs: QueryParameters, rhs: QueryParameters) -> Bool {
        lhs.items.elementsEqual(rhs.items) { $0.name == $1.name && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        for item in items {
            hasher.combine(item.name)
            hasher.combine(item.value)
        }
    }
}
