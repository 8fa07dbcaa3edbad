/// Query parameters of create, update and patch calls.
public struct WriteOptions: Sendable, Hashable {
    /// Who makes the change (recorded in managedFields; required for server-side apply).
    public var fieldManager: String?
    /// How the server treats unknown or duplicate fields: `Strict` rejects them (422), `Warn` (the default of
    /// recent servers) and `Ignore` accept them.
    public var fieldValidation: FieldValidation?
    /// Validate and answer as if written, but store nothing.
    public var dryRun: Bool

    public init(fieldManager: String? = nil, fieldValidation: FieldValidation? = nil, dryRun: Bool = false) {
        self.fieldManager = fieldManager
        self.fieldValidation = fieldValidation
        self.dryRun = dryRun
    }

    public enum FieldValidation: String, Sendable, Hashable {
        case strict = "Strict"
        case warn = "Warn"
        case ignore = "Ignore"
    }

    public var queryParameters: QueryParameters {
        var query = QueryParameters()
        query.add("fieldManager", fieldManager)
        query.add("fieldValidation", fieldValidation?.rawValue)
        if dryRun { query.add("dryRun", "All") }
        return query
    }
}
