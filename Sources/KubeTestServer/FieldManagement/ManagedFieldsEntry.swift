import KubeClient

/// One entry of `metadata.managedFields`: which fields one manager owns through one operation (Apply or Update)
/// on the main resource or a subresource.
struct ManagedFieldsEntry: Sendable, Equatable {
    enum Operation: String, Sendable {
        case apply = "Apply"
        case update = "Update"
    }

    var manager: String
    var operation: Operation
    var apiVersion: String
    var time: String
    var subresource: String?
    var fields: ManagedFieldSet

    /// Whether this entry is the one `manager` writes with `operation` on `subresource`.
    func isSlot(manager: String, operation: Operation, subresource: String?) -> Bool {
        self.manager == manager && self.operation == operation && (self.subresource ?? "") == (subresource ?? "")
    }

    var json: JSONValue {
        var entry: JSONValue = [
            "manager": .string(manager), "operation": .string(operation.rawValue), "apiVersion": .string(apiVersion),
            "time": .string(time), "fieldsType": "FieldsV1", "fieldsV1": fields.fieldsV1,
        ]
        if let subresource, !subresource.isEmpty { entry["subresource"] = .string(subresource) }
        return entry
    }

    init(manager: String, operation: Operation, apiVersion: String, time: String, subresource: String?, fields: ManagedFieldSet) {
        self.manager = manager
        self.operation = operation
        self.apiVersion = apiVersion
        self.time = time
        self.subresource = subresource
        self.fields = fields
    }

    init?(json: JSONValue) {
        guard let manager = json["manager"]?.stringValue,
              let operation = json["operation"]?.stringValue.flatMap(Operation.init(rawValue:)) else { return nil }
        self.manager = manager
        self.operation = operation
        self.apiVersion = json["apiVersion"]?.stringValue ?? ""
        self.time = json["time"]?.stringValue ?? ""
        self.subresource = json["subresource"]?.stringValue
        self.fields = ManagedFieldSet(fieldsV1: json["fieldsV1"] ?? [:])
    }

    /// The entries stored in `object`.
    static func entries(of object: JSONValue) -> [ManagedFieldsEntry] {
        (object[path: ["metadata", "managedFields"]]?.arrayValue ?? []).compactMap(ManagedFieldsEntry.init(json:))
    }

    /// `object` with `entries` as its managedFields (none when empty).
    static func setting(_ entries: [ManagedFieldsEntry], on object: JSONValue) -> JSONValue {
        var copy = object
        copy[path: ["metadata", "managedFields"]] = entries.isEmpty ? nil : .array(entries.map(\.json))
        return copy
    }
}
