import KubeClient

/// A parsed `fieldSelector` query parameter for one kind, matched against objects.
///
/// Grammar as `k8s.io/apimachinery/pkg/fields` `ParseSelector`: comma-separated terms `field=value`,
/// `field==value` or `field!=value`, with `\,`, `\=` and `\\` escapes in values. Only the fields the real server
/// supports for the kind are accepted (`metadata.name` and `metadata.namespace` everywhere; for pods
/// `spec.nodeName`, `status.phase` and a few more; `spec.unschedulable` for nodes; `involvedObject.*` for core
/// events, ...); any other gives `field label not supported: X`. A missing field compares as the empty string,
/// a missing boolean as `false`, as the server's field sets do.
public struct FieldSelectorQuery: Sendable, Hashable, CustomStringConvertible {
    public struct Requirement: Sendable, Hashable, CustomStringConvertible {
        public var field: String
        /// `true` for `!=`.
        public var isNegated: Bool
        public var value: String

        public var description: String { field + (isNegated ? "!=" : "=") + value }
    }

    public var requirements: [Requirement]
    public let kind: ResourceDescription

    public var isEmpty: Bool { requirements.isEmpty }

    public init(parsing text: String, kind: ResourceDescription) throws(SelectorError) {
        self.kind = kind
        let supported = Self.supportedFields(for: kind)
        var requirements: [Requirement] = []
        for term in Self.splitTerms(text).sorted() where !term.isEmpty {
            guard let (field, op, rawValue) = Self.splitTerm(term) else {
                throw SelectorError("invalid selector: '\(text)'; can't understand '\(term)'")
            }
            let value = try Self.unescape(rawValue)
            guard supported[field] != nil else { throw SelectorError("field label not supported: \(field)") }
            requirements.append(Requirement(field: field, isNegated: op == "!=", value: value))
        }
        self.requirements = requirements
    }

    public func matches(_ object: JSONValue) -> Bool {
        let fields = Self.supportedFields(for: kind)
        return requirements.allSatisfy { requirement in
            let actual = fields[requirement.field].map { Self.fieldValue(of: object, at: $0) } ?? ""
            return (actual == requirement.value) != requirement.isNegated
        }
    }

    public var description: String { requirements.map(\.description).joined(separator: ",") }

    /// How a selectable field reads from the object: its path and whether it is a boolean (absent means `false`).
    struct FieldSource: Sendable, Hashable {
        var path: [String]
        var isBoolean = false
    }

    /// The selectable fields per kind, as the real server's field label conversion functions accept them.
    static func supportedFields(for kind: ResourceDescription) -> [String: FieldSource] {
        var fields: [String: FieldSource] = [
            "metadata.name": FieldSource(path: ["metadata", "name"]),
            "metadata.namespace": FieldSource(path: ["metadata", "namespace"]),
        ]
        func add(_ names: [String], boolean: Bool = false) {
            for name in names { fields[name] = FieldSource(path: name.split(separator: ".").map(String.init), isBoolean: boolean) }
        }
        switch (kind.group, kind.kind) {
        case ("", "Pod"):
            add(["spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "status.phase",
                 "status.podIP", "status.nominatedNodeName"])
            add(["spec.hostNetwork"], boolean: true)
        case ("", "Node"):
            add(["spec.unschedulable"], boolean: true)
        case ("", "Event"):
            add(["involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
                 "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason",
                 "reportingComponent", "type"])
            fields["source"] = FieldSource(path: ["source", "component"])
        case ("events.k8s.io", "Event"):
            // The same storage as core events: the core field names are accepted too, read from the new fields.
            for field in ["kind", "namespace", "name", "uid", "apiVersion", "resourceVersion", "fieldPath"] {
                fields["regarding.\(field)"] = FieldSource(path: ["regarding", field])
                fields["involvedObject.\(field)"] = FieldSource(path: ["regarding", field])
            }
            add(["reason", "reportingController", "type"])
            fields["reportingComponent"] = FieldSource(path: ["reportingController"])
            fields["source"] = FieldSource(path: ["deprecatedSource", "component"])
        case ("", "Secret"):
            add(["type"])
        case ("", "Namespace"):
            add(["status.phase"])
        case ("", "Service"):
            add(["spec.clusterIP", "spec.type"])
        case ("", "ReplicationController"), ("apps", "ReplicaSet"):
            add(["status.replicas"])
        default:
            break
        }
        return fields
    }

    static func fieldValue(of object: JSONValue, at source: FieldSource) -> String {
        switch object[path: source.path] {
        case .string(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        case .int(let number): return String(number)
        case .double(let number): return JSONText.goNumber(number)
        default: return source.isBoolean ? "false" : ""
        }
    }

    /// Splits on commas that are not escaped with a backslash.
    static func splitTerms(_ text: String) -> [String] {
        guard !text.isEmpty else { return [] }
        var terms: [String] = []
        var current = ""
        var escaped = false
        for character in text {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                current.append(character)
                escaped = true
            } else if character == "," {
                terms.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        terms.append(current)
        return terms
    }

    /// The first unescaped `!=`, `==` or `=` splits a term into field, operator and value.
    static func splitTerm(_ term: String) -> (String, String, String)? {
        let characters = Array(term)
        var index = 0
        while index < characters.count {
            if characters[index] == "\\" {
                index += 2
                continue
            }
            for op in ["!=", "==", "="] {
                let opCharacters = Array(op)
                if index + opCharacters.count <= characters.count, Array(characters[index..<index + opCharacters.count]) == opCharacters {
                    return (String(characters[..<index]), op, String(characters[(index + opCharacters.count)...]))
                }
            }
            index += 1
        }
        return nil
    }

    /// `fields.UnescapeValue`: `\\`, `\,` and `\=` are the only escapes, and `,` or `=` must be escaped.
    static func unescape(_ value: String) throws(SelectorError) -> String {
        guard value.contains(where: { $0 == "\\" || $0 == "," || $0 == "=" }) else { return value }
        var result = ""
        var escaped = false
        for character in value {
            if escaped {
                guard character == "\\" || character == "," || character == "=" else {
                    throw SelectorError("invalid field selector: invalid escape sequence: \\\(character)")
                }
                result.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "," || character == "=" {
                throw SelectorError("invalid field selector: unescaped \(character) in value")
            } else {
                result.append(character)
            }
        }
        if escaped { throw SelectorError("invalid field selector: unterminated escape sequence") }
        return result
    }
}
