import KubeClient

/// Per-kind write rules of the real registry strategies, as pure functions (spec/kubernetes.md 3.2, 3.6, 3.7).
enum ObjectStrategy {
    /// Create: status is dropped when it is a subresource (Nodes keep theirs, as the kubelet creates them with
    /// one); Pods start `Pending`, Namespaces `Active`; Services get a cluster IP.
    static func prepareForCreate(_ incoming: JSONValue, kind: RegisteredKind, now: String) -> JSONValue {
        var object = incoming
        let key = StorageKey(kind.resource)
        if kind.hasStatusSubresource && key != .nodes && key != .customResourceDefinitions {
            object["status"] = nil
        }
        switch key {
        case .pods:
            object["status"] = ["phase": "Pending", "qosClass": "BestEffort"]
        case .namespaces:
            object["status"] = ["phase": "Active"]
            if object[path: ["spec", "finalizers"]] == nil { object[path: ["spec", "finalizers"]] = ["kubernetes"] }
            object[path: ["metadata", "labels", "kubernetes.io/metadata.name"]] = object["metadata"]?["name"]
        case StorageKey(group: "", plural: "services"):
            let type = object[path: ["spec", "type"]]?.stringValue ?? "ClusterIP"
            object[path: ["spec", "type"]] = .string(type)
            if type != "ExternalName", object[path: ["spec", "clusterIP"]] == nil {
                let address = "10.96.\(Int.random(in: 0...255)).\(Int.random(in: 1...254))"
                object[path: ["spec", "clusterIP"]] = .string(address)
                object[path: ["spec", "clusterIPs"]] = [.string(address)]
            }
        case .statefulSets:
            if object[path: ["spec", "replicas"]] == nil { object[path: ["spec", "replicas"]] = 1 }
            if object[path: ["spec", "podManagementPolicy"]] == nil { object[path: ["spec", "podManagementPolicy"]] = "OrderedReady" }
        default:
            break
        }
        return object
    }

    /// Whether a write changed anything that bumps `generation`: content outside `metadata`, and outside
    /// `status` when status is a subresource.
    static func specChanged(from current: JSONValue, to desired: JSONValue, kind: RegisteredKind) -> Bool {
        var before = current.removing("metadata")
        var after = desired.removing("metadata")
        if kind.hasStatusSubresource {
            before = before.removing("status")
            after = after.removing("status")
        }
        return before != after
    }

    /// PUT or PATCH on the main resource of a kind with a status subresource: the stored status wins.
    static func prepareForMainUpdate(current: JSONValue, incoming: JSONValue, kind: RegisteredKind) -> JSONValue {
        guard kind.hasStatusSubresource else { return incoming }
        var object = incoming
        object["status"] = current["status"]
        return object
    }

    /// PUT or PATCH on `/status`: the stored object with only the incoming status (the resourceVersion is kept for
    /// the precondition check).
    static func prepareForStatusUpdate(current: JSONValue, incoming: JSONValue) -> JSONValue {
        var object = current
        object["status"] = incoming["status"]
        object.resourceVersion = incoming.resourceVersion
        return object
    }

    /// A CustomResourceDefinition as the apiextensions controllers leave it once its names are accepted.
    static func establishedCustomResourceDefinition(_ crd: JSONValue, now: String) -> JSONValue {
        var object = crd
        let versions = crd[path: ["spec", "versions"]]?.arrayValue ?? []
        let storage = versions.first { $0["storage"]?.boolValue == true }?["name"] ?? versions.first?["name"] ?? "v1"
        object["status"] = [
            "acceptedNames": crd[path: ["spec", "names"]] ?? [:],
            "storedVersions": [storage],
            "conditions": [
                ["type": "NamesAccepted", "status": "True", "reason": "NoConflicts", "message": "no conflicts found",
                 "lastTransitionTime": .string(now)],
                ["type": "Established", "status": "True", "reason": "InitialNamesAccepted",
                 "message": "the initial names have been accepted", "lastTransitionTime": .string(now)],
            ],
        ]
        return object
    }
}
