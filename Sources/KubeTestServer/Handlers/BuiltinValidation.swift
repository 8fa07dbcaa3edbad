import Foundation
import KubeClient

/// The built-in kinds' validations this project depends on (spec/kubernetes.md 3.11, 3.12).
enum BuiltinValidation {
    static func check(_ object: inout JSONValue, old: JSONValue?, kind: RegisteredKind, causes: inout [APIError.Cause]) throws(APIError) {
        switch (kind.resource.group, kind.resource.plural) {
        case ("coordination.k8s.io", "leases"):
            try normalizeMicroTime(&object, at: ["spec", "acquireTime"], kind: kind)
            try normalizeMicroTime(&object, at: ["spec", "renewTime"], kind: kind)
            if let duration = object[path: ["spec", "leaseDurationSeconds"]]?.intValue, duration <= 0 {
                causes.append(.init(type: "FieldValueInvalid", message: "Invalid value: \(duration): must be greater than 0", field: "spec.leaseDurationSeconds"))
            }
        case ("events.k8s.io", "events"):
            try normalizeMicroTime(&object, at: ["eventTime"], kind: kind)
            try normalizeMicroTime(&object, at: ["series", "lastObservedTime"], kind: kind)
            if let old {
                checkEventUpdate(object, old: old, causes: &causes)
            } else {
                checkEventCreate(object, causes: &causes)
            }
        case ("", "secrets"):
            // `stringData` is write-only: merged into `data` (base64), as the real Secret strategy does.
            if let stringData = object["stringData"]?.objectValue {
                var data = object["data"]?.objectValue ?? [:]
                for (key, value) in stringData {
                    data[key] = .string(Data((value.stringValue ?? "").utf8).base64EncodedString())
                }
                object["data"] = .object(data)
                object["stringData"] = nil
            }
        case ("", "events"):
            try normalizeMicroTime(&object, at: ["eventTime"], kind: kind)
            if let involved = object[path: ["involvedObject", "namespace"]]?.stringValue, !involved.isEmpty,
               let namespace = object.namespace, involved != namespace {
                causes.append(.init(type: "FieldValueInvalid", message: "Invalid value: \"\(involved)\": does not match event.namespace", field: "involvedObject.namespace"))
            }
        case ("apps", "deployments"):
            AccessValidation.checkDeployment(object, old: old, causes: &causes)
        case ("rbac.authorization.k8s.io", "roles"), ("rbac.authorization.k8s.io", "clusterroles"):
            AccessValidation.checkRole(object, isNamespaced: kind.resource.isNamespaced, causes: &causes)
        case ("rbac.authorization.k8s.io", "rolebindings"), ("rbac.authorization.k8s.io", "clusterrolebindings"):
            AccessValidation.checkBinding(object, old: old, isClusterBinding: !kind.resource.isNamespaced, causes: &causes)
        default:
            break
        }
    }

    /// MicroTime must have exactly six fractional digits; anything else fails decoding (400), as in Go's
    /// `time.Parse(RFC3339Micro, ...)`.
    /// Re-encodes a valid MicroTime in UTC (`...123456Z`), as the real server's decode and encode round trip does.
    static func normalizeMicroTime(_ object: inout JSONValue, at path: [String], kind: RegisteredKind) throws(APIError) {
        guard let value = object[path: path], !value.isNull else { return }
        guard let text = value.stringValue, RFC3339.fractionalDigits(of: text) == 6, let date = RFC3339.parse(text) else {
            let shown = value.stringValue ?? JSONCoding.encode(value)
            throw .badRequest("\(kind.resource.kind) in version \"\(kind.resource.version)\" cannot be handled as a \(kind.resource.kind): parsing time \"\(shown)\" as \"2006-01-02T15:04:05.000000Z07:00\": cannot parse \"\(shown)\" as \".000000\"")
        }
        object[path: path] = .string(utcMicroTime(text, date: date))
    }

    /// `text` (six fractional digits, any offset) in UTC with `Z`, keeping the digits exactly.
    static func utcMicroTime(_ text: String, date: Date) -> String {
        guard let dot = text.firstIndex(of: ".") else { return text }
        let digits = String(text[text.index(after: dot)...].prefix(6))
        let fraction = Double("0." + digits) ?? 0
        let whole = Date(timeIntervalSince1970: (date.timeIntervalSince1970 - fraction).rounded())
        return String(RFC3339.format(whole, fractionalDigits: 0).dropLast()) + "." + digits + "Z"
    }

    private static func checkEventCreate(_ event: JSONValue, causes: inout [APIError.Cause]) {
        if event["eventTime"] == nil || event["eventTime"]?.isNull == true {
            causes.append(.init(type: "FieldValueRequired", message: "Required value", field: "eventTime"))
        }
        for field in ["reportingController", "reportingInstance", "action", "reason"] {
            let value = event[field]?.stringValue ?? ""
            if value.isEmpty {
                causes.append(.init(type: "FieldValueRequired", message: "Required value", field: field))
            } else if field != "reportingController", value.count > 128 {
                causes.append(.init(type: "FieldValueInvalid", message: "Invalid value: \"\(value)\": can have at most 128 characters", field: field))
            }
        }
        if let note = event["note"]?.stringValue, note.utf8.count > 1024 {
            causes.append(.init(type: "FieldValueTooLong", message: "Too long: may not be more than 1024 bytes", field: "note"))
        }
        if let type = event["type"]?.stringValue, !["Normal", "Warning"].contains(type) {
            causes.append(.init(type: "FieldValueInvalid", message: "Invalid value: \"\(type)\": has invalid value: \(type)", field: "type"))
        }
        for field in ["deprecatedSource", "deprecatedFirstTimestamp", "deprecatedLastTimestamp", "deprecatedCount"] {
            if let value = event[field], !value.isNull, value != .object([:]), value != .int(0) {
                causes.append(.init(type: "FieldValueInvalid", message: "Invalid value: \(JSONCoding.encode(value)): needs to be unset", field: field))
            }
        }
        if let count = event[path: ["series", "count"]]?.intValue, count < 2 {
            causes.append(.init(type: "FieldValueInvalid", message: "Invalid value: \(count): should be at least 2", field: "series.count"))
        }
    }

    /// events.k8s.io/v1 updates may change only `series` and metadata.
    private static func checkEventUpdate(_ event: JSONValue, old: JSONValue, causes: inout [APIError.Cause]) {
        let fields = Set((event.objectValue ?? [:]).keys).union((old.objectValue ?? [:]).keys)
        for field in fields.sorted() where !["metadata", "series", "apiVersion", "kind"].contains(field) {
            if event[field] != old[field] {
                causes.append(.init(type: "FieldValueInvalid", message: "Invalid value: \(JSONCoding.encode(event[field] ?? .null)): field is immutable", field: field))
            }
        }
    }
}
