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
