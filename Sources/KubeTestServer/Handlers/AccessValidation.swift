import KubeClient

/// The validations of Deployments, Roles, ClusterRoles and their bindings that a client would meet on a real
/// server (`pkg/apis/apps/validation`, `pkg/apis/rbac/validation`), as 422 causes.
///
/// - Deployments: `spec.selector` required and immutable, and it must select the template's labels.
/// - Roles and ClusterRoles: every rule has verbs; resource rules name API groups and resources; Roles may not
///   name non-resource URLs.
/// - RoleBindings and ClusterRoleBindings: `roleRef` names a Role or ClusterRole (ClusterRole only for
///   ClusterRoleBindings) of `rbac.authorization.k8s.io` and cannot change; subjects have a known kind and a name.
enum AccessValidation {
    static func checkDeployment(_ object: JSONValue, old: JSONValue?, causes: inout [APIError.Cause]) {
        guard let selector = object[path: ["spec", "selector"]], !selector.isNull else {
            causes.append(.init(type: "FieldValueRequired", message: "Required value", field: "spec.selector"))
            return
        }
        let labels = (object[path: ["spec", "template", "metadata", "labels"]]?.objectValue ?? [:]).compactMapValues(\.stringValue)
        let isEmpty = (selector["matchLabels"]?.objectValue ?? [:]).isEmpty && (selector["matchExpressions"]?.arrayValue ?? []).isEmpty
        if isEmpty {
            causes.append(.init(type: "FieldValueInvalid", message: "Invalid value: \(JSONCoding.encode(selector)): empty selector is invalid for deployment", field: "spec.selector"))
        } else if (try? selector.decode(as: KubeLabelSelector.self))?.matches(labels) != true {
            let shown = labels.keys.sorted().map { "\($0):\(labels[$0] ?? "")" }.joined(separator: " ")
            causes.append(.init(type: "FieldValueInvalid", message: "Invalid value: map[string]string{\(shown)}: `selector` does not match template `labels`", field: "spec.template.metadata.labels"))
        }
        if let old, let previous = old[path: ["spec", "selector"]], previous != selector {
            causes.append(.init(type: "FieldValueInvalid", message: "Invalid value: \(JSONCoding.encode(selector)): field is immutable", field: "spec.selector"))
        }
    }

    static func checkRole(_ object: JSONValue, isNamespaced: Bool, causes: inout [APIError.Cause]) {
        for (index, rule) in (object["rules"]?.arrayValue ?? []).enumerated() {
            let field = "rules[\(index)]"
            func values(_ name: String) -> [String] { (rule[name]?.arrayValue ?? []).compactMap(\.stringValue) }
            if values("verbs").isEmpty {
                causes.append(.init(type: "FieldValueRequired", message: "Required value: verbs must contain at least one value", field: "\(field).verbs"))
            }
            let urls = values("nonResourceURLs")
            if !urls.isEmpty {
                if isNamespaced {
                    causes.append(.init(type: "FieldValueInvalid", message: "Invalid value: \(JSONCoding.encode(rule["nonResourceURLs"] ?? [])): namespaced rules cannot apply to non-resource URLs", field: "\(field).nonResourceURLs"))
                }
                continue
            }
            if rule["apiGroups"]?.arrayValue == nil || (rule["apiGroups"]?.arrayValue ?? []).isEmpty {
                causes.append(.init(type: "FieldValueRequired", message: "Required value: resource rules must supply at least one api group", field: "\(field).apiGroups"))
            }
            if values("resources").isEmpty {
                causes.append(.init(type: "FieldValueRequired", message: "Required value: resource rules must supply at least one resource", field: "\(field).resources"))
            }
        }
    }

    static func checkBinding(_ object: JSONValue, old: JSONValue?, isClusterBinding: Bool, causes: inout [APIError.Cause]) {
        let roleRef = object["roleRef"] ?? [:]
        let kinds = isClusterBinding ? ["ClusterRole"] : ["Role", "ClusterRole"]
        let kind = roleRef["kind"]?.stringValue ?? ""
        if !kinds.contains(kind) {
            causes.append(.init(type: "FieldValueNotSupported", message: "Unsupported value: \"\(kind)\": supported values: " + kinds.map { "\"\($0)\"" }.joined(separator: ", "), field: "roleRef.kind"))
        }
        let group = roleRef["apiGroup"]?.stringValue ?? ""
        if group != "rbac.authorization.k8s.io" {
            causes.append(.init(type: "FieldValueNotSupported", message: "Unsupported value: \"\(group)\": supported values: \"rbac.authorization.k8s.io\"", field: "roleRef.apiGroup"))
        }
        if (roleRef["name"]?.stringValue ?? "").isEmpty {
            causes.append(.init(type: "FieldValueRequired", message: "Required value", field: "roleRef.name"))
        }
        for (index, subject) in (object["subjects"]?.arrayValue ?? []).enumerated() {
            let kind = subject["kind"]?.stringValue ?? ""
            if !["ServiceAccount", "User", "Group"].contains(kind) {
                causes.append(.init(type: "FieldValueNotSupported", message: "Unsupported value: \"\(kind)\": supported values: \"ServiceAccount\", \"User\", \"Group\"", field: "subjects[\(index)].kind"))
            }
            if (subject["name"]?.stringValue ?? "").isEmpty {
                causes.append(.init(type: "FieldValueRequired", message: "Required value", field: "subjects[\(index)].name"))
            }
        }
        if let old, let previous = old["roleRef"], previous != roleRef {
            causes.append(.init(type: "FieldValueInvalid", message: "Invalid value: \(JSONCoding.encode(roleRef)): cannot change roleRef", field: "roleRef"))
        }
    }
}
