import KubeClient

/// Small constructors for the OpenAPI v3 schemas of the built-in kinds, so each schema reads as a list of fields.
/// Every node is built by KubeClient's ``Schema`` (the builder the operator's CRDs use); these only keep the
/// built-in kinds' tables short (unlabelled properties, JSON values, int32 integers by default).
enum SchemaBuilder {
    static func object(_ description: String, _ properties: [String: JSONValue] = [:], required: [String] = [], preserveUnknown: Bool = false) -> JSONValue {
        Schema.object(description, properties: properties.mapValues(Schema.init(json:)), required: required, preservesUnknownFields: preserveUnknown).json
    }

    /// An object whose fields this server does not spell out; its contents are kept as sent.
    static func opaque(_ description: String) -> JSONValue {
        object(description, preserveUnknown: true)
    }

    static func string(_ description: String, enum values: [String] = [], format: String? = nil) -> JSONValue {
        Schema.string(description, enum: values.isEmpty ? nil : values, format: format).json
    }

    static func integer(_ description: String, format: String = "int32") -> JSONValue {
        Schema.integer(description, format: format).json
    }

    static func boolean(_ description: String) -> JSONValue {
        Schema.boolean(description).json
    }

    static func time(_ description: String) -> JSONValue {
        Schema.dateTime(description).json
    }

    static func intOrString(_ description: String) -> JSONValue {
        Schema.intOrString(description).json
    }

    static func stringMap(_ description: String) -> JSONValue {
        Schema.map(description, values: .string()).json
    }

    /// A list; `mergeKey` adds the strategic-merge tags the real schema carries.
    static func array(_ description: String, _ items: JSONValue, mergeKey: String? = nil, listType: String? = nil) -> JSONValue {
        Schema.array(description, items: Schema(json: items), listType: listType, patchMergeKey: mergeKey).json
    }

    /// A top-level kind: `apiVersion`, `kind`, `metadata` and the given fields.
    static func kind(_ description: String, _ properties: [String: JSONValue], required: [String] = []) -> JSONValue {
        var all = properties
        all["apiVersion"] = string("APIVersion defines the versioned schema of this representation of an object.")
        all["kind"] = string("Kind is a string value representing the REST resource this object represents.")
        all["metadata"] = object("Standard object's metadata.", preserveUnknown: true)
        return object(description, all, required: required)
    }

    static let labelSelector = object("A label selector is a label query over a set of resources.", [
        "matchLabels": stringMap("matchLabels is a map of {key,value} pairs."),
        "matchExpressions": array("matchExpressions is a list of label selector requirements. The requirements are ANDed.", object(
            "A label selector requirement is a selector that contains values, a key, and an operator that relates the key and values.", [
                "key": string("key is the label key that the selector applies to."),
                "operator": string("operator represents a key's relationship to a set of values. Valid operators are In, NotIn, Exists and DoesNotExist."),
                "values": array("values is an array of string values.", string("")),
            ], required: ["key", "operator"])),
    ])

    static let condition = object("Condition contains details for one aspect of the current state of this API Resource.", [
        "type": string("type of condition in CamelCase or in foo.example.com/CamelCase."),
        "status": string("status of the condition, one of True, False, Unknown.", enum: ["True", "False", "Unknown"]),
        "observedGeneration": integer("observedGeneration represents the .metadata.generation that the condition was set based upon.", format: "int64"),
        "lastTransitionTime": time("lastTransitionTime is the last time the condition transitioned from one status to another."),
        "lastProbeTime": time("Last time we probed the condition."),
        "lastHeartbeatTime": time("Last time we got an update on a given condition."),
        "reason": string("reason contains a programmatic identifier indicating the reason for the condition's last transition."),
        "message": string("message is a human readable message indicating details about the transition."),
    ], required: ["type", "status"])

    static let objectReference = object("ObjectReference contains enough information to let you inspect or modify the referred object.", [
        "apiVersion": string("API version of the referent."), "kind": string("Kind of the referent."),
        "name": string("Name of the referent."), "namespace": string("Namespace of the referent."),
        "uid": string("UID of the referent."), "resourceVersion": string("Specific resourceVersion to which this reference is made, if any."),
        "fieldPath": string("If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement."),
    ])
}
