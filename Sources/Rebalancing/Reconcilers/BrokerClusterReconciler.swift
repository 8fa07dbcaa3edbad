import ControllerRuntime
import EMQXClient
import Foundation
import KubeClient
import Logging

/// Reconciles BrokerClusters: reachability, version, per-node load mapped to pods, and the stops EMQX still owes.
public struct BrokerClusterReconciler: Reconciler {
    let context: ReconcilerContext

    public init(context: ReconcilerContext) {
        self.context = context
    }

    public func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        guard let cluster = context.clusters.object(for: key) else {
            await context.connector.forget(key)
            return .done
        }
        let (client, readout) = try await context.connector.read(cluster, reference: key)
        let claimed = Set(
            context.evacuations.objects
                .filter { $0.metadata.namespace == cluster.metadata.namespace && $0.spec.clusterRef == cluster.metadata.name && $0.metadata.deletionTimestamp == nil }
                .flatMap { ($0.status?.brokerNodes ?? []).map(\.name) }
        )
        let decision = BrokerClusterDecider.decide(.init(cluster: cluster, pods: cluster.brokerPods(among: context.pods.objects), readout: readout, claimedNodes: claimed, now: context.now()))
        var status = decision.status
        var confirmed: Set<String> = []
        if let client {
            for node in decision.retryStops {
                do {
                    try await client.stopEvacuation(node: node)
                    confirmed.insert(node)
                    context.logger.info("delivered an owed evacuation stop", metadata: ["brokercluster": "\(key)", "node": "\(node)"])
                } catch let error as EMQXError where error.kind == .notStarted {
                    confirmed.insert(node)
                } catch {
                    context.logger.debug("owed stop still failing", metadata: ["node": "\(node)", "error": "\(error)"])
                }
            }
            status = BrokerClusterDecider.removingPendingStops(confirmed, from: status)
        }
        try await ResourceWriter<BrokerCluster>(client: context.kube).patchStatus(of: cluster, cached: cluster.status, desired: status)
        await context.publish(BrokerClusterEvents.events(for: cluster, newStatus: status, confirmedStops: confirmed), regarding: cluster)
        return .requeue(after: decision.requeueAfter)
    }
}
