import KubeClient

/// Text forms of JSON values as the Go API server prints them in messages: compact JSON with sorted keys
/// (`json.Marshal`), Go's `%q` quoting and `%v` numbers.
enum JSONText {
    /// Compact JSON with object keys sorted, as Go's `encoding/json` writes maps.
    static func compact(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .int(let number): return String(number)
        case .double(let number): return goNumber(number)
        case .string(let text): return quoted(text)
        case .array(let elements): return "[" + elements.map(compact).joined(separator: ",") + "]"
        case .object(let members):
            return "{" + members.keys.sorted().map { quoted($0) + ":" + compact(members[$0] ?? .null) }.joined(separator: ",") + "}"
        }
    }

    /// A Go `%v` float64: integral values without a fraction, others in shortest form.
    static func goNumber(_ number: Double) -> String {
        if number.rounded() == number, abs(number) < 1e21 { return String(Int64(number)) }
        return String(number)
    }

    /// A string quoted as Go's `%q` / `strconv.Quote` (and JSON) do for ordinary text.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7f {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\x" + (hex.count < 2 ? "0" + hex : hex)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    /// A value as `field.Error` prints a bad value: numbers and booleans bare, strings quoted, the rest as JSON.
    static func badValue(_ value: JSONValue) -> String {
        switch value {
        case .null: return "\"null\""
        case .bool(let flag): return flag ? "true" : "false"
        case .int(let number): return String(number)
        case .double(let number): return goNumber(number)
        case .string(let text): return quoted(text)
        case .array, .object: return compact(value)
        }
    }
}
