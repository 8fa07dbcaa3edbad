import KubeClient

/// A CustomResourceDefinition the server refuses, with the field violations the real server reports (422 Invalid).
public struct CustomResourceDefinitionError: Error, Sendable, Hashable, CustomStringConvertible {
    public var name: String
    public var violations: [FieldViolation]

    public init(name: String, violations: [FieldViolation]) {
        self.name = name
        self.violations = violations
    }

    /// The 422 Status body: `CustomResourceDefinition.apiextensions.k8s.io "<name>" is invalid: ...`.
    public var status: JSONValue {
        FieldViolation.invalidStatus(kind: BuiltinKinds.customResourceDefinition.resource, name: name, violations: violations)
    }

    public var description: String { status["message"]?.stringValue ?? "invalid CustomResourceDefinition" }
}
