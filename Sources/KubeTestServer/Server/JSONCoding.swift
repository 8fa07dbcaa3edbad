import Foundation
import KubeClient

/// Reading and writing JSON bodies as ``JSONValue``.
///
/// Output is compact with object keys sorted, so equal values always serialize to equal bytes. Doubles with no
/// fractional part are written without one (`2` not `2.0`), as Go's encoder does.
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
            return try JSONDecoder().decode(JSONValue.self, from: Data(bytes))
        } catch {
            throw .malformed(describe(error))
        }
    }

    static func decode(_ text: String) throws(DecodingFailure) -> JSONValue {
        try decode(Array(text.utf8))
    }

    static func encode(_ value: JSONValue) -> String {
        value.compactText(escapingHTML: true)
    }

    private static func describe(_ error: any Error) -> String {
        if let decodingError = error as? DecodingError {
            switch decodingError {
            case .dataCorrupted(let context): return context.debugDescription
            case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context):
                return context.debugDescription
            @unknown default: return "\(error)"
            }
        }
        return "\(error)"
    }
}
