import Foundation
import KubeClient

/// The Table columns and cells of the real server's printers (`pkg/printers/internalversion/printers.go`) for the
/// built-in kinds this server serves.
enum BuiltinPrinters {
    typealias Column = TableRenderer.Column
    typealias Cells = @Sendable (JSONValue, Date) -> [JSONValue]

    static func printer(for resource: ResourceDescription) -> ([Column], Cells) {
        let name = TableRenderer.nameColumn
        let age = TableRenderer.ageColumn
        switch (resource.group, resource.kind) {
        case ("", "Pod"):
            return ([
                name,
                Column(name: "Ready", type: "string", description: "The aggregate readiness state of this pod for accepting traffic."),
                Column(name: "Status", type: "string", description: "The aggregate status of the containers in this pod."),
                Column(name: "Restarts", type: "string", description: "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted."),
                age,
                Column(name: "IP", type: "string", description: "IP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.", priority: 1),
                Column(name: "Node", type: "string", description: "NodeName is a request to schedule this pod onto a specific node.", priority: 1),
                Column(name: "Nominated Node", type: "string", description: "nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods.", priority: 1),
                Column(name: "Readiness Gates", type: "string", description: "If specified, all readiness gates will be evaluated for pod readiness.", priority: 1),
            ], { pod, now in
                let containers = pod[path: ["spec", "containers"]]?.arrayValue ?? []
                let statuses = pod[path: ["status", "containerStatuses"]]?.arrayValue ?? []
                let ready = statuses.filter { $0["ready"]?.boolValue == true }.count
                let restarts = statuses.reduce(Int64(0)) { $0 + ($1["restartCount"]?.intValue ?? 0) }
                return [
                    TableRenderer.name(pod), .string("\(ready)/\(containers.count)"), .string(podStatus(pod)), .int(restarts),
                    ageCell(pod, now), .string(pod[path: ["status", "podIP"]]?.stringValue ?? "<none>"),
                    .string(pod[path: ["spec", "nodeName"]]?.stringValue ?? "<none>"),
                    .string(pod[path: ["status", "nominatedNodeName"]]?.stringValue ?? "<none>"), .string(readinessGates(pod)),
                ]
            })
        case ("", "Node"):
            return ([
                name,
                Column(name: "Status", type: "string", description: "The status of the node"),
                Column(name: "Roles", type: "string", description: "The roles of the node"),
                age,
                Column(name: "Version", type: "string", description: "Kubelet Version reported by the node."),
                Column(name: "Internal-IP", type: "string", description: "List of addresses reachable to the node. Queried from cloud provider, if available.", priority: 1),
            ], { node, now in
                let roles = nodeRoles(node)
                let internalIP = (node[path: ["status", "addresses"]]?.arrayValue ?? [])
                    .first { $0["type"]?.stringValue == "InternalIP" }?["address"]?.stringValue
                return [
                    TableRenderer.name(node), .string(nodeStatus(node)), .string(roles.isEmpty ? "<none>" : roles.joined(separator: ",")),
                    ageCell(node, now), .string(node[path: ["status", "nodeInfo", "kubeletVersion"]]?.stringValue ?? ""),
                    .string(internalIP ?? "<none>"),
                ]
            })
        case ("apps", "StatefulSet"):
            return ([
                name,
                Column(name: "Ready", type: "string", description: "Number of the pod with ready state"),
                age,
                Column(name: "Containers", type: "string", description: "Names of each container in the template.", priority: 1),
                Column(name: "Images", type: "string", description: "Images referenced by each container in the template.", priority: 1),
            ], { set, now in
                let ready = set[path: ["status", "readyReplicas"]]?.intValue ?? 0
                let desired = set[path: ["spec", "replicas"]]?.intValue ?? 1
                let (containers, images) = templateContainers(set)
                return [TableRenderer.name(set), .string("\(ready)/\(desired)"), ageCell(set, now), .string(containers), .string(images)]
            })
        case ("apps", "Deployment"):
            return ([
                name,
                Column(name: "Ready", type: "string", description: "Number of the pod with ready state"),
                Column(name: "Up-to-date", type: "string", description: "Total number of non-terminated pods targeted by this deployment that have the desired template spec."),
                Column(name: "Available", type: "string", description: "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment."),
                age,
                Column(name: "Containers", type: "string", description: "Names of each container in the template.", priority: 1),
                Column(name: "Images", type: "string", description: "Images referenced by each container in the template.", priority: 1),
                Column(name: "Selector", type: "string", description: "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.", priority: 1),
            ], { deployment, now in
                let ready = deployment[path: ["status", "readyReplicas"]]?.intValue ?? 0
                let desired = deployment[path: ["spec", "replicas"]]?.intValue ?? 1
                let (containers, images) = templateContainers(deployment)
                let selector = (deployment[path: ["spec", "selector"]].flatMap { try? $0.decode(as: KubeLabelSelector.self) })?.queryString ?? ""
                return [
                    TableRenderer.name(deployment), .string("\(ready)/\(desired)"),
                    .int(deployment[path: ["status", "updatedReplicas"]]?.intValue ?? 0),
                    .int(deployment[path: ["status", "availableReplicas"]]?.intValue ?? 0), ageCell(deployment, now),
                    .string(containers), .string(images), .string(selector.isEmpty ? "<none>" : selector),
                ]
            })
        case ("", "ServiceAccount"):
            return ([name, Column(name: "Secrets", type: "string", description: "Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use."), age], { account, now in
                [TableRenderer.name(account), .int(Int64(account["secrets"]?.arrayValue?.count ?? 0)), ageCell(account, now)]
            })
        case ("rbac.authorization.k8s.io", "Role"), ("rbac.authorization.k8s.io", "ClusterRole"):
            return ([name, Column(name: "Created At", type: "string", description: TableRenderer.creationTimestampDescription)], { role, _ in
                [TableRenderer.name(role), .string(role[path: ["metadata", "creationTimestamp"]]?.stringValue ?? "")]
            })
        case ("rbac.authorization.k8s.io", "RoleBinding"), ("rbac.authorization.k8s.io", "ClusterRoleBinding"):
            return ([
                name,
                Column(name: "Role", type: "string", description: "RoleRef can reference a Role in the current namespace or a ClusterRole in the global namespace."),
                age,
                Column(name: "Users", type: "string", description: "Users in the binding", priority: 1),
                Column(name: "Groups", type: "string", description: "Groups in the binding", priority: 1),
                Column(name: "ServiceAccounts", type: "string", description: "ServiceAccounts in the binding", priority: 1),
            ], { binding, now in
                let subjects = binding["subjects"]?.arrayValue ?? []
                func names(_ kind: String) -> String {
                    subjects.filter { $0["kind"]?.stringValue == kind }.map { subject in
                        let name = subject["name"]?.stringValue ?? ""
                        guard kind == "ServiceAccount" else { return name }
                        return "\(subject["namespace"]?.stringValue ?? ""):\(name)"
                    }.joined(separator: ", ")
                }
                let role = "\(binding[path: ["roleRef", "kind"]]?.stringValue ?? "")/\(binding[path: ["roleRef", "name"]]?.stringValue ?? "")"
                return [TableRenderer.name(binding), .string(role), ageCell(binding, now), .string(names("User")), .string(names("Group")),
                        .string(names("ServiceAccount"))]
            })
        case ("policy", "PodDisruptionBudget"):
            return ([
                name,
                Column(name: "Min Available", type: "string", description: "The minimum number of pods that must be available, after eviction."),
                Column(name: "Max Unavailable", type: "string", description: "The maximum number of pods that may be unavailable, after eviction."),
                Column(name: "Allowed Disruptions", type: "integer", description: "Number of pod disruptions that are currently allowed."),
                age,
            ], { budget, now in
                func text(_ value: JSONValue?) -> JSONValue {
                    guard let value, !value.isNull else { return "N/A" }
                    return .string(JSONPath.text(of: value))
                }
                return [
                    TableRenderer.name(budget), text(budget[path: ["spec", "minAvailable"]]), text(budget[path: ["spec", "maxUnavailable"]]),
                    .int(budget[path: ["status", "disruptionsAllowed"]]?.intValue ?? 0), ageCell(budget, now),
                ]
            })
        case ("", "Namespace"):
            return ([name, Column(name: "Status", type: "string", description: "The status of the namespace"), age], { namespace, now in
                [TableRenderer.name(namespace), .string(namespace[path: ["status", "phase"]]?.stringValue ?? "Active"), ageCell(namespace, now)]
            })
        case ("", "Secret"):
            return ([name, Column(name: "Type", type: "string", description: "The type of the secret"),
                     Column(name: "Data", type: "string", description: "The number of entries in the secret data"), age], { secret, now in
                [TableRenderer.name(secret), .string(secret["type"]?.stringValue ?? "Opaque"),
                 .int(Int64((secret["data"]?.objectValue?.count ?? 0) + (secret["stringData"]?.objectValue?.count ?? 0))), ageCell(secret, now)]
            })
        case ("", "ConfigMap"):
            return ([name, Column(name: "Data", type: "string", description: "The number of entries in the config map data"), age], { map, now in
                [TableRenderer.name(map), .int(Int64((map["data"]?.objectValue?.count ?? 0) + (map["binaryData"]?.objectValue?.count ?? 0))), ageCell(map, now)]
            })
        case ("", "Service"):
            return ([
                name,
                Column(name: "Type", type: "string", description: "The type of the service"),
                Column(name: "Cluster-IP", type: "string", description: "The cluster IP of the service"),
                Column(name: "External-IP", type: "string", description: "The external IPs of the service"),
                Column(name: "Port(s)", type: "string", description: "The ports of the service"),
                age,
            ], { service, now in
                let ports = (service[path: ["spec", "ports"]]?.arrayValue ?? []).map { port -> String in
                    let number = port["port"]?.intValue ?? 0
                    let proto = port["protocol"]?.stringValue ?? "TCP"
                    if let nodePort = port["nodePort"]?.intValue { return "\(number):\(nodePort)/\(proto)" }
                    return "\(number)/\(proto)"
                }
                let external = (service[path: ["spec", "externalIPs"]]?.arrayValue ?? []).compactMap(\.stringValue)
                return [
                    TableRenderer.name(service), .string(service[path: ["spec", "type"]]?.stringValue ?? "ClusterIP"),
                    .string(service[path: ["spec", "clusterIP"]]?.stringValue ?? "<none>"),
                    .string(external.isEmpty ? "<none>" : external.joined(separator: ",")),
                    .string(ports.isEmpty ? "<none>" : ports.joined(separator: ",")), ageCell(service, now),
                ]
            })
        case ("coordination.k8s.io", "Lease"):
            return ([name, Column(name: "Holder", type: "string", description: "The holder of the lease"), age], { lease, now in
                [TableRenderer.name(lease), .string(lease[path: ["spec", "holderIdentity"]]?.stringValue ?? ""), ageCell(lease, now)]
            })
        case ("", "Event"), ("events.k8s.io", "Event"):
            let isCore = resource.group.isEmpty
            return ([
                Column(name: "Last Seen", type: "string", description: "Time when last event from this event was observed"),
                Column(name: "Type", type: "string", description: "Type of this event (Normal, Warning), new types could be added in the future."),
                Column(name: "Reason", type: "string", description: "This should be a short, machine understandable string that gives the reason for this event being generated."),
                Column(name: "Object", type: "string", description: "The object this Event is about."),
                Column(name: "Subobject", type: "string", description: "If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement.", priority: 1),
                Column(name: "Source", type: "string", description: "The component reporting this event. Should be a short machine understandable string.", priority: 1),
                Column(name: "Message", type: "string", description: "A human-readable description of the status of this operation."),
                Column(name: "First Seen", type: "string", description: "The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)", priority: 1),
                Column(name: "Count", type: "string", description: "The number of times this event has occurred.", priority: 1),
                Column(name: "Name", type: "string", format: "name", description: TableRenderer.nameDescription, priority: 1),
            ], { event, now in
                let regarding = event[isCore ? "involvedObject" : "regarding"] ?? [:]
                let object = "\((regarding["kind"]?.stringValue ?? "").lowercased())/\(regarding["name"]?.stringValue ?? "")"
                let last = event[isCore ? "lastTimestamp" : "deprecatedLastTimestamp"] ?? event["eventTime"] ?? event[path: ["series", "lastObservedTime"]]
                let first = event[isCore ? "firstTimestamp" : "deprecatedFirstTimestamp"] ?? event["eventTime"]
                let count = event[isCore ? "count" : "deprecatedCount"]?.intValue ?? event[path: ["series", "count"]]?.intValue ?? 1
                return [
                    .string(HumanDuration.age(of: last, now: now)), .string(event["type"]?.stringValue ?? ""),
                    .string(event["reason"]?.stringValue ?? ""), .string(object),
                    .string(regarding["fieldPath"]?.stringValue ?? ""), .string(eventSource(event, isCore: isCore)),
                    .string(event[isCore ? "message" : "note"]?.stringValue ?? ""),
                    .string(HumanDuration.age(of: first, now: now)), .int(count), TableRenderer.name(event),
                ]
            })
        default:
            return ([name, Column(name: "Created At", type: "date", description: TableRenderer.creationTimestampDescription)], { object, _ in
                [TableRenderer.name(object), object[path: ["metadata", "creationTimestamp"]] ?? .null]
            })
        }
    }

    /// `<component>, <host>` of an Event's source, or its reporting controller and instance (`formatEventSource`).
    static func eventSource(_ event: JSONValue, isCore: Bool) -> String {
        let source = event[isCore ? "source" : "deprecatedSource"] ?? [:]
        var component = source["component"]?.stringValue ?? ""
        var host = source["host"]?.stringValue ?? ""
        if component.isEmpty {
            component = event[isCore ? "reportingComponent" : "reportingController"]?.stringValue ?? ""
            host = event["reportingInstance"]?.stringValue ?? ""
        }
        return host.isEmpty ? component : "\(component), \(host)"
    }

    /// `True` readiness gates over all gates (`1/2`), or `<none>` when the pod declares none.
    static func readinessGates(_ pod: JSONValue) -> String {
        let gates = (pod[path: ["spec", "readinessGates"]]?.arrayValue ?? []).compactMap { $0["conditionType"]?.stringValue }
        guard !gates.isEmpty else { return "<none>" }
        let conditions = pod[path: ["status", "conditions"]]?.arrayValue ?? []
        let met = gates.filter { gate in conditions.contains { $0["type"]?.stringValue == gate && $0["status"]?.stringValue == "True" } }
        return "\(met.count)/\(gates.count)"
    }

    /// The CONTAINERS and IMAGES cells of a workload: its pod template's container names and images, comma-separated.
    static func templateContainers(_ workload: JSONValue) -> (String, String) {
        let containers = workload[path: ["spec", "template", "spec", "containers"]]?.arrayValue ?? []
        return (containers.map { $0["name"]?.stringValue ?? "" }.joined(separator: ","),
                containers.map { $0["image"]?.stringValue ?? "" }.joined(separator: ","))
    }

    static func ageCell(_ object: JSONValue, _ now: Date) -> JSONValue {
        .string(HumanDuration.age(of: object[path: ["metadata", "creationTimestamp"]], now: now))
    }

    /// The STATUS column of `kubectl get pods`: the phase, overridden by the pod's reason, a container's waiting or
    /// terminated reason, and `Terminating` once deletion started.
    static func podStatus(_ pod: JSONValue) -> String {
        var reason = pod[path: ["status", "phase"]]?.stringValue ?? "Unknown"
        if let podReason = pod[path: ["status", "reason"]]?.stringValue, !podReason.isEmpty { reason = podReason }
        for status in (pod[path: ["status", "containerStatuses"]]?.arrayValue ?? []).reversed() {
            if let waiting = status[path: ["state", "waiting", "reason"]]?.stringValue, !waiting.isEmpty {
                reason = waiting
            } else if let terminated = status[path: ["state", "terminated"]] {
                if let text = terminated["reason"]?.stringValue, !text.isEmpty {
                    reason = text
                } else if let signal = terminated["signal"]?.intValue, signal != 0 {
                    reason = "Signal:\(signal)"
                } else {
                    reason = "ExitCode:\(terminated["exitCode"]?.intValue ?? 0)"
                }
            }
        }
        if pod[path: ["metadata", "deletionTimestamp"]]?.stringValue != nil {
            reason = pod[path: ["status", "reason"]]?.stringValue == "NodeLost" ? "Unknown" : "Terminating"
        }
        return reason
    }

    static func nodeStatus(_ node: JSONValue) -> String {
        var parts: [String] = []
        if let ready = (node[path: ["status", "conditions"]]?.arrayValue ?? []).first(where: { $0["type"]?.stringValue == "Ready" }) {
            parts.append(ready["status"]?.stringValue == "True" ? "Ready" : "NotReady")
        } else {
            parts.append("Unknown")
        }
        if node[path: ["spec", "unschedulable"]]?.boolValue == true { parts.append("SchedulingDisabled") }
        return parts.joined(separator: ",")
    }

    static func nodeRoles(_ node: JSONValue) -> [String] {
        var roles: Set<String> = []
        for (key, value) in node[path: ["metadata", "labels"]]?.objectValue ?? [:] {
            if key.hasPrefix("node-role.kubernetes.io/") {
                let role = String(key.dropFirst("node-role.kubernetes.io/".count))
                if !role.isEmpty { roles.insert(role) }
            } else if key == "kubernetes.io/role", let role = value.stringValue, !role.isEmpty {
                roles.insert(role)
            }
        }
        return roles.sorted()
    }
}
