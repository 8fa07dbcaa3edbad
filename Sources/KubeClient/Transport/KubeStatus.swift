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
