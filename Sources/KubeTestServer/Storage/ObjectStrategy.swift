import KubeClient

/// Per-kind write rules of the real registry strategies, as pure functions (spec/kubernetes.md 3.2, 3.6, 3.7).
enum ObjectStrategy {
    /// Whether the kind has `metadata.generation` on a real cluster: custom resources, CRDs, workloads (Deployments,
    /// StatefulSets), PodDisruptionBudgets and Pods (as from Kubernetes 1.33). ConfigMaps, Secrets, Services,
    /// Namespaces, Nodes, Events, Leases, ServiceAccounts and RBAC objects have none.
    static func tracksGeneration(_ kind: RegisteredKind) -> Bool {
        kind.isCustom || [.pods, .statefulSets, .deployments, .podDisruptionBudgets, .customResourceDefinitions].contains(StorageKey(kind.resource))
    }

    /// Create: status is dropped when it is a subresource (Nodes keep theirs, as the kubelet creates them with
    /// one); Pods start `Pending`, Namespaces `Active`; Services get a cluster IP, the real defaults and an empty
    /// load-balancer status; Secrets default to type `Opaque`; workloads get the `apps/v1` defaults
    /// (``WorkloadDefaults``) and Deployments a rolled-out status.
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
        case .services:
            object = WorkloadDefaults.allocateServiceAddresses(defaulted(object, kind: kind))
            object["status"] = ["loadBalancer": [:]]
        case .deployments:
            object = WorkloadDefaults.deploymentStatus(defaulted(object, kind: kind))
        default:
            object = defaulted(object, kind: kind)
        }
        return object
    }

    /// The defaulting every write of a built-in kind goes through (the real server defaults on decode, so updates
    /// are defaulted too): Services, StatefulSets and Deployments (``WorkloadDefaults``), Secret `type` Opaque.
    static func defaulted(_ object: JSONValue, kind: RegisteredKind) -> JSONValue {
        guard !kind.isCustom else { return object }
        switch StorageKey(kind.resource) {
        case .services: return WorkloadDefaults.service(object)
        case .statefulSets: return WorkloadDefaults.statefulSet(object)
        case .deployments: return WorkloadDefaults.deployment(object)
        case .secrets:
            var secret = object
            if (secret["type"]?.stringValue ?? "").isEmpty { secret["type"] = "Opaque" }
            return secret
        default: return object
        }
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
    /// the precondition check, and the managedFields an apply computed).
    static func prepareForStatusUpdate(current: JSONValue, incoming: JSONValue) -> JSONValue {
        var object = current
        object["status"] = incoming["status"]
        object.resourceVersion = incoming.resourceVersion
        if let managedFields = incoming[path: ["metadata", "managedFields"]] { object[path: ["metadata", "managedFields"]] = managedFields }
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
