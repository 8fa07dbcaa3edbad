import KubeClient

/// A failed API request as the Kubernetes API server reports it: an HTTP code and a `Status` body.
///
/// The constructors reproduce the real server's messages and `details` (see spec/kubernetes.md 3.10), e.g.
/// `notFound` says `<plural>.<group> "<name>" not found` and puts the *resource* name in `details.kind`.
struct APIError: Error, Sendable {
    /// One entry of `details.causes`.
    struct Cause: Sendable, Hashable {
        var type: String
        var message: String
        var field: String?

        var json: JSONValue {
            var object: JSONValue = ["reason": .string(type), "message": .string(message)]
            if let field { object["field"] = .string(field) }
            return object
        }
    }

    var code: Int
    var reason: String
    var message: String
    var details: JSONValue?
    /// Extra response headers, e.g. `Retry-After`.
    var headers: [(String, String)] = []
    /// A complete `Status` built elsewhere (surface pieces), sent as is.
    var prebuiltStatus: JSONValue?

    /// An error whose `Status` body was built elsewhere (`FieldViolation.invalidStatus`, `PatchError.status`).
    static func prebuilt(_ status: JSONValue) -> APIError {
        APIError(code: Int(status["code"]?.intValue ?? 500), reason: status["reason"]?.stringValue ?? "",
                 message: status["message"]?.stringValue ?? "", details: status["details"], prebuiltStatus: status)
    }

    /// The `Status` object sent as the response body (and inside watch `ERROR` events).
    var status: JSONValue {
        if let prebuiltStatus { return prebuiltStatus }
        var body: JSONValue = [
            "kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Failure",
            "message": .string(message), "reason": .string(reason), "code": .int(Int64(code)),
        ]
        if let details { body["details"] = details }
        if reason.isEmpty { body["reason"] = nil }
        return body
    }

    static func details(_ kind: ResourceDescription, name: String?, causes: [Cause] = [], uid: String? = nil) -> JSONValue {
        var details: JSONValue = ["kind": .string(kind.plural)]
        if !kind.group.isEmpty { details["group"] = .string(kind.group) }
        if let name, !name.isEmpty { details["name"] = .string(name) }
        if let uid { details["uid"] = .string(uid) }
        if !causes.isEmpty { details["causes"] = .array(causes.map(\.json)) }
        return details
    }

    static func notFound(_ kind: ResourceDescription, name: String) -> APIError {
        APIError(code: 404, reason: "NotFound", message: "\(kind.qualifiedResource) \"\(name)\" not found",
                 details: details(kind, name: name))
    }

    /// 404 for a path that names no resource or subresource this server serves.
    static func pathNotFound(_ path: String) -> APIError {
        APIError(code: 404, reason: "NotFound", message: "the server could not find the requested resource",
                 details: ["causes": [["reason": "UnexpectedServerResponse", "message": .string("404 page not found: \(path)")]]])
    }

    /// 400 for the pod subresources a kubelet would serve (`exec`, `attach`, `portforward`, `log`): this server
    /// runs no kubelet, and says so instead of answering "the server could not find the requested resource".
    /// kubectl prints the message (`error: ...` or `Error from server (BadRequest): ...`).
    static func kubeletSubresourceNotServed(_ subresource: String, pod: String) -> APIError {
        APIError(code: 400, reason: "BadRequest",
                 message: "pods/\(subresource) is not supported by this test server (kube-test-server runs no kubelet, so pod \"\(pod)\" has no containers to \(subresource == "log" ? "read logs from" : subresource == "portforward" ? "forward ports to" : subresource))")
    }

    static func alreadyExists(_ kind: ResourceDescription, name: String) -> APIError {
        APIError(code: 409, reason: "AlreadyExists", message: "\(kind.qualifiedResource) \"\(name)\" already exists",
                 details: details(kind, name: name))
    }

    static func conflict(_ kind: ResourceDescription, name: String, detail: String? = nil) -> APIError {
        let reason = detail ?? "the object has been modified; please apply your changes to the latest version and try again"
        return APIError(code: 409, reason: "Conflict",
                        message: "Operation cannot be fulfilled on \(kind.qualifiedResource) \"\(name)\": \(reason)",
                        details: details(kind, name: name))
    }

    /// 422 with one cause per field error; the message lists them as the real server does.
    static func invalid(_ kind: ResourceDescription, name: String, causes: [Cause]) -> APIError {
        let qualifiedKind = kind.group.isEmpty ? kind.kind : "\(kind.kind).\(kind.group)"
        let errors = causes.map { cause in cause.field.map { "\($0): \(cause.message)" } ?? cause.message }
        let list = errors.count == 1 ? errors[0] : "[" + errors.joined(separator: ", ") + "]"
        var body = details(kind, name: name, causes: causes)
        body["kind"] = .string(kind.kind)
        return APIError(code: 422, reason: "Invalid", message: "\(qualifiedKind) \"\(name)\" is invalid: \(list)", details: body)
    }

    /// 422 with a single field error of the given type (`FieldValueInvalid`, `FieldValueForbidden`, ...).
    static func invalidField(_ kind: ResourceDescription, name: String, field: String, type: String, detail: String) -> APIError {
        invalid(kind, name: name, causes: [Cause(type: type, message: detail, field: field)])
    }

    static func badRequest(_ message: String) -> APIError {
        APIError(code: 400, reason: "BadRequest", message: message)
    }

    static func methodNotAllowed(_ message: String = "the server does not allow this method on the requested resource") -> APIError {
        APIError(code: 405, reason: "MethodNotAllowed", message: message, details: [:])
    }

    static func unsupportedMediaType(_ contentType: String, accepted: [String]) -> APIError {
        APIError(code: 415, reason: "UnsupportedMediaType",
                 message: "the body of the request was in an unknown format - accepted media types include: " + accepted.joined(separator: ", "),
                 details: ["causes": [["reason": "UnsupportedMediaType", "message": .string(contentType)]]])
    }

    static func expired(_ message: String) -> APIError {
        APIError(code: 410, reason: "Expired", message: message)
    }

    static func tooManyRequests(_ message: String, details: JSONValue? = nil, retryAfterSeconds: Int? = nil) -> APIError {
        var error = APIError(code: 429, reason: "TooManyRequests", message: message, details: details)
        if let retryAfterSeconds { error.headers.append(("Retry-After", String(retryAfterSeconds))) }
        return error
    }

    static func forbidden(_ kind: ResourceDescription, name: String, detail: String, causes: [Cause] = []) -> APIError {
        APIError(code: 403, reason: "Forbidden", message: "\(kind.qualifiedResource) \"\(name)\" is forbidden: \(detail)",
                 details: details(kind, name: name, causes: causes))
    }

    static func internalError(_ message: String) -> APIError {
        APIError(code: 500, reason: "InternalError", message: message, details: ["causes": [["message": .string(message)]]])
    }

    static let unauthorized = APIError(code: 401, reason: "Unauthorized", message: "Unauthorized")

    /// A Status for an injected failure with the given HTTP code.
    static func injected(code: Int) -> APIError {
        switch code {
        case 404: return APIError(code: 404, reason: "NotFound", message: "the server could not find the requested resource (test server fault)")
        case 409: return APIError(code: 409, reason: "Conflict", message: "injected conflict (test server fault)")
        case 429: return .tooManyRequests("injected throttling (test server fault)", retryAfterSeconds: 1)
        case 410: return .expired("injected expiry (test server fault)")
        case 503: return APIError(code: 503, reason: "ServiceUnavailable", message: "injected unavailability (test server fault)")
        case 504: return APIError(code: 504, reason: "Timeout", message: "injected timeout (test server fault)")
        default: return APIError(code: code, reason: code >= 500 ? "InternalError" : "BadRequest", message: "injected failure (test server fault)")
        }
    }
}
