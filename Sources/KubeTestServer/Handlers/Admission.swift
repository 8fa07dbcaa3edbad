import KubeClient

/// Checks and shapes an incoming object before it is stored, as the real server's decoding, admission and
/// validation do: type meta, unknown fields (`fieldValidation`), and for custom resources structural-schema
/// pruning, defaulting and validation; for built-ins the few validations this project relies on (Lease and
/// events.k8s.io MicroTime, events.k8s.io/v1 rules, core/v1 Event namespace).
enum Admission {
    struct Admitted: Sendable {
        var object: JSONValue
        /// `Warning` header texts (`fieldValidation=Warn`, the default).
        var warnings: [String]
    }

    static let objectMetaFields: Set<String> = [
        "name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation", "creationTimestamp",
        "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations", "ownerReferences", "finalizers", "managedFields",
    ]

    /// Fills a missing `apiVersion`/`kind`; 400 when they name another kind, as the real decoder does.
    static func checkTypeMeta(_ object: JSONValue, kind: RegisteredKind) throws(APIError) -> JSONValue {
        guard object.objectValue != nil else { throw .badRequest("the body of the request must be a JSON object") }
        var copy = object
        if let apiVersion = object["apiVersion"]?.stringValue, !apiVersion.isEmpty {
            if apiVersion != kind.resource.apiVersion {
                throw .badRequest("the API version in the data (\(apiVersion)) does not match the expected API version (\(kind.resource.apiVersion))")
            }
        } else {
            copy["apiVersion"] = .string(kind.resource.apiVersion)
        }
        if let kindName = object["kind"]?.stringValue, !kindName.isEmpty {
            if kindName != kind.resource.kind {
                throw .badRequest("the kind in the data (\(kindName)) does not match the expected kind (\(kind.resource.kind))")
            }
        } else {
            copy["kind"] = .string(kind.resource.kind)
        }
        return copy
    }

    /// Admits `object` (a create when `old` is nil, else an update of `old`).
    static func admit(_ object: JSONValue, old: JSONValue?, kind: RegisteredKind, fieldValidation: String?) throws(APIError) -> Admitted {
        var result = object
        var unknown = (object["metadata"]?.objectValue ?? [:]).keys.filter { !objectMetaFields.contains($0) }.sorted().map { "metadata.\($0)" }
        for field in unknown { result[path: field.split(separator: ".").map(String.init)] = nil }
        var causes: [APIError.Cause] = []
        var invalid: APIError?
        if kind.isCustom {
            let admitted = Surface.admit(result, kind: kind)
            result = admitted.object
            unknown += admitted.unknownFields
            if !admitted.violations.isEmpty {
                invalid = Surface.invalid(kind, name: result.name ?? "", violations: admitted.violations)
            }
        } else {
            try BuiltinValidation.check(&result, old: old, kind: kind, causes: &causes)
        }
        var warnings: [String] = []
        switch fieldValidation ?? "Warn" {
        case "Strict":
            if !unknown.isEmpty {
                throw .badRequest("strict decoding error: " + unknown.map { "unknown field \"\($0)\"" }.joined(separator: ", "))
            }
        case "Ignore":
            break
        default:
            warnings = unknown.map { "unknown field \"\($0)\"" }
        }
        if let invalid { throw invalid }
        if !causes.isEmpty {
            throw .invalid(kind.resource, name: result.name ?? "", causes: causes)
        }
        return Admitted(object: result, warnings: warnings)
    }
}
