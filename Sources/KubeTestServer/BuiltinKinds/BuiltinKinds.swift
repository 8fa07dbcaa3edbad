import KubeClient

/// The built-in kinds the test server serves, with the real server's names, scope, short names, categories and
/// subresources, and schemas good enough for `kubectl explain` and `apply`.
///
/// The schemas type the fields this project and kubectl use and keep the rest open
/// (`x-kubernetes-preserve-unknown-fields`); they document, they do not constrain: the server should not prune or
/// validate built-in objects with them (`isCustom == false`).
public enum BuiltinKinds {
    public static let namespace = RegisteredKind(
        resource: ResourceDescription(group: "", version: "v1", kind: "Namespace", plural: "namespaces", isNamespaced: false),
        shortNames: ["ns"], hasStatusSubresource: true, schema: CoreSchemas.namespace)
    public static let node = RegisteredKind(
        resource: ResourceDescription(group: "", version: "v1", kind: "Node", plural: "nodes", isNamespaced: false),
        shortNames: ["no"], hasStatusSubresource: true, schema: CoreSchemas.node)
    public static let pod = RegisteredKind(
        resource: ResourceDescription(group: "", version: "v1", kind: "Pod", plural: "pods", isNamespaced: true),
        shortNames: ["po"], categories: ["all"], hasStatusSubresource: true, schema: CoreSchemas.pod)
    public static let secret = RegisteredKind(
        resource: ResourceDescription(group: "", version: "v1", kind: "Secret", plural: "secrets", isNamespaced: true),
        schema: CoreSchemas.secret)
    public static let configMap = RegisteredKind(
        resource: ResourceDescription(group: "", version: "v1", kind: "ConfigMap", plural: "configmaps", isNamespaced: true),
        shortNames: ["cm"], schema: CoreSchemas.configMap)
    public static let service = RegisteredKind(
        resource: ResourceDescription(group: "", version: "v1", kind: "Service", plural: "services", isNamespaced: true),
        shortNames: ["svc"], categories: ["all"], hasStatusSubresource: true, schema: CoreSchemas.service)
    public static let coreEvent = RegisteredKind(
        resource: ResourceDescription(group: "", version: "v1", kind: "Event", plural: "events", isNamespaced: true),
        shortNames: ["ev"], schema: CoreSchemas.event)
    public static let statefulSet = RegisteredKind(
        resource: ResourceDescription(group: "apps", version: "v1", kind: "StatefulSet", plural: "statefulsets", isNamespaced: true),
        shortNames: ["sts"], categories: ["all"], hasStatusSubresource: true,
        scale: RegisteredKind.ScaleSubresource(specReplicasPath: ".spec.replicas", statusReplicasPath: ".status.replicas", labelSelectorPath: ".status.selector"),
        schema: GroupSchemas.statefulSet)
    public static let deployment = RegisteredKind(
        resource: ResourceDescription(group: "apps", version: "v1", kind: "Deployment", plural: "deployments", isNamespaced: true),
        shortNames: ["deploy"], categories: ["all"], hasStatusSubresource: true,
        scale: RegisteredKind.ScaleSubresource(specReplicasPath: ".spec.replicas", statusReplicasPath: ".status.replicas", labelSelectorPath: ".status.selector"),
        schema: GroupSchemas.deployment)
    public static let serviceAccount = RegisteredKind(
        resource: ResourceDescription(group: "", version: "v1", kind: "ServiceAccount", plural: "serviceaccounts", isNamespaced: true),
        shortNames: ["sa"], schema: AccessSchemas.serviceAccount)
    public static let role = RegisteredKind(
        resource: ResourceDescription(group: "rbac.authorization.k8s.io", version: "v1", kind: "Role", plural: "roles", isNamespaced: true),
        schema: AccessSchemas.role)
    public static let clusterRole = RegisteredKind(
        resource: ResourceDescription(group: "rbac.authorization.k8s.io", version: "v1", kind: "ClusterRole", plural: "clusterroles", isNamespaced: false),
        schema: AccessSchemas.clusterRole)
    public static let roleBinding = RegisteredKind(
        resource: ResourceDescription(group: "rbac.authorization.k8s.io", version: "v1", kind: "RoleBinding", plural: "rolebindings", isNamespaced: true),
        schema: AccessSchemas.roleBinding)
    public static let clusterRoleBinding = RegisteredKind(
        resource: ResourceDescription(group: "rbac.authorization.k8s.io", version: "v1", kind: "ClusterRoleBinding", plural: "clusterrolebindings", isNamespaced: false),
        schema: AccessSchemas.clusterRoleBinding)
    public static let podDisruptionBudget = RegisteredKind(
        resource: ResourceDescription(group: "policy", version: "v1", kind: "PodDisruptionBudget", plural: "poddisruptionbudgets", isNamespaced: true),
        shortNames: ["pdb"], hasStatusSubresource: true, schema: GroupSchemas.podDisruptionBudget)
    public static let lease = RegisteredKind(
        resource: ResourceDescription(group: "coordination.k8s.io", version: "v1", kind: "Lease", plural: "leases", isNamespaced: true),
        schema: GroupSchemas.lease)
    public static let event = RegisteredKind(
        resource: ResourceDescription(group: "events.k8s.io", version: "v1", kind: "Event", plural: "events", isNamespaced: true),
        shortNames: ["ev"], schema: GroupSchemas.event)
    public static let customResourceDefinition = RegisteredKind(
        resource: ResourceDescription(group: "apiextensions.k8s.io", version: "v1", kind: "CustomResourceDefinition",
                                      plural: "customresourcedefinitions", isNamespaced: false),
        shortNames: ["crd", "crds"], categories: ["api-extensions"], hasStatusSubresource: true,
        schema: GroupSchemas.customResourceDefinition)

    /// Every built-in kind, core group first, in the order discovery lists them.
    public static let all: [RegisteredKind] = [
        namespace, node, pod, secret, configMap, service, serviceAccount, coreEvent, deployment, statefulSet, podDisruptionBudget, lease,
        event, role, clusterRole, roleBinding, clusterRoleBinding, customResourceDefinition,
    ]
}
