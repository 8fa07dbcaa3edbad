/// The reason of a failed API call, typed so callers can tell cases apart (`metav1.StatusReason`).
public enum StatusReason: Sendable, Hashable, CustomStringConvertible {
    /// 404: the object or subresource does not exist.
    case notFound
    /// 409 on create: the name is taken.
    case alreadyExists
    /// 409 on update: the resourceVersion is stale (re-read and retry), or a patch precondition failed.
    case conflict
    /// 422: validation failed; see ``StatusDetails/causes``.
    case invalid
    /// 410 (`Expired` or `Gone`): a watch resourceVersion or continue token is too old; re-list.
    case gone
    /// 429: throttled or an eviction blocked by a PodDisruptionBudget; retry after a delay.
    case tooManyRequests
    /// 401: the credentials were not accepted.
    case unauthorized
    /// 403: not allowed (RBAC, terminating namespace).
    case forbidden
    /// 400: malformed body, patch or selector.
    case badRequest
    /// 405: the verb is not supported for this resource.
    case methodNotAllowed
    /// 415: e.g. a strategic merge patch sent to a custom resource.
    case unsupportedMediaType
    /// 500.
    case internalError
    /// 504 `Timeout` or 500 `ServerTimeout`.
    case timeout
    /// 503.
    case serviceUnavailable
    /// Anything else, with the reason as sent (or the HTTP code when none was sent).
    case other(String)

    /// Maps the `reason` string of a `Status`, falling back to the HTTP `code` when the reason is empty or unknown.
    public init(reason: String?, code: Int) {
        switch reason ?? "" {
        case "NotFound": self = .notFound
        case "AlreadyExists": self = .alreadyExists
        case "Conflict": self = .conflict
        case "Invalid": self = .invalid
        case "Gone", "Expired": self = .gone
        case "TooManyRequests": self = .tooManyRequests
        case "Unauthorized": self = .unauthorized
        case "Forbidden": self = .forbidden
        case "BadRequest": self = .badRequest
        case "MethodNotAllowed": self = .methodNotAllowed
        case "UnsupportedMediaType": self = .unsupportedMediaType
        case "InternalError": self = .internalError
        case "Timeout", "ServerTimeout": self = .timeout
        case "ServiceUnavailable": self = .serviceUnavailable
        case let other where !other.isEmpty && StatusReason(code: code) == nil: self = .other(other)
        case let other: self = StatusReason(code: code) ?? .other(other.isEmpty ? String(code) : other)
        }
    }

    private init?(code: Int) {
        switch code {
        case 400: self = .badRequest
        case 401: self = .unauthorized
        case 403: self = .forbidden
        case 404: self = .notFound
        case 405: self = .methodNotAllowed
        case 409: self = .conflict
        case 410: self = .gone
        case 415: self = .unsupportedMediaType
        case 422: self = .invalid
        case 429: self = .tooManyRequests
        case 500: self = .internalError
        case 503: self = .serviceUnavailable
        case 504: self = .timeout
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .notFound: "NotFound"
        case .alreadyExists: "AlreadyExists"
        case .conflict: "Conflict"
        case .invalid: "Invalid"
        case .gone: "Gone"
        case .tooManyRequests: "TooManyRequests"
        case .unauthorized: "Unauthorized"
        case .forbidden: "Forbidden"
        case .badRequest: "BadRequest"
        case .methodNotAllowed: "MethodNotAllowed"
        case .unsupportedMediaType: "UnsupportedMediaType"
        case .internalError: "InternalError"
        case .timeout: "Timeout"
        case .serviceUnavailable: "ServiceUnavailable"
        case .other(let reason): reason
        }
    }
}
