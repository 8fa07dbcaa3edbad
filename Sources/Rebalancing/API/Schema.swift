import KubeClient

/// A node of an OpenAPI v3 structural schema, as CustomResourceDefinitions carry them.
///
/// The CRDs of this project are built from these values (one source of truth for `crds/`, for the
/// `rebalance-operator crds` command and for what the API server validates). Every node carries a description so
/// that `kubectl explain` teaches the API. Only structural features are used: types, enums, bounds, patterns,
/// property counts, `required` and defaults; no CEL.
public struct Schema: Sendable, Hashable {
    /// The schema as the JSON an API server reads.
    public private(set) var json: JSONValue

    private init(type: String, description: String) {
        json = ["type": .string(type), "description": .string(description)]
    }

    public static func string(
        _ description: String,
        default defaultValue: String? = nil,
        enum values: [String]? = nil,
        pattern: String? = nil,
        minLength: Int? = nil,
        maxLength: Int? = nil,
        format: String? = nil
    ) -> Schema {
        var schema = Schema(type: "string", description: description)
        schema.json["default"] = defaultValue.map(JSONValue.string)
        schema.json["enum"] = values.map { .array($0.map(JSONValue.string)) }
        schema.json["pattern"] = pattern.map(JSONValue.string)
        schema.json["minLength"] = minLength.map { .int(Int64($0)) }
        schema.json["maxLength"] = maxLength.map { .int(Int64($0)) }
        schema.json["format"] = format.map(JSONValue.string)
        return schema
    }

    /// An RFC 3339 time (`metav1.Time`).
    public static func dateTime(_ description: String) -> Schema {
        .string(description, format: "date-time")
    }

    public static func integer(
        _ description: String,
        default defaultValue: Int64? = nil,
        minimum: Int64? = nil,
        maximum: Int64? = nil,
        format: String = "int64"
    ) -> Schema {
        var schema = Schema(type: "integer", description: description)
        schema.json["format"] = .string(format)
        schema.json["default"] = defaultValue.map(JSONValue.int)
        schema.json["minimum"] = minimum.map(JSONValue.int)
        schema.json["maximum"] = maximum.map(JSONValue.int)
        return schema
    }

    public static func number(_ description: String, minimum: Double? = nil) -> Schema {
        var schema = Schema(type: "number", description: description)
        schema.json["minimum"] = minimum.map(JSONValue.double)
        return schema
    }

    public static func boolean(_ description: String, default defaultValue: Bool? = nil) -> Schema {
        var schema = Schema(type: "boolean", description: description)
        schema.json["default"] = defaultValue.map(JSONValue.bool)
        return schema
    }

    /// An object with known properties. `defaultsToEmpty` sets `default: {}` so that the defaults of its
    /// properties apply even when the user leaves the whole object out.
    public static func object(
        _ description: String,
        properties: KeyValuePairs<String, Schema>,
        required: [String] = [],
        minProperties: Int? = nil,
        maxProperties: Int? = nil,
        defaultsToEmpty: Bool = false
    ) -> Schema {
        var schema = Schema(type: "object", description: description)
        schema.json["properties"] = .object(Dictionary(properties.map { ($0.key, $0.value.json) }, uniquingKeysWith: { first, _ in first }))
        schema.json["required"] = required.isEmpty ? nil : .array(required.map(JSONValue.string))
        schema.json["minProperties"] = minProperties.map { .int(Int64($0)) }
        schema.json["maxProperties"] = maxProperties.map { .int(Int64($0)) }
        schema.json["default"] = defaultsToEmpty ? .object([:]) : nil
        return schema
    }

    /// A string-keyed map whose values all follow `values`.
    public static func map(_ description: String, values: Schema) -> Schema {
        var schema = Schema(type: "object", description: description)
        schema.json["additionalProperties"] = values.json
        return schema
    }

    /// An array. `listType` is `atomic`, `set` or `map` (then `mapKeys` names the keys).
    public static func array(
        _ description: String,
        items: Schema,
        minItems: Int? = nil,
        maxItems: Int? = nil,
        listType: String? = nil,
        mapKeys: [String]? = nil
    ) -> Schema {
        var schema = Schema(type: "array", description: description)
        schema.json["items"] = items.json
        schema.json["minItems"] = minItems.map { .int(Int64($0)) }
        schema.json["maxItems"] = maxItems.map { .int(Int64($0)) }
        schema.json["x-kubernetes-list-type"] = listType.map(JSONValue.string)
        schema.json["x-kubernetes-list-map-keys"] = mapKeys.map { .array($0.map(JSONValue.string)) }
        return schema
    }
}

extension Schema {
    /// A decimal string greater than 1.0, as EMQX's relative thresholds require (e.g. `"1.1"`, `"2"`).
    /// Kept as a string because floats in CRDs round-trip badly; the pattern enforces `> 1.0`.
    public static func ratio(_ description: String, default defaultValue: String) -> Schema {
        .string(
            description + " A decimal string greater than 1.0.",
            default: defaultValue,
            pattern: #"^(([2-9]|[1-9][0-9]+)(\.[0-9]+)?|1\.[0-9]*[1-9][0-9]*)$"#,
            maxLength: 16
        )
    }

    /// `metav1.Condition`, as a list keyed by `type`.
    public static func conditions(_ description: String) -> Schema {
        .array(
            description,
            items: .object(
                "One observation of the object's state (metav1.Condition).",
                properties: [
                    "type": .string("Condition type in CamelCase, e.g. Ready.", pattern: #"^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$"#, maxLength: 316),
                    "status": .string("True, False or Unknown.", enum: ["True", "False", "Unknown"]),
                    "observedGeneration": .integer("The metadata.generation this condition was computed from.", minimum: 0),
                    "lastTransitionTime": .dateTime("When the status last changed."),
                    "reason": .string("Machine-readable reason for the last transition, in CamelCase.", pattern: #"^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$"#, minLength: 1, maxLength: 1024),
                    "message": .string("Human-readable details.", maxLength: 32768),
                ],
                required: ["type", "status", "lastTransitionTime", "reason", "message"]
            ),
            maxItems: 16,
            listType: "map",
            mapKeys: ["type"]
        )
    }

    /// `metav1.LabelSelector`.
    public static func labelSelector(_ description: String) -> Schema {
        .object(
            description,
            properties: [
                "matchLabels": .map("Labels that must all be present with these values.", values: .string("Label value.")),
                "matchExpressions": .array(
                    "Set-based requirements that must all hold.",
                    items: .object(
                        "A label requirement.",
                        properties: [
                            "key": .string("Label key.", minLength: 1),
                            "operator": .string("How the key relates to the values.", enum: ["In", "NotIn", "Exists", "DoesNotExist"]),
                            "values": .array("Values for In and NotIn; empty for Exists and DoesNotExist.", items: .string("A label value."), listType: "atomic"),
                        ],
                        required: ["key", "operator"]
                    ),
                    listType: "atomic"
                ),
            ]
        )
    }
}
