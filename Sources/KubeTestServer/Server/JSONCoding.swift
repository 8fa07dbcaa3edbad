import Foundation
import KubeClient
import Primitives

/// Reading and writing JSON bodies as ``JSONValue``.
///
/// Output is compact with object keys sorted, so equal values always serialize to equal bytes, except `Status`
/// objects, written in the field order of Go's `metav1.Status` as the real server writes them (`kind, apiVersion,
/// metadata, status, message, reason, details, code`; details `name, group, kind, uid, causes, retryAfterSeconds`;
/// causes `reason, message, field`). Doubles with no fractional part are written without one (`2` not `2.0`), as
/// Go's encoder does.
enum JSONCoding {
    /// Errors when a request body is not JSON.
    enum DecodingFailure: Error, CustomStringConvertible {
        case malformed(String)
        var description: String {
            switch self {
            case .malformed(let detail): detail
            }
        }
    }

    static func decode(_ bytes: [UInt8]) throws(DecodingFailure) -> JSONValue {
        do {
            return try JSONParser.parse(bytes)
        } catch {
            throw .malformed(error.description)
        }
    }

    static func decode(_ text: String) throws(DecodingFailure) -> JSONValue {
        try decode(Array(text.utf8))
    }

    static func encode(_ value: JSONValue) -> String {
        var output = ""
        output.reserveCapacity(256)
        write(value, into: &output, order: nil)
        return output
    }

    /// Field orders of Go structs the server writes in declaration order; `children` gives the order of nested members.
    struct KeyOrder {
        var keys: [String]
        var children: [String: KeyOrder] = [:]

        static let cause = KeyOrder(keys: ["reason", "message", "field"])
        static let details = KeyOrder(keys: ["name", "group", "kind", "uid", "causes", "retryAfterSeconds"], children: ["causes": cause])
        static let status = KeyOrder(keys: ["kind", "apiVersion", "metadata", "status", "message", "reason", "details", "code"],
                                     children: ["details": details])

        /// `members`' keys: the declared ones first in their order, then any others sorted.
        func arrange(_ members: [String: JSONValue]) -> [String] {
            let declared = keys.filter { members[$0] != nil }
            return declared + members.keys.filter { !keys.contains($0) }.sorted()
        }
    }

    private static func write(_ value: JSONValue, into output: inout String, order inherited: KeyOrder?) {
        switch value {
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
        case .string(let text): writeString(text, into: &output)
        case .array(let elements):
            output += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { output += "," }
                write(element, into: &output, order: inherited)
            }
            output += "]"
        case .object(let members):
            output += "{"
            let order = members["kind"] == "Status" ? KeyOrder.status : inherited
            let keys = order?.arrange(members) ?? members.keys.sorted()
            for (index, key) in keys.enumerated() {
                if index > 0 { output += "," }
                writeString(key, into: &output)
                output += ":"
                write(members[key] ?? .null, into: &output, order: order?.children[key])
            }
            output += "}"
        }
    }

    private static func writeString(_ text: String, into output: inout String) {
        JSONString.append(text, to: &output, escapingHTML: true)
    }
}
