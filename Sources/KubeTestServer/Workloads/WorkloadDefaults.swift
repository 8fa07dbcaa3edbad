import KubeClient

/// The defaults a real server's `SetDefaults_*` functions give Services, StatefulSets and Deployments on every
/// write (create and update), and the status this server reports for Deployments, which no controller rolls out.
///
/// ## Guarantees
/// - Defaults only fill fields that are absent; values a client sent are kept.
/// - StatefulSets: `replicas` 1, `podManagementPolicy` OrderedReady, `updateStrategy` RollingUpdate with
///   `partition` 0, `revisionHistoryLimit` 10, `persistentVolumeClaimRetentionPolicy` Retain/Retain: what
///   `kubectl rollout status statefulset` needs to accept the object.
/// - Deployments: `replicas` 1, `strategy` RollingUpdate with 25% surge and unavailability, `revisionHistoryLimit`
///   10, `progressDeadlineSeconds` 600.
/// - Services: `type` ClusterIP, `sessionAffinity` None, each port's `protocol` TCP and `targetPort` = `port`,
///   `internalTrafficPolicy` Cluster (not for ExternalName). Cluster IPs are assigned on create only.
///
/// Fidelity: pod template defaults (restart policy, DNS policy, container termination message paths, ...) are not
/// filled in.
enum WorkloadDefaults {
    static func statefulSet(_ object: JSONValue) -> JSONValue {
        var set = object
        fill(&set, ["spec", "replicas"], 1)
        fill(&set, ["spec", "podManagementPolicy"], "OrderedReady")
        fill(&set, ["spec", "updateStrategy", "type"], "RollingUpdate")
        if set[path: ["spec", "updateStrategy", "type"]] == "RollingUpdate" {
            fill(&set, ["spec", "updateStrategy", "rollingUpdate", "partition"], 0)
        }
        fill(&set, ["spec", "revisionHistoryLimit"], 10)
        fill(&set, ["spec", "persistentVolumeClaimRetentionPolicy", "whenDeleted"], "Retain")
        fill(&set, ["spec", "persistentVolumeClaimRetentionPolicy", "whenScaled"], "Retain")
        return set
    }

    static func deployment(_ object: JSONValue) -> JSONValue {
        var deployment = object
        fill(&deployment, ["spec", "replicas"], 1)
        fill(&deployment, ["spec", "strategy", "type"], "RollingUpdate")
        if deployment[path: ["spec", "strategy", "type"]] == "RollingUpdate" {
            fill(&deployment, ["spec", "strategy", "rollingUpdate", "maxUnavailable"], "25%")
            fill(&deployment, ["spec", "strategy", "rollingUpdate", "maxSurge"], "25%")
        }
        fill(&deployment, ["spec", "revisionHistoryLimit"], 10)
        fill(&deployment, ["spec", "progressDeadlineSeconds"], 600)
        return deployment
    }

    /// The status of a Deployment rolled out at once: every desired replica updated, ready and available, the
    /// current generation observed, conditions `Available` and `Progressing` (reason `NewReplicaSetAvailable`).
    /// This is what `kubectl rollout status deployment` waits for; no ReplicaSets or Pods are created.
    static func deploymentStatus(_ object: JSONValue) -> JSONValue {
        var deployment = object
        let replicas = deployment[path: ["spec", "replicas"]]?.intValue ?? 1
        let now = ObjectStore.timestamp()
        var status: JSONValue = ["observedGeneration": .int(max(1, deployment.generation))]
        if replicas > 0 {
            for field in ["replicas", "updatedReplicas", "readyReplicas", "availableReplicas"] { status[field] = .int(replicas) }
        }
        let name = deployment.name ?? ""
        status["conditions"] = [
            ["type": "Available", "status": "True", "reason": "MinimumReplicasAvailable", "message": "Deployment has minimum availability.",
             "lastUpdateTime": .string(now), "lastTransitionTime": .string(now)],
            ["type": "Progressing", "status": "True", "reason": "NewReplicaSetAvailable",
             "message": .string("ReplicaSet \"\(name)\" has successfully progressed."), "lastUpdateTime": .string(now), "lastTransitionTime": .string(now)],
        ]
        deployment["status"] = status
        return deployment
    }

    static func service(_ object: JSONValue) -> JSONValue {
        var service = object
        fill(&service, ["spec", "type"], "ClusterIP")
        let type = service[path: ["spec", "type"]]?.stringValue ?? "ClusterIP"
        fill(&service, ["spec", "sessionAffinity"], "None")
        if type != "ExternalName" {
            fill(&service, ["spec", "internalTrafficPolicy"], "Cluster")
        }
        if let ports = service[path: ["spec", "ports"]]?.arrayValue {
            service[path: ["spec", "ports"]] = .array(ports.map { port in
                var filled = port
                fill(&filled, ["protocol"], "TCP")
                if filled["targetPort"] == nil || filled["targetPort"] == 0 || filled["targetPort"] == "" {
                    filled["targetPort"] = port["port"] ?? 0
                }
                return filled
            })
        }
        return service
    }

    /// Service create: a cluster IP from 10.96.0.0/16 (unless `None` or ExternalName) and the single IPv4 family.
    static func allocateServiceAddresses(_ object: JSONValue) -> JSONValue {
        var service = object
        let type = service[path: ["spec", "type"]]?.stringValue ?? "ClusterIP"
        guard type != "ExternalName" else { return service }
        if service[path: ["spec", "clusterIP"]] == nil || service[path: ["spec", "clusterIP"]] == "" {
            let address = "10.96.\(Int.random(in: 0...255)).\(Int.random(in: 1...254))"
            service[path: ["spec", "clusterIP"]] = .string(address)
        }
        if service[path: ["spec", "clusterIPs"]] == nil, let address = service[path: ["spec", "clusterIP"]] {
            service[path: ["spec", "clusterIPs"]] = [address]
        }
        fill(&service, ["spec", "ipFamilies"], ["IPv4"])
        fill(&service, ["spec", "ipFamilyPolicy"], "SingleStack")
        return service
    }

    private static func fill(_ object: inout JSONValue, _ path: [String], _ value: JSONValue) {
        if object[path: path] == nil || object[path: path]?.isNull == true { object[path: path] = value }
    }
}
