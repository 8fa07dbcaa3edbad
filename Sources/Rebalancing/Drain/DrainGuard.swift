import KubeClient

/// The names, labels and the PodDisruptionBudget through which drain protection (`BrokerCluster.spec.drain`) shows
/// in Kubernetes.
///
/// - Every guarded broker pod carries ``guardLabel`` (value: the BrokerCluster's name); one PodDisruptionBudget per
///   BrokerCluster, ``budgetName(cluster:)``, owned by it, selects exactly those pods with `maxUnavailable: 0`, so the
///   eviction API answers 429 (retried by `kubectl drain`, the cluster autoscaler and Karpenter) until the operator
///   lifts the label from an evacuated pod.
/// - NodeEvacuations the operator creates carry ``clusterLabel`` and ``reasonLabel``, so
///   `kubectl get nevac -l rebalance.brokers.dev/reason=drain` lists the drain evacuations.
public enum DrainGuard {
    public static let guardLabel = "rebalance.brokers.dev/drain-guard"
    public static let clusterLabel = "rebalance.brokers.dev/cluster"
    public static let reasonLabel = "rebalance.brokers.dev/reason"
    /// The taints after which autoscalers drain a node: the cluster autoscaler's and Karpenter's.
    public static let defaultNodeTaints = ["ToBeDeletedByClusterAutoscaler", "karpenter.sh/disrupted"]

    /// Why the operator created a NodeEvacuation (the value of ``reasonLabel``).
    public enum Reason: String, Sendable, Hashable, CaseIterable {
        /// The Kubernetes node is cordoned or tainted for removal: every broker pod on it is evacuated together.
        case drain
        /// The pod is being deleted (rolling update, `kubectl delete pod`, the namespace going away).
        case podDeletion = "pod-deletion"
        /// The StatefulSet was scaled below the pod's ordinal.
        case scaleDown = "scale-down"
    }

    public static func budgetName(cluster: String) -> String { truncated("\(cluster)-drain-guard") }

    /// The NodeEvacuation that evacuates every broker pod on Kubernetes node `node` before it is drained.
    public static func drainEvacuationName(cluster: String, node: String) -> String { truncated("\(cluster)-drain-\(node)") }

    /// The NodeEvacuation that evacuates broker pod `pod` before it goes away (deletion or scale-down).
    public static func leaveEvacuationName(cluster: String, pod: String) -> String { truncated("\(cluster)-leave-\(pod)") }

    /// The owner reference that ties the operator's objects to their BrokerCluster (garbage-collected with it).
    public static func owner(_ cluster: BrokerCluster) -> OwnerReference {
        OwnerReference(
            apiVersion: "\(RebalancingAPI.group)/\(RebalancingAPI.version)", kind: BrokerCluster.kind, name: cluster.metadata.name ?? "",
            uid: cluster.metadata.uid ?? "", controller: true, blockOwnerDeletion: true
        )
    }

    /// The guard budget of `cluster`, as the operator keeps it.
    public static func budget(for cluster: BrokerCluster) -> PodDisruptionBudget {
        let name = cluster.metadata.name ?? ""
        var metadata = ObjectMeta(name: budgetName(cluster: name), namespace: cluster.metadata.namespace, labels: [clusterLabel: name])
        metadata.ownerReferences = [owner(cluster)]
        // IfHealthyBudget explicitly: an evacuating pod may turn NotReady (readiness on availability_check), and with
        // AlwaysAllow its eviction would go through before its clients moved.
        let spec = PodDisruptionBudget.Spec(maxUnavailable: 0, selector: KubeLabelSelector(matchLabels: [guardLabel: name]), unhealthyPodEvictionPolicy: "IfHealthyBudget")
        return PodDisruptionBudget(metadata: metadata, spec: spec)
    }

    /// Whether `object` is owned by `cluster`, by uid.
    static func isOwned(_ metadata: ObjectMeta, by cluster: BrokerCluster) -> Bool {
        guard let uid = cluster.metadata.uid else { return false }
        return metadata.ownerReferences?.contains { $0.uid == uid } == true
    }

    /// Kubernetes object names are at most 253 characters.
    private static func truncated(_ name: String) -> String {
        name.count <= 253 ? name : String(name.prefix(253))
    }
}
