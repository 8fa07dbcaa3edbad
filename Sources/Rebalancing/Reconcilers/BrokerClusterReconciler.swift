import ControllerRuntime
import EMQXClient
import Foundation
import KubeClient
import Logging

/// Reconciles BrokerClusters: reachability, version, per-node load mapped to pods, and the stops EMQX still owes.
public struct BrokerClusterReconciler: Reconciler {
    let clusters: Store<BrokerCluster>
    let evacuations: Store<NodeEvacuation>
    let pods: Store<Pod>
    let kube: KubeClient
    let connector: BrokerConnector
    let now: @Sendable () -> Date
    let logger: Logger

    public init(clusters: Store<BrokerCluster>, evacuations: Store<NodeEvacuation>, pods: Store<Pod>, kube: KubeClient, connector: BrokerConnector, now: @escaping @Sendable () -> Date, logger: Logger) {
        self.clusters = clusters
        self.evacuations = evacuations
        self.pods = pods
        self.kube = kube
        self.connector = connector
        self.now = now
        self.logger = logger
    }

    public func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        guard let cluster = clusters.object(for: key) else {
            await connector.forget(key)
            return .done
        }
        let (client, readout) = try await connector.read(cluster, reference: key)
        let claimed = Set(
            evacuations.objects
                .filter { $0.metadata.namespace == cluster.metadata.namespace && $0.spec.clusterRef == cluster.metadata.name && $0.metadata.deletionTimestamp == nil }
                .flatMap { ($0.status?.brokerNodes ?? []).map(\.name) }
        )
        let decision = BrokerClusterDecider.decide(.init(cluster: cluster, pods: cluster.brokerPods(among: pods.objects), readout: readout, claimedNodes: claimed, now: now()))
        var status = decision.status
        if let client {
            var confirmed: Set<String> = []
            for node in decision.retryStops {
                do {
                    try await client.stopEvacuation(node: node)
                    confirmed.insert(node)
                    logger.info("delivered an owed evacuation stop", metadata: ["brokercluster": "\(key)", "node": "\(node)"])
                } catch let error as EMQXError where error.kind == .notStarted {
                    confirmed.insert(node)
                } catch {
                    logger.debug("owed stop still failing", metadata: ["node": "\(node)", "error": "\(error)"])
                }
            }
            status = BrokerClusterDecider.removingPendingStops(confirmed, from: status)
        }
        try await ResourceWriter<BrokerCluster>(client: kube).patchStatus(of: cluster, cached: cluster.status, desired: status)
        return .requeue(after: decision.requeueAfter)
    }
}
