import Foundation
import KubeClient

/// A CRD's structural `openAPIV3Schema`, applied to custom objects as `apiextensions-apiserver` does:
/// defaulting, pruning of unknown fields and validation.
///
/// - Defaulting: a property's `default` is set where the member is absent (or `null` and not `nullable`); objects
///   are only defaulted where present, so a `default: {}` on an object is what makes its children's defaults apply.
///   Defaults are themselves defaulted. `null` in a non-nullable property without a default is dropped.
/// - Pruning: members not in `properties` are removed unless the object has
///   `x-kubernetes-preserve-unknown-fields: true` or an `additionalProperties` schema. The root and
///   `x-kubernetes-embedded-resource` objects keep `apiVersion`, `kind` and `metadata`; the root `metadata` is never
///   touched. The removed paths are reported (`spec.foo`, `spec.items[0].bar`) for `fieldValidation=Strict`.
/// - Validation: `type` (also `x-kubernetes-int-or-string`), `nullable`, `format` (`date-time`, `date`), `enum`,
///   `minimum`/`maximum` (also exclusive), `multipleOf`, `minLength`/`maxLength`, `pattern`, `minItems`/`maxItems`,
///   `minProperties`/`maxProperties`, `required`, and `x-kubernetes-list-type: set|map` uniqueness, with the real
///   server's field paths and messages. CEL rules, `oneOf`/`anyOf`/`allOf`/`not` are not evaluated.
public struct StructuralSchema: Sendable, Hashable {
    public let schema: JSONValue

    public init(_ openAPIV3Schema: JSONValue) {
        schema = openAPIV3Schema
    }

    // MARK: Defaulting

    public func applyingDefaults(to object: JSONValue) -> JSONValue {
        Self.defaulted(object, schema: schema, isRoot: true)
    }

    private static func defaulted(_ value: JSONValue, schema: JSONValue, isRoot: Bool = false) -> JSONValue {
        switch value {
        case .object(var members):
            let properties = schema["properties"]?.objectValue ?? [:]
            for (key, property) in properties {
                if isRoot, key == "metadata" { continue }
                let isNonNullableNull = members[key]?.isNull == true && property["nullable"]?.boolValue != true
                if let defaultValue = property["default"] {
                    if members[key] == nil || isNonNullableNull { members[key] = defaultValue }
                } else if isNonNullableNull {
                    members.removeValue(forKey: key)
                }
            }
            let additional = schema["additionalProperties"]
            for (key, member) in members {
                if isRoot, key == "metadata" { continue }
                if let property = properties[key] {
                    members[key] = defaulted(member, schema: property)
                } else if let additional, additional.objectValue != nil {
                    members[key] = defaulted(member, schema: additional)
                }
            }
            return .object(members)
        case .array(let elements):
            guard let items = schema["items"] else { return value }
            return .array(elements.map { defaulted($0, schema: items) })
        default:
            return value
        }
    }

    // MARK: Pruning

    public func pruning(_ object: JSONValue) -> (object: JSONValue, unknownFields: [String]) {
        var unknown: [String] = []
        let pruned = Self.pruned(object, schema: schema, path: FieldPath(), isRoot: true, unknown: &unknown)
        return (pruned, unknown.sorted())
    }

    private static func pruned(_ value: JSONValue, schema: JSONValue, path: FieldPath, isRoot: Bool, unknown: inout [String]) -> JSONValue {
        switch value {
        case .object(let members):
            let properties = schema["properties"]?.objectValue ?? [:]
            let preservesUnknown = schema["x-kubernetes-preserve-unknown-fields"]?.boolValue == true
            let additional = schema["additionalProperties"]
            let keepsTypeMeta = isRoot || schema["x-kubernetes-embedded-resource"]?.boolValue == true
            var result: [String: JSONValue] = [:]
            for (key, member) in members {
                let childPath = path.child(key)
                if keepsTypeMeta, key == "metadata" || key == "apiVersion" || key == "kind" {
                    result[key] = key == "metadata" || properties[key] == nil
                        ? member : pruned(member, schema: properties[key] ?? [:], path: childPath, isRoot: false, unknown: &unknown)
                } else if let property = properties[key] {
                    result[key] = pruned(member, schema: property, path: childPath, isRoot: false, unknown: &unknown)
                } else if let additional, additional.objectValue != nil {
                    result[key] = pruned(member, schema: additional, path: childPath, isRoot: false, unknown: &unknown)
                } else if preservesUnknown || additional?.boolValue == true {
                    result[key] = member
                } else {
                    unknown.append(childPath.description)
                }
            }
            return .object(result)
        case .array(let elements):
            guard let items = schema["items"] else { return value }
            return .array(elements.enumerated().map { index, element in
                pruned(element, schema: items, path: path.index(index), isRoot: false, unknown: &unknown)
            })
        default:
            return value
        }
    }

    // MARK: Validation

    public func validate(_ object: JSONValue) -> [FieldViolation] {
        var violations: [FieldViolation] = []
        Self.validate(object, schema: schema, path: FieldPath(), isRoot: true, into: &violations)
        return violations
    }

    private static func validate(_ value: JSONValue, schema: JSONValue, path: FieldPath, isRoot: Bool = false, into violations: inout [FieldViolation]) {
        let name = path.description
        if case .null = value {
            if schema["nullable"]?.boolValue == true { return }
            if let type = schema["type"]?.stringValue {
                violations.append(.typeInvalid(name, value: "null", detail: "\(name) in body must be of type \(type): \"null\""))
            }
            return
        }
        if schema["x-kubernetes-int-or-string"]?.boolValue == true {
            switch value {
            case .string: break
            case .int: break
            case .double where value.intValue != nil: break
            default:
                let actual = value.typeName
                violations.append(.typeInvalid(name, value: .string(actual), detail: "\(name) in body must be of type integer,string: \(JSONText.quoted(actual))"))
                return
            }
        } else if let type = schema["type"]?.stringValue, let format = schema["format"]?.stringValue, !format.isEmpty,
            value.stringValue == nil, value.arrayValue == nil, !matches(value, type: type)
        {
            // kube-openapi's type validator names the format when a non-string value misses a formatted type.
            let actual = goFormat(of: value)
            violations.append(.typeInvalid(name, value: .string(actual), detail: "\(name) in body must be of type \(format): \(JSONText.quoted(actual))"))
            return
        } else if let type = schema["type"]?.stringValue, !matches(value, type: type) {
            let actual = value.typeName
            violations.append(.typeInvalid(name, value: .string(actual), detail: "\(name) in body must be of type \(type): \(JSONText.quoted(actual))"))
            return
        }

        switch value {
        case .string(let text):
            validateString(text, value: value, schema: schema, name: name, into: &violations)
        case .int, .double:
            validateNumber(value, schema: schema, name: name, into: &violations)
        default:
            break
        }

        if let allowed = schema["enum"]?.arrayValue, !allowed.contains(where: { $0.semanticallyEquals(value) }) {
            violations.append(.notSupported(name, value: value, supported: allowed.map(enumText)))
        }

        switch value {
        case .array(let elements):
            validateArray(elements, schema: schema, path: path, into: &violations)
        case .object(let members):
            validateObject(members, schema: schema, path: path, isRoot: isRoot, into: &violations)
        default:
            break
        }
    }

    private static func matches(_ value: JSONValue, type: String) -> Bool {
        switch type {
        case "object": return value.objectValue != nil
        case "array": return value.arrayValue != nil
        case "string": return value.stringValue != nil
        case "boolean": return value.boolValue != nil
        case "integer": return value.intValue != nil
        case "number": return value.doubleValue != nil
        default: return true
        }
    }

    /// The format kube-openapi infers for a decoded JSON value.
    private static func goFormat(of value: JSONValue) -> String {
        switch value {
        case .int: "int64"
        case .double: "double"
        default: ""
        }
    }

    private static func enumText(_ value: JSONValue) -> String {
        if case .string(let text) = value { return text }
        return JSONText.compact(value)
    }

    private static func validateString(_ text: String, value: JSONValue, schema: JSONValue, name: String, into violations: inout [FieldViolation]) {
        let length = text.unicodeScalars.count
        if let maximum = schema["maxLength"]?.intValue, length > maximum {
            violations.append(.tooLong(name, maxLength: Int(maximum)))
        }
        if let minimum = schema["minLength"]?.intValue, length < minimum {
            violations.append(.invalid(name, value: value, detail: "\(name) in body should be at least \(minimum) chars long"))
        }
        if let pattern = schema["pattern"]?.stringValue, !matchesPattern(text, pattern) {
            violations.append(.invalid(name, value: value, detail: "\(name) in body should match '\(pattern)'"))
        }
        if let format = schema["format"]?.stringValue, !matchesFormat(text, format) {
            violations.append(.invalid(name, value: value, detail: "\(name) in body must be of type \(format): \(JSONText.quoted(text))"))
        }
    }

    private static func matchesPattern(_ text: String, _ pattern: String) -> Bool {
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return true }
        let range = NSRange(text.startIndex..<text.endIndex, in: text)
        return expression.firstMatch(in: text, range: range) != nil
    }

    private static func matchesFormat(_ text: String, _ format: String) -> Bool {
        switch format {
        case "date-time":
            return RFC3339.parse(text) != nil
        case "date":
            return RFC3339.parse(text + "T00:00:00Z") != nil && text.utf8.count == 10
        default:
            return true
        }
    }

    private static func validateNumber(_ value: JSONValue, schema: JSONValue, name: String, into violations: inout [FieldViolation]) {
        guard let number = value.doubleValue else { return }
        if let minimum = schema["minimum"]?.doubleValue {
            let exclusive = schema["exclusiveMinimum"]?.boolValue == true
            if exclusive ? number <= minimum : number < minimum {
                let words = exclusive ? "greater than" : "greater than or equal to"
                violations.append(.invalid(name, value: value, detail: "\(name) in body should be \(words) \(JSONText.goNumber(minimum))"))
            }
        }
        if let maximum = schema["maximum"]?.doubleValue {
            let exclusive = schema["exclusiveMaximum"]?.boolValue == true
            if exclusive ? number >= maximum : number > maximum {
                let words = exclusive ? "less than" : "less than or equal to"
                violations.append(.invalid(name, value: value, detail: "\(name) in body should be \(words) \(JSONText.goNumber(maximum))"))
            }
        }
        if let factor = schema["multipleOf"]?.doubleValue, factor > 0 {
            let quotient = number / factor
            if quotient.rounded() != quotient {
                violations.append(.invalid(name, value: value, detail: "\(name) in body should be a multiple of \(JSONText.goNumber(factor))"))
            }
        }
    }

    private static func validateArray(_ elements: [JSONValue], schema: JSONValue, path: FieldPath, into violations: inout [FieldViolation]) {
        let name = path.description
        if let minimum = schema["minItems"]?.intValue, elements.count < minimum {
            violations.append(.invalid(name, value: .int(Int64(elements.count)), detail: "\(name) in body should have at least \(minimum) items"))
        }
        if let maximum = schema["maxItems"]?.intValue, elements.count > maximum {
            violations.append(.tooMany(name, actual: elements.count, max: Int(maximum)))
        }
        if let items = schema["items"] {
            for (index, element) in elements.enumerated() {
                validate(element, schema: items, path: path.index(index), into: &violations)
            }
        }
        switch schema["x-kubernetes-list-type"]?.stringValue {
        case "set":
            for (index, element) in elements.enumerated()
            where elements[..<index].contains(where: { $0.semanticallyEquals(element) }) {
                violations.append(.duplicate(path.index(index).description, value: element))
            }
        case "map":
            let keys = (schema["x-kubernetes-list-map-keys"]?.arrayValue ?? []).compactMap(\.stringValue)
            guard !keys.isEmpty else { break }
            func identity(_ element: JSONValue) -> JSONValue {
                var members: [String: JSONValue] = [:]
                for key in keys {
                    if let value = element[key] { members[key] = value }
                }
                return .object(members)
            }
            for (index, element) in elements.enumerated() where element.objectValue != nil {
                let id = identity(element)
                if elements[..<index].contains(where: { $0.objectValue != nil && identity($0).semanticallyEquals(id) }) {
                    violations.append(.duplicate(path.index(index).description, value: id))
                }
            }
        default:
            break
        }
    }

    private static func validateObject(
        _ members: [String: JSONValue], schema: JSONValue, path: FieldPath, isRoot: Bool, into violations: inout [FieldViolation]
    ) {
        let name = path.description
        if let minimum = schema["minProperties"]?.intValue, members.count < minimum {
            violations.append(.invalid(name, value: .int(Int64(members.count)), detail: "\(name) in body should have at least \(minimum) properties"))
        }
        if let maximum = schema["maxProperties"]?.intValue, members.count > maximum {
            violations.append(.tooMany(name, actual: members.count, max: Int(maximum)))
        }
        for key in (schema["required"]?.arrayValue ?? []).compactMap(\.stringValue) where members[key] == nil {
            if isRoot, key == "metadata" || key == "apiVersion" || key == "kind" { continue }
            violations.append(.required(path.child(key).description))
        }
        let properties = schema["properties"]?.objectValue ?? [:]
        let additional = schema["additionalProperties"]
        for key in members.keys.sorted() {
            guard let member = members[key] else { continue }
            if isRoot, key == "metadata" || key == "apiVersion" || key == "kind" { continue }
            if let property = properties[key] {
                validate(member, schema: property, path: path.child(key), into: &violations)
            } else if let additional, additional.objectValue != nil {
                validate(member, schema: additional, path: path.child(key), into: &violations)
            }
        }
    }
}
