import KubeClient

/// OpenAPI v3 schemas of the `meta.k8s.io/v1` types that kind schemas and operations refer to (ObjectMeta,
/// ListMeta, Time, Status, DeleteOptions, Patch, ...), under the real server's component names.
enum MetaSchemas {
    static let prefix = "io.k8s.apimachinery.pkg.apis.meta.v1."
    static let objectMeta = prefix + "ObjectMeta"
    static let listMeta = prefix + "ListMeta"
    static let time = prefix + "Time"
    static let microTime = prefix + "MicroTime"
    static let status = prefix + "Status"
    static let deleteOptions = prefix + "DeleteOptions"
    static let patch = prefix + "Patch"
    static let scale = "io.k8s.api.autoscaling.v1.Scale"
    static let eviction = "io.k8s.api.policy.v1.Eviction"

    static func ref(_ name: String) -> JSONValue { ["$ref": .string("#/components/schemas/\(name)")] }

    /// A property that refers to another schema, as the real documents write it (`allOf` with one `$ref`).
    static func refProperty(_ name: String, description: String, default defaultValue: JSONValue? = nil) -> JSONValue {
        var property: JSONValue = ["allOf": [ref(name)], "description": .string(description)]
        if let defaultValue { property["default"] = defaultValue }
        return property
    }

    static func string(_ description: String) -> JSONValue { ["type": "string", "description": .string(description), "default": ""] }
    static func stringMap(_ description: String) -> JSONValue {
        ["type": "object", "description": .string(description), "additionalProperties": ["type": "string", "default": ""]]
    }

    static let apiVersionDescription = "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources"
    static let kindDescription = "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds"
    static let objectMetaDescription = "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata"
    static let listMetaDescription = "Standard list metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds"

    static let all: [String: JSONValue] = [
        objectMeta: [
            "description": "ObjectMeta is metadata that all persisted resources must have, which includes all objects users must create.",
            "type": "object",
            "properties": [
                "annotations": stringMap("Annotations is an unstructured key value map stored with a resource that may be set by external tools to store and retrieve arbitrary metadata. They are not queryable and should be preserved when modifying objects. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/annotations"),
                "creationTimestamp": refProperty(time, description: TableRenderer.creationTimestampDescription),
                "deletionGracePeriodSeconds": ["type": "integer", "format": "int64", "description": "Number of seconds allowed for this object to gracefully terminate before it will be removed from the system. Only set when deletionTimestamp is also set. May only be shortened. Read-only."],
                "deletionTimestamp": refProperty(time, description: "DeletionTimestamp is RFC 3339 date and time at which this resource will be deleted. This field is set by the server when a graceful deletion is requested by the user, and is not directly settable by a client. Populated by the system when a graceful deletion is requested. Read-only."),
                "finalizers": ["type": "array", "description": "Must be empty before the object is deleted from the registry. Each entry is an identifier for the responsible component that will remove the entry from the list.", "items": ["type": "string", "default": ""], "x-kubernetes-list-type": "set", "x-kubernetes-patch-strategy": "merge"],
                "generateName": string("GenerateName is an optional prefix, used by the server, to generate a unique name ONLY IF the Name field has not been provided."),
                "generation": ["type": "integer", "format": "int64", "description": "A sequence number representing a specific generation of the desired state. Populated by the system. Read-only."],
                "labels": stringMap("Map of string keys and values that can be used to organize and categorize (scope and select) objects. May match selectors of replication controllers and services. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels"),
                "managedFields": ["type": "array", "description": "ManagedFields maps workflow-id and version to the set of fields that are managed by that workflow.", "items": ["type": "object", "x-kubernetes-preserve-unknown-fields": true]],
                "name": string(TableRenderer.nameDescription),
                "namespace": string("Namespace defines the space within which each name must be unique. An empty namespace is equivalent to the \"default\" namespace, but \"default\" is the canonical representation. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces"),
                "ownerReferences": [
                    "type": "array",
                    "description": "List of objects depended by this object. If ALL objects in the list have been deleted, this object will be garbage collected.",
                    "items": [
                        "type": "object", "required": ["apiVersion", "kind", "name", "uid"],
                        "description": "OwnerReference contains enough information to let you identify an owning object.",
                        "properties": [
                            "apiVersion": string("API version of the referent."), "kind": string("Kind of the referent."),
                            "name": string("Name of the referent."), "uid": string("UID of the referent."),
                            "blockOwnerDeletion": ["type": "boolean", "description": "If true, AND if the owner has the \"foregroundDeletion\" finalizer, then the owner cannot be deleted from the key-value store until this reference is removed."],
                            "controller": ["type": "boolean", "description": "If true, this reference points to the managing controller."],
                        ],
                        "x-kubernetes-map-type": "atomic",
                    ],
                    "x-kubernetes-list-map-keys": ["uid"], "x-kubernetes-list-type": "map",
                    "x-kubernetes-patch-merge-key": "uid", "x-kubernetes-patch-strategy": "merge",
                ],
                "resourceVersion": string("An opaque value that represents the internal version of this object that can be used by clients to determine when objects have changed. Populated by the system. Read-only."),
                "selfLink": string("Deprecated: selfLink is a legacy read-only field that is no longer populated by the system."),
                "uid": string("UID is the unique in time and space value for this object. It is typically generated by the server on successful creation of a resource and is not allowed to change on PUT operations. Populated by the system. Read-only."),
            ],
        ],
        listMeta: [
            "description": "ListMeta describes metadata that synthetic resources must have, including lists and various status objects.",
            "type": "object",
            "properties": [
                "continue": ["type": "string", "description": "continue may be set if the user set a limit on the number of items returned, and indicates that the server has more data available."],
                "remainingItemCount": ["type": "integer", "format": "int64", "description": "remainingItemCount is the number of subsequent items in the list which are not included in this list response."],
                "resourceVersion": ["type": "string", "description": "String that identifies the server's internal version of this object that can be used by clients to determine when objects have changed."],
                "selfLink": ["type": "string", "description": "Deprecated: selfLink is a legacy read-only field that is no longer populated by the system."],
            ],
        ],
        time: ["description": "Time is a wrapper around time.Time which supports correct marshaling to YAML and JSON.", "type": "string", "format": "date-time"],
        microTime: ["description": "MicroTime is version of Time with microsecond level precision.", "type": "string", "format": "date-time"],
        status: [
            "description": "Status is a return value for calls that don't return other objects.",
            "type": "object",
            "properties": [
                "apiVersion": ["type": "string", "description": .string(apiVersionDescription)],
                "code": ["type": "integer", "format": "int32", "description": "Suggested HTTP return code for this status, 0 if not set."],
                "details": ["type": "object", "x-kubernetes-preserve-unknown-fields": true, "description": "Extended data associated with the reason."],
                "kind": ["type": "string", "description": .string(kindDescription)],
                "message": ["type": "string", "description": "A human-readable description of the status of this operation."],
                "metadata": refProperty(listMeta, description: listMetaDescription, default: [:]),
                "reason": ["type": "string", "description": "A machine-readable description of why this operation is in the \"Failure\" status."],
                "status": ["type": "string", "description": "Status of the operation. One of: \"Success\" or \"Failure\"."],
            ],
            "x-kubernetes-group-version-kind": [["group": "", "kind": "Status", "version": "v1"]],
        ],
        deleteOptions: [
            "description": "DeleteOptions may be provided when deleting an API object.",
            "type": "object",
            "properties": [
                "apiVersion": ["type": "string", "description": .string(apiVersionDescription)],
                "dryRun": ["type": "array", "items": ["type": "string", "default": ""], "description": "When present, indicates that modifications should not be persisted."],
                "gracePeriodSeconds": ["type": "integer", "format": "int64", "description": "The duration in seconds before the object should be deleted."],
                "kind": ["type": "string", "description": .string(kindDescription)],
                "preconditions": ["type": "object", "description": "Must be fulfilled before a deletion is carried out.", "properties": ["resourceVersion": ["type": "string"], "uid": ["type": "string"]]],
                "propagationPolicy": ["type": "string", "description": "Whether and how garbage collection will be performed: Orphan, Background or Foreground."],
            ],
        ],
        patch: ["description": "Patch is provided to give a concrete name and type to the Kubernetes PATCH request body.", "type": "object"],
        scale: [
            "description": "Scale represents a scaling request for a resource.",
            "type": "object",
            "properties": [
                "apiVersion": ["type": "string", "description": .string(apiVersionDescription)],
                "kind": ["type": "string", "description": .string(kindDescription)],
                "metadata": refProperty(objectMeta, description: objectMetaDescription, default: [:]),
                "spec": ["type": "object", "description": "spec defines the behavior of the scale.", "properties": ["replicas": ["type": "integer", "format": "int32", "description": "replicas is the desired number of instances for the scaled object."]]],
                "status": ["type": "object", "description": "status is the current status of the scale.", "properties": [
                    "replicas": ["type": "integer", "format": "int32", "default": 0, "description": "replicas is the actual number of observed instances of the scaled object."],
                    "selector": ["type": "string", "description": "selector is the label query over pods that should match the replicas count."],
                ], "required": ["replicas"]],
            ],
            "x-kubernetes-group-version-kind": [["group": "autoscaling", "kind": "Scale", "version": "v1"]],
        ],
        eviction: [
            "description": "Eviction evicts a pod from its node subject to certain policies and safety constraints.",
            "type": "object",
            "properties": [
                "apiVersion": ["type": "string", "description": .string(apiVersionDescription)],
                "deleteOptions": refProperty(deleteOptions, description: "DeleteOptions may be provided"),
                "kind": ["type": "string", "description": .string(kindDescription)],
                "metadata": refProperty(objectMeta, description: "ObjectMeta describes the pod that is being evicted.", default: [:]),
            ],
            "x-kubernetes-group-version-kind": [["group": "policy", "kind": "Eviction", "version": "v1"]],
        ],
    ]
}
