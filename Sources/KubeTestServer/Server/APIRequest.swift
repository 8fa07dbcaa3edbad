import Foundation
import KubeClient

/// An HTTP request as the handlers see it: method, path, decoded query, the headers that matter, and the body.
struct APIRequest: Sendable {
    var method: String
    var path: String
    var query: [String: String]
    var accept: String
    var contentType: String
    var authorization: String?
    /// The `User-Agent` header: the default field manager of writes without `fieldManager`, and recorded by
    /// ``RequestCounter`` so tests can tell one client from another.
    var userAgent: String
    var body: [UInt8]

    init(method: String, path: String, rawQuery: String?, accept: String = "", contentType: String = "",
         authorization: String? = nil, userAgent: String = "", body: [UInt8] = []) {
        self.method = method
        self.path = path
        self.query = Self.parseQuery(rawQuery ?? "")
        self.accept = accept
        self.contentType = contentType
        self.authorization = authorization
        self.userAgent = userAgent
        self.body = body
    }

    /// Parses `a=b&c=d` as Go's `url.ParseQuery` does (`+` is a space); the first value of a key wins.
    static func parseQuery(_ raw: String) -> [String: String] {
        var result: [String: String] = [:]
        for pair in raw.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                let spaced = text.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            let key = decode(parts[0])
            if result[key] == nil { result[key] = parts.count > 1 ? decode(parts[1]) : "" }
        }
        return result
    }

    var isDryRun: Bool { query["dryRun"] == "All" }

    var isWatch: Bool { flag("watch") }

    /// A boolean query parameter as the real server reads it (``QueryFlag``); `false` when absent.
    func flag(_ name: String) -> Bool { QueryFlag.value(query[name]) ?? false }

    /// A boolean query parameter that may be unset (`*bool` options such as `sendInitialEvents`).
    func optionalFlag(_ name: String) -> Bool? { QueryFlag.value(query[name]) }

    /// The media type of the body without parameters (`application/merge-patch+json`).
    var mediaType: String {
        contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
    }

    /// The field manager of a write: `fieldManager`, or the User-Agent's product name (``FieldManager``).
    var fieldManager: String { FieldManager.manager(fieldManager: query["fieldManager"], userAgent: userAgent) }

    /// An `application/apply-patch+yaml` body: JSON, or YAML when it is not JSON.
    func applyBody() throws(APIError) -> JSONValue {
        guard !body.isEmpty else { throw .badRequest("the request body is empty") }
        if let json = try? JSONCoding.decode(body) { return json }
        return try YAMLBody.decode(String(decoding: body, as: UTF8.self))
    }

    /// The body as JSON; 400 when it is not.
    func jsonBody() throws(APIError) -> JSONValue {
        guard !body.isEmpty else { throw .badRequest("the request body is empty") }
        if mediaType == "application/vnd.kubernetes.protobuf" { return try ProtobufDecoding.decode(body) }
        do {
            return try JSONCoding.decode(body)
        } catch {
            throw .badRequest("the body of the request could not be decoded: \(error)")
        }
    }
}
