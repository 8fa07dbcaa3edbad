import ControllerRuntime
import EMQXClient
import Foundation
import KubeClient
import Logging

/// Reconciles BrokerClusters: reachability, version and per-node load from the broker source's latest reading,
/// mapped to pods, the stops EMQX still owes, and drain protection (``DrainDecider``: the guard budget and labels,
/// the NodeEvacuations before removals, the `Drain` condition).
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
        let namespace = cluster.metadata.namespace ?? "default"
        let evacuations = context.evacuations.objects.filter { $0.metadata.namespace == namespace && $0.spec.clusterRef == cluster.metadata.name }
        let claimed = Set(evacuations.filter { $0.metadata.deletionTimestamp == nil }.flatMap { ($0.status?.brokerNodes ?? []).map(\.name) })
        let podObjects = cluster.brokerPodObjects(among: context.pods.objects)
        var input = BrokerClusterDecider.Input(cluster: cluster, pods: podObjects.map(BrokerPod.init), readout: reading, claimedNodes: claimed, now: context.now())
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

        // Drain protection, once the caches it decides on are complete.
        var status = decision.status
        if context.nodes.isSynced, context.budgets.isSynced, context.statefulSets.isSynced {
            var brokerNodes: [String] = []
            var running: Set<String> = []
            var loads: [String: NodeLoad] = [:]
            if case let .snapshot(snapshot, _) = reading {
                brokerNodes = snapshot.nodes.map(\.name)
                running = Set(snapshot.nodes.filter(\.isRunning).map(\.name))
                for node in snapshot.nodes where node.isRunning {
                    loads[node.name] = NodeLoad(name: node.name, connections: node.connections, sessions: node.sessions, isAvailable: true)
                }
            }
            let drain = DrainDecider.decide(DrainDecider.Input(
                cluster: cluster, pods: podObjects,
                nodes: context.nodes.objects,
                budgets: context.budgets.objects.filter { $0.metadata.namespace == namespace },
                statefulSets: context.statefulSets.objects.filter { $0.metadata.namespace == namespace },
                evacuations: evacuations, brokerNodes: brokerNodes, runningBrokerNodes: running, loads: loads
            ))
            for action in drain.actions {
                try await carryOut(action, namespace: namespace, cluster: key)
            }
            status = BrokerClusterDecider.applying(drain, to: status, cluster: cluster, now: context.now())
        }

        let confirmed = Set(input.stopOutcomes.filter(\.value.succeeded).keys)
        let preconditioned = cluster.status?.pendingStops != status.pendingStops
        if try await context.writer.patchStatus(of: cluster, from: cluster.status, to: status, preconditioned: preconditioned) == .conflict {
            return .requeue(after: Self.conflictRetry)
        }
        context.gauges?.record(cluster, status: status)
        await context.publish(BrokerClusterEvents.events(for: cluster, newStatus: status, confirmedStops: confirmed), regarding: cluster)
        return decision.requeueAfter.map { .requeue(after: $0) } ?? .done
    }

    /// One Kubernetes write of drain protection, logged in words.
    private func carryOut(_ action: DrainDecider.Action, namespace: String, cluster key: ObjectKey) async throws {
        let metadata: Logger.Metadata = ["brokercluster": "\(key)"]
        switch action {
        case let .putBudget(budget):
            try await context.writer.put(budget)
            context.logger.info("guarding the broker pods with PodDisruptionBudget \(budget.metadata.name ?? "")", metadata: metadata)
        case let .deleteBudget(name):
            try await context.writer.deleteBudget(named: name, namespace: namespace)
            context.logger.info("deleted the guard PodDisruptionBudget \(name)", metadata: metadata)
        case let .guardPod(pod, on):
            try await context.writer.label(pod: pod, namespace: namespace, key: DrainGuard.guardLabel, value: on ? key.name : nil)
            context.logger.info(on ? "guarding pod \(pod)" : "released pod \(pod) to eviction", metadata: metadata)
        case let .createEvacuation(evacuation):
            do {
                _ = try await context.writer.create(evacuation)
                context.logger.info("evacuating before removal: created NodeEvacuation \(evacuation.metadata.name ?? "")", metadata: metadata)
            } catch let error as KubeAPIError where error.reason == .alreadyExists {
                // The previous one of that name is still being deleted; its removal triggers the next reconcile.
                return
            }
        case let .deleteEvacuation(name):
            guard let evacuation = context.evacuations.object(for: ObjectKey(namespace: namespace, name: name)) else { return }
            try await context.writer.delete(evacuation)
            context.logger.info("deleted NodeEvacuation \(name): its pods stay or came back", metadata: metadata)
        }
    }
}
