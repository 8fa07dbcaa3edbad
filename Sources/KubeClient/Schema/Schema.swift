/// A node of an OpenAPI v3 structural schema, as CustomResourceDefinitions and the API server's OpenAPI documents
/// carry them: the one schema builder of the package.
///
/// The operator's CRDs are built from these values (one source of truth for `crds/`, for the
/// `rebalance-operator crds` command and for what the API server validates), and so are the test API server's
/// schemas of the built-in kinds. Only structural features are offered: types, enums, bounds, patterns, property
/// counts, `required`, defaults and the `x-kubernetes-*` extensions the API server reads; no CEL.
///
/// ## Guarantees
/// - A constructor writes only what it is given: a parameter left `nil` (or empty) leaves its keyword out, so the
///   JSON stays as small as what the API server itself publishes.
/// - ``json`` is the exact document; equal schemas have equal JSON.
public struct Schema: Sendable, Hashable {
    /// The schema as the JSON an API server reads.
    public private(set) var json: JSONValue

    /// A node given as JSON as it is (e.g. a fragment of an upstream OpenAPI document).
    public init(json: JSONValue) {
        self.json = json
    }

    private init(type: String?, description: String?) {
        json = [:]
        json["type"] = type.map(JSONValue.string)
        json["description"] = description.map(JSONValue.string)
    }

    public static func string(
        _ description: String? = nil,
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

    /// An integer or a string such as `"25%"` (`intstr.IntOrString`): no `type`, `x-kubernetes-int-or-string`.
    public static func intOrString(_ description: String) -> Schema {
        var schema = Schema(type: nil, description: description)
        schema.json["x-kubernetes-int-or-string"] = true
        return schema
    }

    /// An object with known properties (`properties` is left out when there are none).
    ///
    /// - Parameters:
    ///   - defaultsToEmpty: Sets `default: {}` so that the defaults of its properties apply even when the user leaves
    ///     the whole object out.
    ///   - preservesUnknownFields: Sets `x-kubernetes-preserve-unknown-fields`, so that fields not listed are kept
    ///     rather than pruned.
    public static func object(
        _ description: String,
        properties: [String: Schema] = [:],
        required: [String] = [],
        minProperties: Int? = nil,
        maxProperties: Int? = nil,
        defaultsToEmpty: Bool = false,
        preservesUnknownFields: Bool = false
    ) -> Schema {
        var schema = Schema(type: "object", description: description)
        schema.json["properties"] = properties.isEmpty ? nil : .object(properties.mapValues(\.json))
        schema.json["required"] = required.isEmpty ? nil : .array(required.map(JSONValue.string))
        schema.json["minProperties"] = minProperties.map { .int(Int64($0)) }
        schema.json["maxProperties"] = maxProperties.map { .int(Int64($0)) }
        schema.json["default"] = defaultsToEmpty ? .object([:]) : nil
        schema.json["x-kubernetes-preserve-unknown-fields"] = preservesUnknownFields ? true : nil
        return schema
    }

    /// A string-keyed map whose values all follow `values`.
    public static func map(_ description: String, values: Schema) -> Schema {
        var schema = Schema(type: "object", description: description)
        schema.json["additionalProperties"] = values.json
        return schema
    }

    /// An array.
    ///
    /// - Parameters:
    ///   - listType: `atomic`, `set` or `map` (then `mapKeys` names the keys).
    ///   - patchMergeKey: The strategic-merge key of the built-in kinds' lists (`x-kubernetes-patch-merge-key`, with
    ///     `x-kubernetes-patch-strategy: merge`).
    public static func array(
        _ description: String,
        items: Schema,
        minItems: Int? = nil,
        maxItems: Int? = nil,
        listType: String? = nil,
        mapKeys: [String]? = nil,
        patchMergeKey: String? = nil,
        default defaultValue: [JSONValue]? = nil
    ) -> Schema {
        var schema = Schema(type: "array", description: description)
        schema.json["items"] = items.json
        schema.json["default"] = defaultValue.map(JSONValue.array)
        schema.json["minItems"] = minItems.map { .int(Int64($0)) }
        schema.json["maxItems"] = maxItems.map { .int(Int64($0)) }
        schema.json["x-kubernetes-list-type"] = listType.map(JSONValue.string)
        schema.json["x-kubernetes-list-map-keys"] = mapKeys.map { .array($0.map(JSONValue.string)) }
        schema.json["x-kubernetes-patch-merge-key"] = patchMergeKey.map(JSONValue.string)
        schema.json["x-kubernetes-patch-strategy"] = patchMergeKey == nil ? nil : "merge"
        return schema
    }
}
