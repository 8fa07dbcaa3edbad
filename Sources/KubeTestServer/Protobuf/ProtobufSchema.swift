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
        case ("coordination.k8s.io/v1", "Lease"):
            return nil
        default:
            return nil
        }
    }
}
