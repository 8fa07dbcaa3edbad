import KubeClient

/// One validation failure of one field, as `k8s.io/apimachinery/pkg/util/validation/field.Error`: the field path
/// (`spec.rate`, `spec.items[2].name`), a machine-readable type and the message body the server sends
/// (`Invalid value: 0: spec.rate in body should be greater than or equal to 1`).
public struct FieldViolation: Sendable, Hashable, CustomStringConvertible {
    /// The `field.ErrorType` values; they become `details.causes[].reason` in the Status.
    public enum ViolationType: String, Sendable, Hashable {
        case notFound = "FieldValueNotFound"
        case required = "FieldValueRequired"
        case duplicate = "FieldValueDuplicate"
        case invalid = "FieldValueInvalid"
        case notSupported = "FieldValueNotSupported"
        case forbidden = "FieldValueForbidden"
        case tooLong = "FieldValueTooLong"
        case tooMany = "FieldValueTooMany"
        case typeInvalid = "FieldValueTypeInvalid"

        /// The words the message body starts with.
        var words: String {
            switch self {
            case .notFound: "Not found"
            case .required: "Required value"
            case .duplicate: "Duplicate value"
            case .invalid, .typeInvalid: "Invalid value"
            case .notSupported: "Unsupported value"
            case .forbidden: "Forbidden"
            case .tooLong: "Too long"
            case .tooMany: "Too many"
            }
        }
    }

    /// The field path, e.g. `spec.rate`; empty for the object itself.
    public var path: String
    public var type: ViolationType
    /// The message without the path (`field.Error.ErrorBody`).
    public var message: String

    public init(path: String, type: ViolationType, message: String) {
        self.path = path
        self.type = type
        self.message = message
    }

    /// `path: message`, as the server joins them in the Status message.
    public var description: String { "\(path.isEmpty ? "<nil>" : path): \(message)" }

    private static func body(_ type: ViolationType, value: JSONValue?, detail: String) -> String {
        var text = type.words
        if let value { text += ": " + JSONText.badValue(value) }
        if !detail.isEmpty { text += ": " + detail }
        return text
    }

    public static func invalid(_ path: String, value: JSONValue, detail: String) -> FieldViolation {
        FieldViolation(path: path, type: .invalid, message: body(.invalid, value: value, detail: detail))
    }

    public static func typeInvalid(_ path: String, value: JSONValue, detail: String) -> FieldViolation {
        FieldViolation(path: path, type: .typeInvalid, message: body(.typeInvalid, value: value, detail: detail))
    }

    public static func required(_ path: String, detail: String = "") -> FieldViolation {
        FieldViolation(path: path, type: .required, message: body(.required, value: nil, detail: detail))
    }

    public static func forbidden(_ path: String, detail: String) -> FieldViolation {
        FieldViolation(path: path, type: .forbidden, message: body(.forbidden, value: nil, detail: detail))
    }

    public static func notSupported(_ path: String, value: JSONValue, supported: [String]) -> FieldViolation {
        let detail = supported.isEmpty ? "" : "supported values: " + supported.map(JSONText.quoted).joined(separator: ", ")
        return FieldViolation(path: path, type: .notSupported, message: body(.notSupported, value: value, detail: detail))
    }

    public static func tooLong(_ path: String, maxLength: Int) -> FieldViolation {
        FieldViolation(path: path, type: .tooLong, message: body(.tooLong, value: nil, detail: "may not be longer than \(maxLength)"))
    }

    public static func tooMany(_ path: String, actual: Int, max: Int) -> FieldViolation {
        FieldViolation(path: path, type: .tooMany, message: body(.tooMany, value: .int(Int64(actual)), detail: "must have at most \(max) items"))
    }

    /// A repeated list element; objects print as Go's `%#v` of a map, as the real message does.
    public static func duplicate(_ path: String, value: JSONValue) -> FieldViolation {
        let text: String
        if case .object(let members) = value {
            text = "map[string]interface {}{" + members.keys.sorted().map { "\(JSONText.quoted($0)):\(JSONText.badValue(members[$0] ?? .null))" }
                .joined(separator: ", ") + "}"
        } else {
            text = JSONText.badValue(value)
        }
        return FieldViolation(path: path, type: .duplicate, message: "Duplicate value: " + text)
    }

    /// The 422 `Status` the server answers for an invalid object (`errors.NewInvalid`): reason `Invalid`, one cause
    /// per violation (duplicates of the same message dropped), message `Kind.group "name" is invalid: <errors>`
    /// with several errors in brackets.
    public static func invalidStatus(kind: ResourceDescription, name: String, violations: [FieldViolation]) -> JSONValue {
        var seen: Set<String> = []
        let unique = violations.filter { seen.insert($0.description).inserted }
        let qualifiedKind = kind.group.isEmpty ? kind.kind : "\(kind.kind).\(kind.group)"
        let aggregate = unique.count == 1 ? unique[0].description : "[" + unique.map(\.description).joined(separator: ", ") + "]"
        var details: JSONValue = ["name": .string(name), "kind": .string(kind.kind)]
        if !kind.group.isEmpty { details["group"] = .string(kind.group) }
        details["causes"] = .array(violations.map { violation in
            ["reason": .string(violation.type.rawValue), "message": .string(violation.message), "field": .string(violation.path)]
        })
        return [
            "kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Failure",
            "message": .string("\(qualifiedKind) \(JSONText.quoted(name)) is invalid: \(aggregate)"),
            "reason": "Invalid", "details": details, "code": 422,
        ]
    }
}
