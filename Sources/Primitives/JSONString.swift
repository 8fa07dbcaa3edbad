/// JSON string literals: the one escaper behind every hand-written JSON writer of the package (the test API
/// server's bodies, the EMQX simulator's bodies, the operator's JSON log lines).
///
/// ## Guarantees
/// - The output is a valid JSON string (RFC 8259 §7) that decodes back to `text`, scalar for scalar.
/// - `"` and `\` are escaped as `\"` and `\\`; newline, carriage return and tab as `\n`, `\r`, `\t`; every other
///   control character below U+0020 as `\u00xx` (lowercase hex), as Go's `encoding/json` writes them. All other
///   scalars, `/` included, are written as they are (UTF-8 is the caller's encoding).
/// - With `escapingHTML`, `<`, `>` and `&` become `\u003c`, `\u003e`, `\u0026`, as Go's `json.Marshal` does by
///   default (the Kubernetes API server's bodies).
public enum JSONString {
    /// `text` as a JSON string literal, quotes included.
    public static func quoted(_ text: String, escapingHTML: Bool = false) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count + 2)
        append(text, to: &output, escapingHTML: escapingHTML)
        return output
    }

    /// Appends `text` as a JSON string literal, quotes included, to `output`.
    public static func append(_ text: String, to output: inout String, escapingHTML: Bool = false) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "<" where escapingHTML: output += "\\u003c"
            case ">" where escapingHTML: output += "\\u003e"
            case "&" where escapingHTML: output += "\\u0026"
            case let control where control.value < 0x20:
                let hex = String(control.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}
