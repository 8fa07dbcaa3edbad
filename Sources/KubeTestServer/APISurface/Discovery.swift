import KubeClient

/// The legacy discovery documents (`/api`, `/apis`, `/api/v1`, `/apis/<group>/<version>`, `/version`) built from
/// the registered kinds, as `kubectl` and client-go's RESTMapper read them.
///
/// Groups appear in the order their kinds are registered; within a group the preferred version is the highest by
/// Kubernetes version priority (`v1` > `v1beta1` > `v1alpha1`). Each resource lists its verbs, short names and
/// categories, followed by its subresources: `x/status`, `x/scale` (kind `Scale` in `autoscaling/v1`) and, for
/// pods, `pods/eviction` (kind `Eviction` in `policy/v1`, which `kubectl drain` checks for).
public enum Discovery {
    /// The version the server reports; `kubectl` dispatchers pick the matching client release from it.
    public static func version() -> JSONValue {
        [
            "major": "1", "minor": "32", "gitVersion": "v1.32.0", "gitCommit": "70d3cc986aa8221cd1dfb1121852688902d3bf53",
            "gitTreeState": "clean", "buildDate": "2024-12-11T17:59:15Z", "goVersion": "go1.23.3", "compiler": "gc",
            "platform": "linux/amd64",
        ]
    }

    /// `/api`: the core group's versions.
    public static func apiVersions(serverAddress: String = "") -> JSONValue {
        [
            "kind": "APIVersions", "versions": ["v1"],
            "serverAddressByClientCIDRs": [["clientCIDR": "0.0.0.0/0", "serverAddress": .string(serverAddress)]],
        ]
    }

    /// `/apis`: every named group with its versions and preferred version.
    public static func apiGroupList(kinds: [RegisteredKind]) -> JSONValue {
        ["kind": "APIGroupList", "apiVersion": "v1", "groups": .array(groups(kinds).map(groupJSON))]
    }

    /// `/apis/<group>`: one group, or `nil` when no kind is registered in it.
    public static func apiGroup(_ name: String, kinds: [RegisteredKind]) -> JSONValue? {
        guard let group = groups(kinds).first(where: { $0.name == name }) else { return nil }
        var json = groupJSON(group)
        json["kind"] = "APIGroup"
        json["apiVersion"] = "v1"
        return json
    }

    /// `/api/v1`.
    public static func coreResourceList(kinds: [RegisteredKind]) -> JSONValue {
        apiResourceList(groupVersion: "v1", kinds: kinds) ?? ["kind": "APIResourceList", "groupVersion": "v1", "resources": []]
    }

    /// `/apis/<group>/<version>` (or `v1` for the core group); `nil` when nothing is served in that group-version.
    public static func apiResourceList(groupVersion: String, kinds: [RegisteredKind]) -> JSONValue? {
        let served = kinds.filter { $0.resource.apiVersion == groupVersion }
        guard !served.isEmpty else { return nil }
        var resources: [JSONValue] = []
        for kind in served {
            resources.append(contentsOf: resourceEntries(kind))
        }
        return ["kind": "APIResourceList", "apiVersion": "v1", "groupVersion": .string(groupVersion), "resources": .array(resources)]
    }

    /// The verbs of a kind's main resource.
    public static func verbs(for kind: RegisteredKind) -> [String] {
        if kind.resource.group.isEmpty, kind.resource.kind == "Namespace" {
            return ["create", "delete", "get", "list", "patch", "update", "watch"]
        }
        return ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]
    }

    static func resourceEntries(_ kind: RegisteredKind) -> [JSONValue] {
        let resource = kind.resource
        var main: JSONValue = [
            "name": .string(resource.plural), "singularName": .string(kind.singular), "namespaced": .bool(resource.isNamespaced),
            "kind": .string(resource.kind), "verbs": .array(verbs(for: kind).map { .string($0) }),
        ]
        if !kind.shortNames.isEmpty { main["shortNames"] = .array(kind.shortNames.map { .string($0) }) }
        if !kind.categories.isEmpty { main["categories"] = .array(kind.categories.map { .string($0) }) }
        var entries = [main]
        func subresource(_ name: String, kind subKind: String, group: String? = nil, version: String? = nil, verbs: [String]) {
            var entry: JSONValue = [
                "name": .string("\(resource.plural)/\(name)"), "singularName": "", "namespaced": .bool(resource.isNamespaced),
                "kind": .string(subKind), "verbs": .array(verbs.map { .string($0) }),
            ]
            if let group { entry["group"] = .string(group) }
            if let version { entry["version"] = .string(version) }
            entries.append(entry)
        }
        if kind.hasStatusSubresource { subresource("status", kind: resource.kind, verbs: ["get", "patch", "update"]) }
        if kind.scale != nil { subresource("scale", kind: "Scale", group: "autoscaling", version: "v1", verbs: ["get", "patch", "update"]) }
        if resource.group.isEmpty, resource.plural == "pods" {
            subresource("attach", kind: "PodAttachOptions", verbs: ["create", "get"])
            subresource("eviction", kind: "Eviction", group: "policy", version: "v1", verbs: ["create"])
            subresource("exec", kind: "PodExecOptions", verbs: ["create", "get"])
            subresource("log", kind: "Pod", verbs: ["get"])
            subresource("portforward", kind: "PodPortForwardOptions", verbs: ["create", "get"])
        }
        return entries
    }

    struct Group {
        var name: String
        var versions: [String]
        var preferred: String
    }

    static func groups(_ kinds: [RegisteredKind]) -> [Group] {
        var order: [String] = []
        var versions: [String: [String]] = [:]
        for kind in kinds where !kind.resource.group.isEmpty {
            let group = kind.resource.group
            if versions[group] == nil { order.append(group) }
            if !(versions[group] ?? []).contains(kind.resource.version) { versions[group, default: []].append(kind.resource.version) }
        }
        return order.map { name in
            let sorted = (versions[name] ?? []).sorted(by: isHigherPriority)
            return Group(name: name, versions: sorted, preferred: sorted.first ?? "v1")
        }
    }

    static func groupJSON(_ group: Group) -> JSONValue {
        func entry(_ version: String) -> JSONValue { ["groupVersion": .string("\(group.name)/\(version)"), "version": .string(version)] }
        return ["name": .string(group.name), "versions": .array(group.versions.map(entry)), "preferredVersion": entry(group.preferred)]
    }

    /// Kubernetes version priority: GA before beta before alpha, higher numbers first, non-conforming names last
    /// in alphabetical order.
    public static func isHigherPriority(_ lhs: String, than rhs: String) -> Bool {
        func parse(_ version: String) -> (major: Int, stage: Int, minor: Int)? {
            guard version.hasPrefix("v") else { return nil }
            let rest = version.dropFirst()
            let digits = rest.prefix { $0.isNumber }
            guard let major = Int(digits) else { return nil }
            let suffix = rest.dropFirst(digits.count)
            if suffix.isEmpty { return (major, 2, 0) }
            for (stage, word) in [(1, "beta"), (0, "alpha")] where suffix.hasPrefix(word) {
                guard let minor = Int(suffix.dropFirst(word.count)) else { return nil }
                return (major, stage, minor)
            }
            return nil
        }
        switch (parse(lhs), parse(rhs)) {
        case (let left?, let right?):
            if left.stage != right.stage { return left.stage > right.stage }
            if left.major != right.major { return left.major > right.major }
            return left.minor > right.minor
        case (.some, .none): return true
        case (.none, .some): return false
        case (.none, .none): return lhs < rhs
        }
    }
}
