import Foundation
import KubeClient

/// `meta.k8s.io/v1` Table output, what kubectl asks for with
/// `Accept: application/json;as=Table;v=v1;g=meta.k8s.io` on get, list and watch.
///
/// Custom kinds get `Name` plus their printer columns (or `Age` when they declare none), evaluated with
/// ``JSONPath``: `date` columns are rendered by the server as ages (`5m`), `integer`/`number`/`boolean` columns as
/// JSON values, `string` columns as printed text; a path that selects nothing gives `null`. Built-in kinds get the
/// columns of the real server's printers (Pods: NAME, READY, STATUS, RESTARTS, AGE; Nodes: NAME, STATUS with
/// `SchedulingDisabled`, ROLES, AGE, VERSION; ...), and other kinds `Name` and `Created At`.
/// Each row carries the object as `PartialObjectMetadata` by default, the whole object with `.object`, or nothing
/// with `.none` (the `includeObject` query parameter).
public enum TableRenderer {
    public enum IncludeObject: String, Sendable, Hashable {
        case none = "None"
        case metadata = "Metadata"
        case object = "Object"

        /// The `includeObject` query parameter; `Metadata` when absent or unknown.
        public init(queryValue: String?) {
            self = queryValue.flatMap(IncludeObject.init(rawValue:)) ?? .metadata
        }
    }

    public struct Column: Sendable, Hashable {
        public var name: String
        public var type: String
        public var format: String
        public var description: String
        public var priority: Int

        public init(name: String, type: String, format: String = "", description: String, priority: Int = 0) {
            self.name = name
            self.type = type
            self.format = format
            self.description = description
            self.priority = priority
        }

        var json: JSONValue {
            ["name": .string(name), "type": .string(type), "format": .string(format), "description": .string(description),
             "priority": .int(Int64(priority))]
        }
    }

    public static let nameDescription = "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names"
    public static let creationTimestampDescription = "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata"

    static let nameColumn = Column(name: "Name", type: "string", format: "name", description: nameDescription)
    static let ageColumn = Column(name: "Age", type: "string", description: creationTimestampDescription)

    /// The Table for `objects` (one row each, in order). `listMetadata` becomes the Table's `metadata`
    /// (`resourceVersion`, `continue`); `now` is the time ages are measured to.
    public static func table(
        kind: RegisteredKind,
        objects: [JSONValue],
        listMetadata: JSONValue = [:],
        includeObject: IncludeObject = .metadata,
        now: Date = Date()
    ) -> JSONValue {
        let printer = Printer(kind: kind)
        let rows: [JSONValue] = objects.map { object in
            var row: JSONValue = ["cells": .array(printer.cells(object, now: now))]
            switch includeObject {
            case .none: break
            case .object: row["object"] = object
            case .metadata:
                row["object"] = ["kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1", "metadata": object["metadata"] ?? [:]]
            }
            return row
        }
        return [
            "kind": "Table", "apiVersion": "meta.k8s.io/v1", "metadata": listMetadata,
            "columnDefinitions": .array(printer.columns.map(\.json)), "rows": .array(rows),
        ]
    }

    /// The columns the Table for `kind` has.
    public static func columns(for kind: RegisteredKind) -> [Column] {
        Printer(kind: kind).columns
    }

    struct Printer {
        let columns: [Column]
        let cells: @Sendable (JSONValue, Date) -> [JSONValue]

        func cells(_ object: JSONValue, now: Date) -> [JSONValue] { cells(object, now) }

        init(kind: RegisteredKind) {
            if kind.isCustom || !kind.printerColumns.isEmpty {
                let declared = kind.printerColumns.isEmpty
                    ? [RegisteredKind.PrinterColumn(name: "Age", type: "date", jsonPath: ".metadata.creationTimestamp", description: TableRenderer.creationTimestampDescription)]
                    : kind.printerColumns
                columns = [TableRenderer.nameColumn] + declared.map {
                    Column(name: $0.name, type: $0.type, format: $0.format ?? "", description: $0.description, priority: $0.priority)
                }
                let paths = declared.map { try? JSONPath(parsing: $0.jsonPath) }
                let types = declared.map(\.type)
                cells = { object, now in
                    [name(object)] + zip(paths, types).map { path, type in
                        guard let value = path?.first(in: object) else { return .null }
                        return TableRenderer.cell(value, type: type, now: now)
                    }
                }
                return
            }
            (columns, cells) = BuiltinPrinters.printer(for: kind.resource)
        }
    }

    /// `cellForJSONValue` of the CRD table convertor.
    static func cell(_ value: JSONValue, type: String, now: Date) -> JSONValue {
        switch type {
        case "integer":
            return value.intValue.map { .int($0) } ?? (value.doubleValue.map { .int(Int64($0)) } ?? .null)
        case "number":
            return value.doubleValue.map { .double($0) } ?? .null
        case "boolean":
            return value.boolValue.map { .bool($0) } ?? .null
        case "date":
            guard let text = value.stringValue else { return .null }
            return .string(HumanDuration.age(of: .string(text), now: now))
        default:
            if value.isNull { return .null }
            return .string(JSONPath.text(of: value))
        }
    }

    static func name(_ object: JSONValue) -> JSONValue {
        object[path: ["metadata", "name"]] ?? ""
    }
}
