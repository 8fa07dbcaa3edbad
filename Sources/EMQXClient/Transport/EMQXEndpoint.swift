import Foundation

/// One EMQX API call: method, path under `/api/v5`, and the node the path addresses, if any.
struct EMQXEndpoint: Sendable, Hashable {
    enum Method: String, Sendable, Hashable {
        case get = "GET"
        case post = "POST"
    }

    var method: Method
    /// Path below the base URL, starting with `/api/v5/`, node names percent-encoded.
    var path: String
    /// The node the path addresses (start and stop calls, `/nodes/{node}`).
    var node: String?

    /// GETs have no side effects, so they may be retried.
    var isIdempotent: Bool { method == .get }

    /// `METHOD /path`, for errors and logs.
    var summary: String { "\(method.rawValue) \(path)" }

    static func get(_ path: String, node: String? = nil) -> EMQXEndpoint {
        EMQXEndpoint(method: .get, path: "/api/v5" + path, node: node)
    }

    static func post(_ path: String, node: String? = nil) -> EMQXEndpoint {
        EMQXEndpoint(method: .post, path: "/api/v5" + path, node: node)
    }

    /// A node name as one path segment: `@`, `.`, `-` and `_` stay as they are, anything else is percent-encoded.
    static func segment(_ node: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "@.-_~")
        return node.addingPercentEncoding(withAllowedCharacters: allowed) ?? node
    }
}
