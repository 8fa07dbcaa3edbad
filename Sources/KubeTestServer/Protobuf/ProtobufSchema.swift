/// How the protobuf fields of the Kubernetes types that `kubectl create <kind>` sends (typed clients send
/// `application/vnd.kubernetes.protobuf`) map to their JSON names, from `k8s.io/api/.../generated.proto`.
indirect enum ProtobufSchema: Sendable {
    case string
    case bytes
    case int
    case bool
    /// `metav1.Time` (`seconds`, `nanos`), written as RFC 3339.
    case time
    /// `intstr.IntOrString` (`type`, `intVal`, `strVal`).
    case intOrString
    /// `resource.Quantity` (`string`), written as its string.
    case quantity
    case message([Int: (String, ProtobufSchema)])
    case repeated(ProtobufSchema)
    /// `map<string, V>` (entries with key 1 and value 2).
    case map(ProtobufSchema)

    static let ownerReference: ProtobufSchema = .message([
        1: ("kind", .string), 3: ("name", .string), 4: ("uid", .string), 5: ("apiVersion", .string),
        6: ("controller", .bool), 7: ("blockOwnerDeletion", .bool),
    ])

    static let objectMeta: ProtobufSchema = .message([
        1: ("name", .string), 2: ("generateName", .string), 3: ("namespace", .string), 5: ("uid", .string),
        6: ("resourceVersion", .string), 7: ("generation", .int), 8: ("creationTimestamp", .time), 9: ("deletionTimestamp", .time),
        10: ("deletionGracePeriodSeconds", .int), 11: ("labels", .map(.string)), 12: ("annotations", .map(.string)),
        13: ("ownerReferences", .repeated(ownerReference)), 14: ("finalizers", .repeated(.string)),
    ])

    static let labelSelector: ProtobufSchema = .message([
        1: ("matchLabels", .map(.string)),
        2: ("matchExpressions", .repeated(.message([1: ("key", .string), 2: ("operator", .string), 3: ("values", .repeated(.string))]))),
    ])

    static let deleteOptions: ProtobufSchema = .message([
        1: ("gracePeriodSeconds", .int), 2: ("preconditions", .message([1: ("uid", .string), 2: ("resourceVersion", .string)])),
        3: ("orphanDependents", .bool), 4: ("propagationPolicy", .string), 5: ("dryRun", .repeated(.string)),
    ])

    static let objectReference: ProtobufSchema = .message([
        1: ("kind", .string), 2: ("namespace", .string), 3: ("name", .string), 4: ("uid", .string), 5: ("apiVersion", .string),
        6: ("resourceVersion", .string), 7: ("fieldPath", .string),
    ])

    static let container: ProtobufSchema = .message([
        1: ("name", .string), 2: ("image", .string), 3: ("command", .repeated(.string)), 4: ("args", .repeated(.string)), 5: ("workingDir", .string),
        6: ("ports", .repeated(.message([1: ("name", .string), 2: ("hostPort", .int), 3: ("containerPort", .int), 4: ("protocol", .string), 5: ("hostIP", .string)]))),
        7: ("env", .repeated(.message([1: ("name", .string), 2: ("value", .string)]))),
        8: ("resources", .message([1: ("limits", .map(.quantity)), 2: ("requests", .map(.quantity))])),
        13: ("terminationMessagePath", .string), 14: ("imagePullPolicy", .string), 16: ("stdin", .bool), 17: ("stdinOnce", .bool), 18: ("tty", .bool),
        20: ("terminationMessagePolicy", .string),
    ])

    /// `PodTemplateSpec` with the pod spec fields `kubectl create deployment|job` sets.
    static let podTemplate: ProtobufSchema = .message([
        1: ("metadata", objectMeta),
        2: ("spec", .message([
            2: ("containers", .repeated(container)), 20: ("initContainers", .repeated(container)), 3: ("restartPolicy", .string),
            4: ("terminationGracePeriodSeconds", .int), 6: ("dnsPolicy", .string), 7: ("nodeSelector", .map(.string)), 8: ("serviceAccountName", .string),
            10: ("nodeName", .string), 11: ("hostNetwork", .bool), 19: ("schedulerName", .string),
        ])),
    ])

    static let policyRule: ProtobufSchema = .message([
        1: ("verbs", .repeated(.string)), 2: ("apiGroups", .repeated(.string)), 3: ("resources", .repeated(.string)),
        4: ("resourceNames", .repeated(.string)), 5: ("nonResourceURLs", .repeated(.string)),
    ])

    static let binding: ProtobufSchema = .message([
        1: ("metadata", objectMeta),
        2: ("subjects", .repeated(.message([1: ("kind", .string), 2: ("apiGroup", .string), 3: ("name", .string), 4: ("namespace", .string)]))),
        3: ("roleRef", .message([1: ("apiGroup", .string), 2: ("kind", .string), 3: ("name", .string)])),
    ])

    /// The schema of a top-level kind (`apiVersion` and `kind` from the envelope), or `nil` when not supported.
    static func kind(apiVersion: String, kind: String) -> ProtobufSchema? {
        switch (apiVersion, kind) {
        case ("v1", "ConfigMap"):
            return .message([1: ("metadata", objectMeta), 2: ("data", .map(.string)), 3: ("binaryData", .map(.bytes)), 4: ("immutable", .bool)])
        case ("v1", "Secret"):
            return .message([1: ("metadata", objectMeta), 2: ("data", .map(.bytes)), 3: ("type", .string), 4: ("stringData", .map(.string)),
                             5: ("immutable", .bool)])
        case ("v1", "Namespace"):
            return .message([1: ("metadata", objectMeta), 2: ("spec", .message([1: ("finalizers", .repeated(.string))]))])
        case ("v1", "Service"):
            let port: ProtobufSchema = .message([1: ("name", .string), 2: ("protocol", .string), 3: ("port", .int),
                                                 4: ("targetPort", .intOrString), 5: ("nodePort", .int)])
            return .message([1: ("metadata", objectMeta), 2: ("spec", .message([
                1: ("ports", .repeated(port)), 2: ("selector", .map(.string)), 3: ("clusterIP", .string), 4: ("type", .string),
                7: ("sessionAffinity", .string), 11: ("externalName", .string), 19: ("clusterIPs", .repeated(.string)),
            ]))])
        case ("policy/v1", "Eviction"):
            return .message([1: ("metadata", objectMeta), 2: ("deleteOptions", deleteOptions)])
        case ("apps/v1", "Deployment"):
            return .message([1: ("metadata", objectMeta), 2: ("spec", .message([
                1: ("replicas", .int), 2: ("selector", labelSelector), 3: ("template", podTemplate),
                4: ("strategy", .message([1: ("type", .string), 2: ("rollingUpdate", .message([1: ("maxUnavailable", .intOrString), 2: ("maxSurge", .intOrString)]))])),
                5: ("minReadySeconds", .int), 6: ("revisionHistoryLimit", .int), 7: ("paused", .bool), 9: ("progressDeadlineSeconds", .int),
            ]))])
        case ("v1", "ServiceAccount"):
            return .message([1: ("metadata", objectMeta), 2: ("secrets", .repeated(objectReference)),
                             3: ("imagePullSecrets", .repeated(.message([1: ("name", .string)]))), 4: ("automountServiceAccountToken", .bool)])
        case ("rbac.authorization.k8s.io/v1", "Role"):
            return .message([1: ("metadata", objectMeta), 2: ("rules", .repeated(policyRule))])
        case ("rbac.authorization.k8s.io/v1", "ClusterRole"):
            return .message([1: ("metadata", objectMeta), 2: ("rules", .repeated(policyRule)),
                             3: ("aggregationRule", .message([1: ("clusterRoleSelectors", .repeated(labelSelector))]))])
        case ("rbac.authorization.k8s.io/v1", "RoleBinding"), ("rbac.authorization.k8s.io/v1", "ClusterRoleBinding"):
            return binding
        case ("coordination.k8s.io/v1", "Lease"):
            return nil
        default:
            return nil
        }
    }
}
