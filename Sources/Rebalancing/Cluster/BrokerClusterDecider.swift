import Foundation
import KubeClient

/// The BrokerCluster reconciler's decisions, as a pure function of what it observed.
///
/// Guarantees: `Reachable` says whether the EMQX API answered, `Ready` whether the operator can drive the cluster
/// (reachable, credentials present, `load_rebalance` available); a missing feature is reported, never a crash;
/// owed stops (`pendingStops`) are retried while the API answers and dropped once EMQX confirms them (a stop answered
/// `not_started` included), no longer runs that evacuation, or a live NodeEvacuation has claimed the node again (so a
/// late stop never ends a new one);
/// automation the spec asks for but this version does not carry out (`spec.autoRebalance`) is reported in the
/// condition `Automation` (`False`, `NotImplemented`), so nobody relies on it unknowingly. Drain protection's
/// decisions are ``DrainDecider``'s; its summary is the condition `Drain`.
public enum BrokerClusterDecider {
    /// Retry interval of owed stops that EMQX did not confirm.
    public static let stopRetry: Duration = .seconds(5)

    public struct Input: Sendable {
        public var cluster: BrokerCluster
        public var pods: [BrokerPod]
        public var readout: BrokerReading
        /// Broker nodes that live NodeEvacuations have started or adopted.
        public var claimedNodes: Set<String>
        public var now: Date
        /// EMQX's answers to the owed stops the last decision sent, by node.
        public var stopOutcomes: [String: BrokerActionOutcome]

        public init(cluster: BrokerCluster, pods: [BrokerPod], readout: BrokerReading, claimedNodes: Set<String>, now: Date, stopOutcomes: [String: BrokerActionOutcome] = [:]) {
            self.stopOutcomes = stopOutcomes
            self.cluster = cluster
            self.pods = pods
            self.readout = readout
            self.claimedNodes = claimedNodes
            self.now = now
        }
    }

    public struct Decision: Sendable, Hashable {
        /// Owed evacuation stops to send again (``BrokerAction/stopEvacuation(node:)``); the reconciler decides again
        /// with their outcomes, and the confirmed ones leave `status.pendingStops`.
        public var actions: [BrokerAction]
        public var status: BrokerCluster.Status
        /// `nil`: nothing time-based; the next broker reading or spec change triggers the next reconcile.
        public var requeueAfter: Duration?
    }

    public static func decide(_ input: Input) -> Decision {
        let cluster = input.cluster
        let generation = cluster.metadata.generation
        var status = cluster.status ?? BrokerCluster.Status()
        status.observedGeneration = generation
        func set(_ type: ConditionType, _ value: Condition.Status, _ reason: ConditionReason, _ message: String) {
            status.conditions = ConditionList.setting(type, value, reason: reason, message: message, generation: generation, now: input.now, in: status.conditions)
        }
        let pending = status.pendingStops ?? []
        status.conditions = automationCondition(cluster, status: status, now: input.now)

        switch input.readout {
        case let .misconfigured(reason, message):
            set(.reachable, .unknown, reason, message)
            set(.ready, .false, reason, message)
            return Decision(actions: [], status: status, requeueAfter: pending.isEmpty ? nil : stopRetry)
        case let .unreachable(message):
            set(.reachable, .false, .unreachable, "EMQX API at \(cluster.spec.api.url) did not answer: \(message)")
            set(.ready, .false, .unreachable, "EMQX API at \(cluster.spec.api.url) did not answer: \(message)")
            return Decision(actions: [], status: status, requeueAfter: pending.isEmpty ? nil : stopRetry)
        case let .unauthorized(message):
            let text = "EMQX refused the API key from Secret \(cluster.spec.api.credentialsSecret ?? "(none)"): \(message)"
            set(.reachable, .false, .unauthorized, text)
            set(.ready, .false, .unauthorized, text)
            return Decision(actions: [], status: status, requeueAfter: pending.isEmpty ? nil : stopRetry)
        case let .snapshot(snapshot, rebalanceAvailable):
            let mapping = BrokerNodeMapping(template: cluster.spec.pods?.nodeNameTemplate)
            let evacuating = Set(snapshot.evacuations.map(\.node))
            let rebalancing = Set(snapshot.rebalances.flatMap(\.participants))
            status.nodes = snapshot.nodes.sorted { $0.name < $1.name }.map { node in
                var entry = BrokerCluster.Status.Node(name: node.name)
                let pod = mapping.pod(forNode: node.name, among: input.pods)
                entry.pod = pod?.name
                entry.k8sNode = pod?.nodeName
                entry.status = node.isRunning ? "running" : "stopped"
                entry.connections = node.connections
                entry.sessions = node.sessions
                entry.evacuating = evacuating.contains(node.name)
                entry.rebalancing = rebalancing.contains(node.name)
                return entry
            }
            status.emqxVersion = snapshot.nodes.first { $0.isRunning && $0.version != nil }?.version
            status.rebalanceAvailable = rebalanceAvailable
            status.balance = balance(of: snapshot)

            // Owed stops: drop those EMQX confirmed, no longer runs, or a live NodeEvacuation has claimed again.
            let stillOwed = pending.filter {
                evacuating.contains($0.brokerNode) && !input.claimedNodes.contains($0.brokerNode) && input.stopOutcomes[$0.brokerNode]?.succeeded != true
            }
            status.pendingStops = stillOwed.isEmpty ? nil : stillOwed
            let retries = stillOwed.map(\.brokerNode).filter { input.stopOutcomes[$0] == nil }.map { BrokerAction.stopEvacuation(node: $0) }

            let running = snapshot.nodes.filter(\.isRunning).count
            set(.reachable, .true, .reachable, "EMQX API answered: \(running) of \(snapshot.nodes.count) node(s) running")
            if rebalanceAvailable {
                set(.ready, .true, .ready, "EMQX \(status.emqxVersion ?? "") reachable with load_rebalance available")
            } else {
                set(.ready, .false, .rebalanceUnavailable, "EMQX answers 404 on /api/v5/load_rebalance: node evacuation and rebalance are not available in this EMQX (they need EMQX 5 with the node_rebalance application)")
            }
            return Decision(actions: retries, status: status, requeueAfter: stillOwed.isEmpty ? nil : stopRetry)
        }
    }

    /// Most loaded running node's connections divided by the mean over running nodes, to two decimals; `nil` with
    /// no running node or no connections.
    public static func balance(of snapshot: BrokerSnapshot) -> Double? {
        let loads = snapshot.nodes.filter(\.isRunning).map(\.connections)
        guard let maximum = loads.max(), !loads.isEmpty else { return nil }
        let mean = Double(loads.reduce(0, +)) / Double(loads.count)
        guard mean > 0 else { return nil }
        return (Double(maximum) / mean * 100).rounded() / 100
    }

    /// Adds owed stops handed over by deleted NodeEvacuations (one entry per node; the first hand-over's time kept).
    public static func addingPendingStops(_ stops: [BrokerCluster.Status.PendingStop], to status: BrokerCluster.Status) -> BrokerCluster.Status {
        var status = status
        var list = status.pendingStops ?? []
        for stop in stops {
            if let index = list.firstIndex(where: { $0.brokerNode == stop.brokerNode }) {
                list[index].lastError = stop.lastError
                list[index].evacuation = stop.evacuation
            } else {
                list.append(stop)
            }
        }
        status.pendingStops = list.isEmpty ? nil : list
        return status
    }

    /// The `Automation` condition: present only while the spec enables automation that this version does not carry
    /// out (design section 5: scale-up rebalancing).
    static func automationCondition(_ cluster: BrokerCluster, status: BrokerCluster.Status, now: Date) -> [Condition]? {
        guard cluster.spec.autoRebalance?.enabled == true else { return ConditionList.removing(.automation, from: status.conditions) }
        let message = "spec.autoRebalance is accepted but not acted on by this version: scale-ups start no rebalance. Create a ClusterRebalance after adding brokers."
        return ConditionList.setting(.automation, .false, reason: .notImplemented, message: message, generation: cluster.metadata.generation, now: now, in: status.conditions)
    }

    /// `status` with the `Drain` and `GracePeriod` conditions set from drain protection's decision (each removed when
    /// it has nothing to say).
    public static func applying(_ drain: DrainDecider.Decision?, to status: BrokerCluster.Status, cluster: BrokerCluster, now: Date) -> BrokerCluster.Status {
        var status = status
        for (type, summary) in [(ConditionType.drain, drain?.summary), (.gracePeriod, drain?.gracePeriod)] {
            if let summary {
                status.conditions = ConditionList.setting(type, summary.status, reason: summary.reason, message: summary.message, generation: cluster.metadata.generation, now: now, in: status.conditions)
            } else {
                status.conditions = ConditionList.removing(type, from: status.conditions)
            }
        }
        return status
    }
}
