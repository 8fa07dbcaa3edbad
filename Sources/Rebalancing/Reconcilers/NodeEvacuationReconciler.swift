import ControllerRuntime
import EMQXClient
import Foundation
import KubeClient
import Logging

/// Reconciles NodeEvacuations: reads the caches and the broker's latest reading, asks ``EvacuationDecider``, carries
/// out its actions (EMQX only to act), and writes the status when it changed.
///
/// An EMQX action that does not succeed goes back to the decider with its outcome, which decides the status (and
/// nothing more on EMQX); the broker is read again at once after any action, and that reading triggers the next
/// reconcile.
public struct NodeEvacuationReconciler: Reconciler {
    let context: ReconcilerContext

    public init(context: ReconcilerContext) {
        self.context = context
    }

    public func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        guard let evacuation = context.evacuations.object(for: key) else { return .done }
        let namespace = evacuation.metadata.namespace ?? "default"
        let (clusterKey, cluster, readout) = context.cluster(named: evacuation.spec.clusterRef, namespace: namespace)
        // A new resource is decided on the latest reading (at most one idle interval old): EMQX itself refuses a start
        // that conflicts with what runs, and every action is followed by a fresh reading before the next decision.
        guard try await context.isReadyToReconcile(evacuation) else { return .done }
        // No reading yet, or none since the last action on this cluster: the one on its way triggers the next reconcile.
        guard let readout else { return .done }
        let others = context.evacuations.objects.filter { $0.metadata.namespace == namespace && $0.spec.clusterRef == evacuation.spec.clusterRef && $0.metadata.uid != evacuation.metadata.uid }
        var input = EvacuationDecider.Input(
            evacuation: evacuation, cluster: cluster, pods: cluster?.brokerPods(among: context.pods.objects) ?? [], broker: readout, others: others, now: context.now(),
            knownNodes: context.nodes.isSynced ? Set(context.nodes.objects.compactMap(\.metadata.name)) : nil
        )
        var decision = EvacuationDecider.decide(input)
        var carriedOut: [EvacuationDecider.Action] = []

        var index = 0
        while index < decision.actions.count {
            let action = decision.actions[index]
            index += 1
            switch action {
            case let .broker(brokerAction):
                // A decision made on a refusal carries no EMQX action; never loop on one.
                guard input.refusal == nil else { continue }
                if let refusal = try await context.act(brokerAction, on: cluster, clusterKey: clusterKey, about: ("nodeevacuation", key)) {
                    input.refusal = refusal
                    decision = EvacuationDecider.decide(input)
                    index = 0
                    continue
                }
            case let .handOverStops(nodes, lastError):
                try await handOver(nodes: nodes, lastError: lastError, evacuation: evacuation, clusterKey: clusterKey)
            case .removeFinalizer:
                try await context.writer.removeFinalizer(RebalancingAPI.finalizer, from: evacuation)
                await context.publish(NodeEvacuationEvents.events(for: evacuation, newStatus: decision.status, carriedOut: carriedOut), regarding: evacuation)
                return .done
            }
            carriedOut.append(action)
        }
        _ = try await context.writer.patchStatus(of: evacuation, from: evacuation.status, to: decision.status, preconditioned: false)
        context.gauges?.record(evacuation, status: decision.status)
        await context.publish(NodeEvacuationEvents.events(for: evacuation, newStatus: decision.status, carriedOut: carriedOut), regarding: evacuation)
        return decision.requeueAfter.map { .requeue(after: $0) } ?? .done
    }

    /// Records the stops EMQX still owes in the BrokerCluster's status, so that deletion completes. The write carries
    /// the cluster's resourceVersion (the BrokerCluster reconciler writes `pendingStops` too); on a conflict the
    /// reconcile fails and is retried on the next cache state.
    private func handOver(nodes: [String], lastError: String, evacuation: NodeEvacuation, clusterKey: ObjectKey) async throws {
        guard let cluster = context.clusters.object(for: clusterKey) else { return }
        let name = evacuation.metadata.name ?? ""
        let stops = nodes.map { BrokerCluster.Status.PendingStop(brokerNode: $0, evacuation: name, since: Timestamp(context.now()), lastError: lastError) }
        let updated = BrokerClusterDecider.addingPendingStops(stops, to: cluster.status ?? .init())
        if try await context.writer.patchStatus(of: cluster, from: cluster.status, to: updated, preconditioned: true) == .conflict {
            throw PendingStopConflict(cluster: clusterKey)
        }
        await context.publish(nodes.map { BrokerClusterEvents.stopOwed(node: $0, evacuation: name, lastError: lastError) }, regarding: cluster)
        context.logger.warning("EMQX unreachable: the stops of the evacuation are handed to the BrokerCluster", metadata: ["nodes": "\(nodes)", "error": "\(lastError)"])
    }
}

/// The BrokerCluster changed while a stop was being handed to it; the reconcile is retried on the fresh cache.
struct PendingStopConflict: Error, CustomStringConvertible {
    var cluster: ObjectKey
    var description: String { "BrokerCluster \(cluster) changed while an owed stop was recorded; retrying" }
}
