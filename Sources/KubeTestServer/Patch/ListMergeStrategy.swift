import KubeClient

/// How a strategic merge patch combines a list with the stored one: the `patchStrategy` and `patchMergeKey` tags of
/// the built-in Go types, for the lists that kubectl and controllers patch.
public enum ListMergeStrategy: Sendable, Hashable {
    /// The patch's list replaces the stored list (no `patchStrategy` tag: tolerations, taints, args, ...).
    case replace
    /// Lists of objects merged element by element on `key` (`containers` by `name`, `conditions` by `type`).
    case mergeByKey(String)
    /// Lists of scalars merged as a set union (`metadata.finalizers`).
    case mergePrimitives

    /// The strategy for the list at `path` (field names from the object root, list elements add no component),
    /// e.g. `["spec", "template", "spec", "containers", "ports"]`.
    public static func forList(at path: [String], kind: ResourceDescription) -> ListMergeStrategy {
        guard let field = path.last else { return .replace }
        let parent = path.dropLast().last
        let podContainerLists: Set<String> = ["containers", "initContainers", "ephemeralContainers"]
        switch field {
        case "finalizers" where path == ["metadata", "finalizers"]:
            return .mergePrimitives
        case "ownerReferences" where parent == "metadata":
            return .mergeByKey("uid")
        case "containers", "initContainers", "ephemeralContainers", "imagePullSecrets", "schedulingGates":
            return .mergeByKey("name")
        case "volumes" where parent == "spec":
            return .mergeByKey("name")
        case "resourceClaims" where parent == "spec":
            return .mergeByKey("name")
        case "ports":
            if let parent, podContainerLists.contains(parent) { return .mergeByKey("containerPort") }
            if kind.group.isEmpty, kind.kind == "Service", path == ["spec", "ports"] { return .mergeByKey("port") }
            return .replace
        case "env" where parent.map(podContainerLists.contains) == true:
            return .mergeByKey("name")
        case "volumeMounts" where parent.map(podContainerLists.contains) == true:
            return .mergeByKey("mountPath")
        case "volumeDevices" where parent.map(podContainerLists.contains) == true:
            return .mergeByKey("devicePath")
        case "hostAliases":
            return .mergeByKey("ip")
        case "topologySpreadConstraints":
            return .mergeByKey("topologyKey")
        case "conditions" where parent == "status":
            return .mergeByKey("type")
        case "addresses" where parent == "status" && kind.kind == "Node":
            return .mergeByKey("type")
        default:
            return .replace
        }
    }
}
