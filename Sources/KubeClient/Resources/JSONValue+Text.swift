import Primitives

extension JSONValue {
    /// Compact JSON text with object keys sorted, so that equal values always serialize to equal bytes.
    ///
    /// Integers print as written; a double with no fractional part below 10¹⁵ prints without one (`2`, not `2.0`), as
    /// Go's encoder writes it; other finite doubles in Swift's shortest form; non-finite ones (which JSON cannot hold)
    /// as `null`. Strings are escaped by ``JSONString``, with `<`, `>` and `&` as `\u003c`… when `escapingHTML`
    /// (what the Kubernetes API server sends).
    public func compactText(escapingHTML: Bool = false) -> String {
        var output = ""
        output.reserveCapacity(256)
        write(into: &output, escapingHTML: escapingHTML)
        return output
    }

    private func write(into output: inout String, escapingHTML: Bool) {
        switch self {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .int(let number): output += String(number)
        case .double(let number):
            if number.isFinite, number.rounded() == number, abs(number) < 1e15 {
                output += String(Int64(number))
            } else if number.isFinite {
                output += String(number)
            } else {
                output += "null"
            }
        case .string(let text): JSONString.append(text, to: &output, escapingHTML: escapingHTML)
        case .array(let elements):
            output += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { output += "," }
                element.write(into: &output, escapingHTML: escapingHTML)
            }
            output += "]"
        case .object(let members):
            output += "{"
            for (index, key) in members.keys.sorted().enumerated() {
                if index > 0 { output += "," }
                JSONString.append(key, to: &output, escapingHTML: escapingHTML)
                output += ":"
                (members[key] ?? .null).write(into: &output, escapingHTML: escapingHTML)
            }
            output += "}"
        }
    }
}
