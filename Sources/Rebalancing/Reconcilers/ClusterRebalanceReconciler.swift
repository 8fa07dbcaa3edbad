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
        let writer = ResourceWriter<ClusterRebalance>(client: context.kube)
        guard try await writer.isReadyToReconcile(rebalance) else { return .done }

        let namespace = rebalance.metadata.namespace ?? "default"
        let startedSpec = Self.startedSpec(of: rebalance)
        var spec = startedSpec ?? rebalance.spec
        spec.dryRun = rebalance.spec.dryRun

        let (cluster, client, reading) = try await context.readCluster(named: rebalance.spec.clusterRef, namespace: namespace)
        let readout = reading.readout
        var planning = RebalanceDecider.Planning.invalid(reason: "BrokerUnreachable", message: "no reading of the broker")
        if case let .snapshot(snapshot) = readout {
            planning = Self.planning(spec: spec, snapshot: snapshot)
        }

        var decision = RebalanceDecider.decide(.init(rebalance: rebalance, startedSpec: startedSpec, clusterExists: cluster != nil, broker: readout, planning: planning, now: context.now()))
        var carriedOut: [RebalanceDecider.Action] = []
        actions: for action in decision.actions {
            switch action {
            case let .recordStartedSpec(recorded):
                try await recordStartedSpec(recorded, of: rebalance)
            case let .start(request):
                guard let client else { break actions }
                do {
                    try await client.startRebalance(coordinator: request.coordinator, RebalanceStartRequest(request))
                    context.logger.info("started the rebalance", metadata: ["clusterrebalance": "\(key)", "coordinator": "\(request.coordinator)"])
                } catch let error as EMQXError where error.kind == .alreadyStarted {
                    // EMQX runs it already: adopted.
                } catch let error as EMQXError where error.kind == .nothingToBalance {
                    decision = RebalanceDecider.applying(.nothingToBalance, to: decision, generation: rebalance.metadata.generation, now: context.now())
                    break actions
                } catch let error as EMQXError where error.kind == .evictionAgentBusy || error.kind == .nodesUnavailable || error.kind == .rpcError {
                    decision = RebalanceDecider.applying(.busy(error.message), to: decision, generation: rebalance.metadata.generation, now: context.now())
                    break actions
                } catch let error as EMQXError where !error.isRetryable {
                    decision = RebalanceDecider.applying(.rejected(error.message), to: decision, generation: rebalance.metadata.generation, now: context.now())
                    break actions
                }
            case let .stop(coordinator):
                guard let client else { break actions }
                do {
                    try await client.stopRebalance(coordinator: coordinator)
                } catch let error as EMQXError where error.kind == .notStarted || error.kind == .nodeNotFound {
                    // The stop's goal holds.
                }
            case .removeFinalizer:
                try await writer.removeFinalizer(from: rebalance)
                await context.publish(ClusterRebalanceEvents.events(for: rebalance, newStatus: decision.status, carriedOut: carriedOut), regarding: rebalance)
                return .done
            }
            carriedOut.append(action)
        }
        try await writer.patchStatus(of: rebalance, cached: rebalance.status, desired: decision.status)
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
                return .invalid(reason: "NotEnoughNodes", message: "a rebalance needs at least two available nodes; available: \(plan.participants.joined(separator: ", "))")
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
        guard let name = rebalance.metadata.name else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let text = String(decoding: try encoder.encode(spec), as: UTF8.self)
        _ = try await context.kube.resources(ClusterRebalance.self, namespace: rebalance.metadata.namespace)
            .patch(name, .merge(["metadata": ["annotations": .object([Self.startedSpecAnnotation: .string(text)])]]))
    }
}
