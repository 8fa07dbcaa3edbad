import ControllerRuntime
import EMQXClient
import Foundation
import KubeClient
import Logging

/// Reconciles BrokerClusters: reachability, version and per-node load from the broker source's latest reading,
/// mapped to pods, and the stops EMQX still owes.
///
/// The reconciler is `status.pendingStops`' main writer; NodeEvacuation deletions add to it. Both write it with the
/// object's resourceVersion as a precondition, so neither overwrites the other: on a conflict this reconcile is
/// repeated on the fresh cache.
public struct BrokerClusterReconciler: Reconciler {
    /// How soon a status write that lost a race is tried again.
    static let conflictRetry: Duration = .milliseconds(200)

    let context: ReconcilerContext

    public init(context: ReconcilerContext) {
        self.context = context
    }

    public func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        guard let cluster = context.clusters.object(for: key) else { return .done }
        // No reading yet, or none since the last action on this cluster: the one on its way triggers the next reconcile.
        guard let reading = context.brokers.reading(for: key) else { return .done }
        let claimed = Set(
            context.evacuations.objects
                .filter { $0.metadata.namespace == cluster.metadata.namespace && $0.spec.clusterRef == cluster.metadata.name && $0.metadata.deletionTimestamp == nil }
                .flatMap { ($0.status?.brokerNodes ?? []).map(\.name) }
        )
        var input = BrokerClusterDecider.Input(cluster: cluster, pods: cluster.brokerPods(among: context.pods.objects), readout: reading, claimedNodes: claimed, now: context.now())
        var decision = BrokerClusterDecider.decide(input)
        if !decision.actions.isEmpty {
            for action in decision.actions {
                let outcome = try await context.perform(action, on: cluster)
                input.stopOutcomes[action.node] = outcome
                if outcome.succeeded {
                    context.logger.info("delivered an owed evacuation stop", metadata: ["brokercluster": "\(key)", "node": "\(action.node)"])
                } else {
                    context.logger.debug("owed stop still failing", metadata: ["node": "\(action.node)", "outcome": "\(outcome)"])
                }
            }
            context.refresh(key)
            decision = BrokerClusterDecider.decide(input)
        }
        let confirmed = Set(input.stopOutcomes.filter(\.value.succeeded).keys)
        let preconditioned = cluster.status?.pendingStops != decision.status.pendingStops
        if try await context.writer.patchStatus(of: cluster, from: cluster.status, to: decision.status, preconditioned: preconditioned) == .conflict {
            return .requeue(after: Self.conflictRetry)
        }
        context.gauges?.record(cluster, status: decision.status)
        await context.publish(BrokerClusterEvents.events(for: cluster, newStatus: decision.status, confirmedStops: confirmed), regarding: cluster)
        return decision.requeueAfter.map { .requeue(after: $0) } ?? .done
    }
}
