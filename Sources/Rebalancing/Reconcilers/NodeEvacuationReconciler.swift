import ControllerRuntime
import EMQXClient
import Foundation
import KubeClient
import Logging

/// Reconciles NodeEvacuations: reads the caches and the broker, asks ``EvacuationDecider``, carries out its actions
/// against EMQX and the API server, and writes the status when it changed.
///
/// EMQX's answers that state a fact are taken as such: `already_started` adopts the running evacuation,
/// `not_started` on a stop means the stop's goal holds. A busy eviction agent or unavailable nodes are reported as a
/// `Conflict` and retried; a broker that cannot be reached is retried with backoff (an error thrown to the
/// controller); nothing is terminal that could heal.
public struct NodeEvacuationReconciler: Reconciler {
    let context: ReconcilerContext

    public init(context: ReconcilerContext) {
        self.context = context
    }

    public func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        guard let evacuation = context.evacuations.object(for: key) else { return .done }
        let writer = ResourceWriter<NodeEvacuation>(client: context.kube)
        guard try await writer.isReadyToReconcile(evacuation) else { return .done }

        let namespace = evacuation.metadata.namespace ?? "default"
        let (cluster, client, reading) = try await context.readCluster(named: evacuation.spec.clusterRef, namespace: namespace)
        let readout = reading.readout
        let others = context.evacuations.objects.filter { $0.metadata.namespace == namespace && $0.spec.clusterRef == evacuation.spec.clusterRef && $0.metadata.uid != evacuation.metadata.uid }
        let brokerPods = cluster?.brokerPods(among: context.pods.objects) ?? []
        let decision = EvacuationDecider.decide(.init(evacuation: evacuation, cluster: cluster, pods: brokerPods, broker: readout, others: others, now: context.now()))

        var status = decision.status
        var requeue = decision.requeueAfter
        var carriedOut: [EvacuationDecider.Action] = []
        actions: for action in decision.actions {
            switch action {
            case let .start(request):
                guard let client else { break actions }
                do {
                    try await client.startEvacuation(node: request.node, EvacuationStartRequest(request))
                    context.logger.info("started the evacuation", metadata: ["nodeevacuation": "\(key)", "node": "\(request.node)"])
                } catch let error as EMQXError where error.kind == .alreadyStarted {
                    // EMQX runs it already: adopted.
                } catch let error as EMQXError where error.kind == .evictionAgentBusy || error.kind == .nodesUnavailable {
                    status = Self.refused(status, reason: "Conflict", message: "EMQX refused to start on \(request.node): \(error.message)", evacuation: evacuation, now: context.now())
                    requeue = EvacuationDecider.blockedRetry
                    break actions
                } catch let error as EMQXError where !error.isRetryable {
                    status = Self.refused(status, reason: "StartRejected", message: "EMQX rejected the evacuation of \(request.node): \(error.message)", evacuation: evacuation, now: context.now())
                    requeue = .seconds(30)
                    break actions
                }
            case let .stop(node):
                guard let client else { break actions }
                do {
                    try await client.stopEvacuation(node: node)
                    context.logger.info("stopped the evacuation", metadata: ["nodeevacuation": "\(key)", "node": "\(node)"])
                } catch let error as EMQXError where error.kind == .notStarted || error.kind == .nodeNotFound {
                    // The stop's goal holds.
                }
            case let .handOverStop(node, lastError):
                try await handOver(node: node, lastError: lastError, evacuation: evacuation, cluster: cluster)
            case .removeFinalizer:
                try await writer.removeFinalizer(from: evacuation)
                await context.publish(NodeEvacuationEvents.events(for: evacuation, newStatus: status, carriedOut: carriedOut), regarding: evacuation)
                return .done
            }
            carriedOut.append(action)
        }
        try await writer.patchStatus(of: evacuation, cached: evacuation.status, desired: status)
        await context.publish(NodeEvacuationEvents.events(for: evacuation, newStatus: status, carriedOut: carriedOut), regarding: evacuation)
        return requeue.map { .requeue(after: $0) } ?? .done
    }

    /// Records a stop EMQX still owes in the BrokerCluster's status, so that deletion completes.
    private func handOver(node: String, lastError: String, evacuation: NodeEvacuation, cluster: BrokerCluster?) async throws {
        guard let cluster else { return }
        let stop = BrokerCluster.Status.PendingStop(brokerNode: node, evacuation: evacuation.metadata.name ?? "", since: Timestamp(context.now()), lastError: lastError)
        let updated = BrokerClusterDecider.addingPendingStops([stop], to: cluster.status ?? .init())
        try await ResourceWriter<BrokerCluster>(client: context.kube).patchStatus(of: cluster, cached: cluster.status, desired: updated)
        await context.publish([BrokerClusterEvents.stopOwed(node: node, evacuation: stop.evacuation, lastError: lastError)], regarding: cluster)
        context.logger.warning("EMQX unreachable: the stop of the evacuation is handed to the BrokerCluster", metadata: ["node": "\(node)", "error": "\(lastError)"])
    }

    static func refused(_ status: NodeEvacuation.Status, reason: String, message: String, evacuation: NodeEvacuation, now: Date) -> NodeEvacuation.Status {
        var status = status
        let generation = evacuation.metadata.generation
        status.conditions = ConditionList.setting("Ready", .false, reason: reason, message: message, generation: generation, now: now, in: status.conditions)
        status.conditions = ConditionList.setting("Progressing", .false, reason: reason, message: message, generation: generation, now: now, in: status.conditions)
        return status
    }
}
