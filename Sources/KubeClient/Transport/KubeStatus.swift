/// `metav1.Status`: what the API server answers on failure (and for some successful deletes), and what a watch
/// `ERROR` event carries.
public struct KubeStatus: Codable, Sendable, Hashable {
    public var kind: String?
    public var apiVersion: String?
    /// `Success` or `Failure`.
    public var status: String?
    public var message: String?
    /// The machine-readable reason as sent, e.g. `Conflict`, `Expired`; see ``KubeAPIError/reason`` for the typed form.
    public var reason: String?
    public var details: StatusDetails?
    /// The HTTP status code this status stands for.
    public var code: Int?

    public init(status: String? = nil, message: String? = nil, reason: String? = nil, details: StatusDetails? = nil, code: Int? = nil) {
        self.kind = "Status"
        self.apiVersion = "v1"
        self.status = status
        self.message = message
        self.reason = reason
        self.details = details
        self.code = code
    }

    /// The typed reason, from ``reason`` or, when that is empty or unknown, from ``code``.
    public var typedReason: StatusReason { StatusReason(reason: reason, code: code ?? 0) }
}

/// `metav1.StatusDetails`: which object an error is about and why, field by field.
public struct StatusDetails: Codable, Sendable, Hashable {
    public var name: String?
    public var group: String?
    /// The kind, or for many errors the *resource* (plural), as the server fills it in.
    public var kind: String?
    public var uid: String?
    public var causes: [StatusCause]?
    public var retryAfterSeconds: Int?

    public init(name: String? = nil, group: String? = nil, kind: String? = nil, uid: String? = nil, causes: [StatusCause]? = nil, retryAfterSeconds: Int? = nil) {
        self.name = name
        self.group = group
        self.kind = kind
        self.uid = uid
        self.causes = causes
        self.retryAfterSeconds = retryAfterSeconds
    }
}

/// `metav1.StatusCause`: one problem, e.g. a field that failed validation (`field: spec.rate`).
public struct StatusCause: Codable, Sendable, Hashable {
    /// e.g. `FieldValueInvalid`, `FieldValueRequired`, `DisruptionBudget`.
    public var reason: String?
    public var message: String?
    /// The field path, e.g. `spec.rate`.
    public var field: String?

    public init(reason: String? = nil, message: String? = nil, field: String? = nil) {
        self.reason = reason
        self.message = message
        self.field = field
    }
}
