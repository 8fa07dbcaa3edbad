import ControllerRuntime
import EMQXClient
import Foundation
import KubeClient
import Logging

/// Reconciles ClusterRebalances: plans with ``RebalancePlanner`` over the nodes that may take part now, asks
/// ``RebalanceDecider`` what happens next, carries it out against EMQX, and writes the status when it changed.
public struct ClusterRebalanceReconciler: Reconciler {
    /// The annotation that holds the spec in force since the first attempt started (the spec is fixed then).
    public static let startedSpecAnnotation = "rebalance.brokers.dev/started-spec"

    let context: ReconcilerContext

    public init(context: ReconcilerContext) {
        self.context = context
    }

    public func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        guard let rebalance = context.rebalances.object(for: key) else { return .done }
        let namespace = rebalance.metadata.namespace ?? "default"
        guard try await context.isReadyToReconcile(rebalance) else { return .done }
        let startedSpec = Self.startedSpec(of: rebalance)
        var spec = startedSpec ?? rebalance.spec
        spec.dryRun = rebalance.spec.dryRun

        let (clusterKey, cluster, readout) = context.cluster(named: rebalance.spec.clusterRef, namespace: namespace)
        // No reading yet, or none since the last action on this cluster: the one on its way triggers the next reconcile.
        guard let readout else { return .done }
        var planning = RebalanceDecider.Planning.invalid(reason: .brokerUnreachable, message: "no reading of the broker")
        if case let .snapshot(snapshot) = readout {
            planning = Self.planning(spec: spec, snapshot: snapshot)
        }

        var input = RebalanceDecider.Input(rebalance: rebalance, startedSpec: startedSpec, clusterExists: cluster != nil, broker: readout, planning: planning, now: context.now())
        var decision = RebalanceDecider.decide(input)
        var carriedOut: [RebalanceDecider.Action] = []

        var index = 0
        while index < decision.actions.count {
            let action = decision.actions[index]
            index += 1
            switch action {
            case let .recordStartedSpec(recorded):
                try await recordStartedSpec(recorded, of: rebalance)
            case let .broker(brokerAction):
                // A decision made on a refusal carries no EMQX action; never loop on one.
                guard input.refusal == nil else { continue }
                if let refusal = try await context.act(brokerAction, on: cluster, clusterKey: clusterKey, about: ("clusterrebalance", key)) {
                    input.refusal = refusal
                    decision = RebalanceDecider.decide(input)
                    index = 0
                    continue
                }
            case .removeFinalizer:
                try await context.writer.removeFinalizer(RebalancingAPI.finalizer, from: rebalance)
                await context.publish(ClusterRebalanceEvents.events(for: rebalance, newStatus: decision.status, carriedOut: carriedOut), regarding: rebalance)
                return .done
            }
            carriedOut.append(action)
        }
        _ = try await context.writer.patchStatus(of: rebalance, from: rebalance.status, to: decision.status, preconditioned: false)
        context.gauges?.record(rebalance, status: decision.status)
        await context.publish(ClusterRebalanceEvents.events(for: rebalance, newStatus: decision.status, carriedOut: carriedOut), regarding: rebalance)
        return decision.requeueAfter.map { .requeue(after: $0) } ?? .done
    }

    /// The planner's verdict in the decider's words.
    static func planning(spec: ClusterRebalance.Spec, snapshot: BrokerSnapshot) -> RebalanceDecider.Planning {
        do {
            let thresholds = try BalanceThresholds(spec: spec)
            let busy = snapshot.busyNodes
            let loads = snapshot.nodes.map { NodeLoad($0, isAvailable: $0.isRunning && !busy.contains($0.name)) }
            let plan = try RebalancePlanner.plan(loads: loads, requestedNodes: spec.nodes, thresholds: thresholds)
            if plan.participants.count < 2 {
                return .invalid(reason: .notEnoughNodes, message: "a rebalance needs at least two available nodes; available: \(plan.participants.joined(separator: ", "))")
            }
            return plan.isAlreadyBalanced ? .alreadyBalanced : .plan(plan.status)
        } catch {
            return .invalid(reason: error.reason, message: error.description)
        }
    }

    static func startedSpec(of rebalance: ClusterRebalance) -> ClusterRebalance.Spec? {
        guard let text = rebalance.metadata.annotations?[startedSpecAnnotation] else { return nil }
        return try? JSONDecoder().decode(ClusterRebalance.Spec.self, from: Data(text.utf8))
    }

    private func recordStartedSpec(_ spec: ClusterRebalance.Spec, of rebalance: ClusterRebalance) async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let text = String(decoding: try encoder.encode(spec), as: UTF8.self)
        try await context.writer.annotate(rebalance, key: Self.startedSpecAnnotation, value: text)
    }
}
