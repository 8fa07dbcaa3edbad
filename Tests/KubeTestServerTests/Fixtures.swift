import KubeClient

/// Objects the raw-HTTP conformance tests create.
enum Fixtures {
    static let group = "test.kts.dev"
    static let widgets = "/apis/test.kts.dev/v1/namespaces/default/widgets"
    static let gadgets = "/apis/test.kts.dev/v1/namespaces/default/gadgets"

    /// A CRD with a status and a scale subresource, printer columns, defaults, an enum and bounds.
    static let widgetCRD: JSONValue = [
        "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
        "metadata": ["name": "widgets.test.kts.dev"],
        "spec": [
            "group": "test.kts.dev", "scope": "Namespaced",
            "names": ["kind": "Widget", "plural": "widgets", "singular": "widget", "shortNames": ["wd"], "categories": ["kts"], "listKind": "WidgetList"],
            "versions": [[
                "name": "v1", "served": true, "storage": true,
                "subresources": ["status": [:], "scale": ["specReplicasPath": ".spec.replicas", "statusReplicasPath": ".status.replicas", "labelSelectorPath": ".status.selector"]],
                "additionalPrinterColumns": [
                    ["name": "Size", "type": "string", "jsonPath": ".spec.size"],
                    ["name": "Phase", "type": "string", "jsonPath": ".status.phase"],
                ],
                "schema": ["openAPIV3Schema": [
                    "type": "object",
                    "properties": [
                        "apiVersion": ["type": "string"], "kind": ["type": "string"], "metadata": ["type": "object"],
                        "spec": [
                            "type": "object", "required": ["size"],
                            "properties": [
                                "size": ["type": "string", "enum": ["small", "large"]],
                                "rate": ["type": "integer", "minimum": 1, "maximum": 100, "default": 10],
                                "replicas": ["type": "integer", "minimum": 0],
                                "tags": ["type": "array", "items": ["type": "string"]],
                            ],
                        ],
                        "status": [
                            "type": "object",
                            "properties": [
                                "phase": ["type": "string"], "replicas": ["type": "integer"], "selector": ["type": "string"],
                                "observedGeneration": ["type": "integer"],
                                "conditions": ["type": "array", "items": ["type": "object", "x-kubernetes-preserve-unknown-fields": true]],
                            ],
                        ],
                    ],
                ]],
            ]],
        ],
    ]

    /// A CRD without a status subresource and with open content.
    static let gadgetCRD: JSONValue = [
        "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
        "metadata": ["name": "gadgets.test.kts.dev"],
        "spec": [
            "group": "test.kts.dev", "scope": "Namespaced",
            "names": ["kind": "Gadget", "plural": "gadgets", "singular": "gadget"],
            "versions": [[
                "name": "v1", "served": true, "storage": true,
                "schema": ["openAPIV3Schema": ["type": "object", "x-kubernetes-preserve-unknown-fields": true]],
            ]],
        ],
    ]

    static func widget(_ name: String, size: String = "small", labels: [String: JSONValue] = [:], rate: Int64? = nil) -> JSONValue {
        var object: JSONValue = [
            "apiVersion": "test.kts.dev/v1", "kind": "Widget",
            "metadata": ["name": .string(name), "labels": .object(labels)],
            "spec": ["size": .string(size)],
        ]
        if let rate { object[path: ["spec", "rate"]] = .int(rate) }
        return object
    }

    static func gadget(_ name: String, labels: [String: JSONValue] = [:]) -> JSONValue {
        ["apiVersion": "test.kts.dev/v1", "kind": "Gadget", "metadata": ["name": .string(name), "labels": .object(labels)], "spec": ["color": "red"]]
    }

    static func pod(_ name: String, node: String, labels: [String: JSONValue] = ["app": "emqx"], ownerUID: String? = nil) -> JSONValue {
        var pod: JSONValue = [
            "apiVersion": "v1", "kind": "Pod",
            "metadata": ["name": .string(name), "labels": .object(labels)],
            "spec": ["nodeName": .string(node), "containers": [["name": "emqx", "image": "emqx:5.9"]]],
        ]
        if let ownerUID {
            pod[path: ["metadata", "ownerReferences"]] = [["apiVersion": "apps/v1", "kind": "StatefulSet", "name": "emqx", "uid": .string(ownerUID), "controller": true]]
        }
        return pod
    }

    static let readyStatus: JSONValue = [
        "phase": "Running",
        "conditions": [["type": "Ready", "status": "True", "lastTransitionTime": "2026-01-01T00:00:00Z"]],
    ]
}
