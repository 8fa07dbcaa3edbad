import ControllerRuntime
import KubeClient


extension BrokerPod {
    /// The reconcilers' view of a Pod.
    public init(_ pod: Pod) {
        self.init(
            name: pod.metadata.name ?? "",
            namespace: pod.metadata.namespace ?? "default",
            uid: pod.metadata.uid ?? "",
            nodeName: pod.spec?.nodeName,
            podIP: pod.status?.podIP,
            subdomain: pod.spec?.subdomain,
            labels: pod.metadata.labels ?? [:],
            isReady: pod.isReady,
            isTerminating: pod.metadata.deletionTimestamp != nil
        )
    }
}

extension BrokerCluster {
    /// This cluster's broker pods among `pods` (same namespace, selected by `spec.pods.selector`; no selector
    /// selects nothing, so that a forgotten selector never evacuates unrelated pods).
    public func brokerPods(among pods: [Pod]) -> [BrokerPod] {
        brokerPodObjects(among: pods).map(BrokerPod.init)
    }

    /// The same pods as Kubernetes objects.
    public func brokerPodObjects(among pods: [Pod]) -> [Pod] {
        guard let selector = spec.pods?.selector else { return [] }
        return pods.filter { $0.metadata.namespace == metadata.namespace && selector.matches($0.metadata.labels ?? [:]) }
    }
}
