import KubeClient

/// Schemas of the kinds a cluster install and common tools create beside workloads: `v1` ServiceAccounts and the
/// `rbac.authorization.k8s.io/v1` Roles, ClusterRoles and their bindings. Stored and validated (required fields,
/// immutable `roleRef`); nothing enforces the rules they grant (one token, all rights).
enum AccessSchemas {
    typealias S = SchemaBuilder

    static let serviceAccount = S.kind("ServiceAccount binds together: a name, understood by users, and perhaps by peripheral systems, for an identity; a principal that can be authenticated and authorized; a set of secrets.", [
        "secrets": S.array("Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use.", SchemaBuilder.objectReference, mergeKey: "name"),
        "imagePullSecrets": S.array("ImagePullSecrets is a list of references to secrets in the same namespace to use for pulling any images in pods that reference this ServiceAccount.", S.object("LocalObjectReference contains enough information to let you locate the referenced object inside the same namespace.", ["name": S.string("Name of the referent.")]), listType: "atomic"),
        "automountServiceAccountToken": S.boolean("AutomountServiceAccountToken indicates whether pods running as this service account should have an API token automatically mounted."),
    ])

    static let policyRule = S.object("PolicyRule holds information that describes a policy rule, but does not contain information about who the rule applies to or which namespace the rule applies to.", [
        "apiGroups": S.array("APIGroups is the name of the APIGroup that contains the resources.", S.string(""), listType: "atomic"),
        "resources": S.array("Resources is a list of resources this rule applies to. '*' represents all resources.", S.string(""), listType: "atomic"),
        "verbs": S.array("Verbs is a list of Verbs that apply to ALL the ResourceKinds contained in this rule. '*' represents all verbs.", S.string(""), listType: "atomic"),
        "resourceNames": S.array("ResourceNames is an optional white list of names that the rule applies to.", S.string(""), listType: "atomic"),
        "nonResourceURLs": S.array("NonResourceURLs is a set of partial urls that a user should have access to.", S.string(""), listType: "atomic"),
    ], required: ["verbs"])

    static let rules = S.array("Rules holds all the PolicyRules for this Role", policyRule, listType: "atomic")

    static let role = S.kind("Role is a namespaced, logical grouping of PolicyRules that can be referenced as a unit by a RoleBinding.", [
        "rules": rules,
    ])

    static let clusterRole = S.kind("ClusterRole is a cluster level, logical grouping of PolicyRules that can be referenced as a unit by a RoleBinding or ClusterRoleBinding.", [
        "rules": rules,
        "aggregationRule": S.object("AggregationRule is an optional field that describes how to build the Rules for this ClusterRole.", [
            "clusterRoleSelectors": S.array("ClusterRoleSelectors holds a list of selectors which will be used to find ClusterRoles and create the rules.", SchemaBuilder.labelSelector, listType: "atomic"),
        ]),
    ])

    static let subject = S.object("Subject contains a reference to the object or user identities a role binding applies to.", [
        "kind": S.string("Kind of object being referenced. Values defined by this API group are \"User\", \"Group\", and \"ServiceAccount\"."),
        "apiGroup": S.string("APIGroup holds the API group of the referenced subject."),
        "name": S.string("Name of the object being referenced."),
        "namespace": S.string("Namespace of the referenced object."),
    ], required: ["kind", "name"])

    static let roleRef = S.object("RoleRef can reference a Role in the current namespace or a ClusterRole in the global namespace. This field is immutable.", [
        "apiGroup": S.string("APIGroup is the group for the resource being referenced"),
        "kind": S.string("Kind is the type of resource being referenced"),
        "name": S.string("Name is the name of resource being referenced"),
    ], required: ["apiGroup", "kind", "name"])

    static let roleBinding = S.kind("RoleBinding references a role, but does not contain it. It can reference a Role in the same namespace or a ClusterRole in the global namespace.", [
        "subjects": S.array("Subjects holds references to the objects the role applies to.", subject, listType: "atomic"),
        "roleRef": roleRef,
    ], required: ["roleRef"])

    static let clusterRoleBinding = S.kind("ClusterRoleBinding references a ClusterRole, but not contain it. It can reference a ClusterRole in the global namespace, and adds who information via Subject.", [
        "subjects": S.array("Subjects holds references to the objects the role applies to.", subject, listType: "atomic"),
        "roleRef": roleRef,
    ], required: ["roleRef"])
}
