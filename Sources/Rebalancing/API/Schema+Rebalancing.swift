import KubeClient

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
