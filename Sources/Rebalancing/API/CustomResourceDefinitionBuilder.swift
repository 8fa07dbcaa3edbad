import KubeClient

/// The group and version of every custom resource of this project.
public enum RebalancingAPI {
    public static let group = "rebalance.brokers.dev"
    public static let version = "v1alpha1"
    /// The category that makes `kubectl get brokers` list every kind of this project.
    public static let category = "brokers"
    /// Held by NodeEvacuations and ClusterRebalances until the broker side is stopped (or the stop handed over).
    public static let finalizer = "rebalance.brokers.dev/stop-broker-operation"
}

/// One column of `kubectl get` output for a custom resource.
public struct PrinterColumn: Sendable, Hashable {
    public var name: String
    /// `string`, `integer`, `number`, `boolean` or `date`.
    public var type: String
    public var jsonPath: String
    public var description: String
    /// 0 shows by default; higher only with `-o wide`.
    public var priority: Int

    public init(_ name: String, type: String, jsonPath: String, description: String, priority: Int = 0) {
        self.name = name
        self.type = type
        self.jsonPath = jsonPath
        self.description = description
        self.priority = priority
    }

    public static let age = PrinterColumn("Age", type: "date", jsonPath: ".metadata.creationTimestamp", description: "Time since creation.")

    public static func condition(_ type: String, description: String) -> PrinterColumn {
        PrinterColumn(type, type: "string", jsonPath: #".status.conditions[?(@.type=="\#(type)")].status"#, description: description)
    }
}

/// Everything needed to render the CustomResourceDefinition of one kind (apiextensions.k8s.io/v1).
///
/// Each kind of this project is namespaced, served and stored in `v1alpha1`, in the category `brokers`, with the
/// status subresource.
public struct CustomResourceDefinitionBuilder: Sendable {
    public var kind: String
    public var plural: String
    public var singular: String
    public var shortNames: [String]
    public var description: String
    public var spec: Schema
    public var status: Schema
    public var printerColumns: [PrinterColumn]

    public init(kind: String, plural: String, shortNames: [String], description: String, spec: Schema, status: Schema, printerColumns: [PrinterColumn]) {
        self.kind = kind
        self.plural = plural
        self.singular = kind.lowercased()
        self.shortNames = shortNames
        self.description = description
        self.spec = spec
        self.status = status
        self.printerColumns = printerColumns
    }

    public var resource: ResourceDescription {
        ResourceDescription(group: RebalancingAPI.group, version: RebalancingAPI.version, kind: kind, plural: plural, isNamespaced: true)
    }

    /// The CustomResourceDefinition object.
    public var manifest: JSONValue {
        let openAPISchema: JSONValue = [
            "type": "object",
            "description": .string(description),
            "properties": [
                "apiVersion": ["type": "string", "description": "The versioned schema of this object: rebalance.brokers.dev/v1alpha1."],
                "kind": ["type": "string", "description": .string("The kind of this object: \(kind).")],
                "metadata": ["type": "object"],
                "spec": spec.json,
                "status": status.json,
            ],
            "required": ["spec"],
        ]
        let columns: [JSONValue] = printerColumns.map { column in
            var json: JSONValue = [
                "name": .string(column.name),
                "type": .string(column.type),
                "jsonPath": .string(column.jsonPath),
                "description": .string(column.description),
            ]
            if column.priority != 0 { json["priority"] = .int(Int64(column.priority)) }
            return json
        }
        return [
            "apiVersion": "apiextensions.k8s.io/v1",
            "kind": "CustomResourceDefinition",
            "metadata": ["name": .string("\(plural).\(RebalancingAPI.group)")],
            "spec": [
                "group": .string(RebalancingAPI.group),
                "scope": "Namespaced",
                "names": [
                    "kind": .string(kind),
                    "listKind": .string("\(kind)List"),
                    "plural": .string(plural),
                    "singular": .string(singular),
                    "shortNames": .array(shortNames.map(JSONValue.string)),
                    "categories": [.string(RebalancingAPI.category)],
                ],
                "versions": [
                    [
                        "name": .string(RebalancingAPI.version),
                        "served": true,
                        "storage": true,
                        "subresources": ["status": [:]],
                        "additionalPrinterColumns": .array(columns),
                        "schema": ["openAPIV3Schema": openAPISchema],
                    ]
                ],
            ],
        ]
    }
}
