import Foundation
import KubeClient

/// The BrokerCluster reconciler's decisions, as a pure function of what it observed.
///
/// Guarantees: `Reachable` says whether the EMQX API answered, `Ready` whether the operator can drive the cluster
/// (reachable, credentials present, `load_rebalance` available); a missing feature is reported, never a crash;
/// owed stops (`pendingStops`) are retried while the API answers and dropped once EMQX no longer runs that
/// evacuation, or when a live NodeEvacuation has claimed the node again (so a late stop never ends a new one);
/// automation the spec asks for but this version does not carry out (`spec.drain`, `spec.autoRebalance`) is reported
/// in the condition `Automation` (`False`, `NotImplemented`), so nobody relies on it unknowingly.
public enum BrokerClusterDecider {
    /// Poll interval while an evacuation or rebalance runs or a stop is owed.
    public static let activePoll: Duration = .seconds(5)
    /// Poll interval of an idle cluster, which keeps `Reachable` and the node counts current.
    public static let idlePoll: Duration = .seconds(60)

    public struct Input: Sendable {
        public var cluster: BrokerCluster
        public var pods: [BrokerPod]
        public var readout: BrokerReading
        /// Broker nodes that live NodeEvacuations have started or adopted.
        public var claimedNodes: Set<String>
        public var now: Date

        public init(cluster: BrokerCluster, pods: [BrokerPod], readout: BrokerReading, claimedNodes: Set<String>, now: Date) {
            self.cluster = cluster
            self.pods = pods
            self.readout = readout
            self.claimedNodes = claimedNodes
            self.now = now
        }
    }

    public struct Decision: Sendable, Hashable {
        /// Evacuation stops to send again; on success (or `not_started`) the reconciler removes them from
        /// `status.pendingStops` with ``removingPendingStops(_:from:)``.
        public var retryStops: [String]
        public var status: BrokerCluster.Status
        public var requeueAfter: Duration
    }

    public static func decide(_ input: Input) -> Decision {
        let cluster = input.cluster
        let generation = cluster.metadata.generation
        var status = cluster.status ?? BrokerCluster.Status()
        status.observedGeneration = generation
        func set(_ type: String, _ value: Condition.Status, _ reason: String, _ message: String) {
            status.conditions = ConditionList.setting(type, value, reason: reason, message: message, generation: generation, now: input.now, in: status.conditions)
        }
        let pending = status.pendingStops ?? []
        status.conditions = automationCondition(cluster, status: status, now: input.now)

        switch input.readout {
        case let .misconfigured(reason, message):
            set("Reachable", .unknown, reason, message)
            set("Ready", .false, reason, message)
            return Decision(retryStops: [], status: status, requeueAfter: pending.isEmpty ? idlePoll : activePoll)
        case let .unreachable(message):
            set("Reachable", .false, "Unreachable", "EMQX API at \(cluster.spec.api.url) did not answer: \(message)")
            set("Ready", .false, "Unreachable", "EMQX API at \(cluster.spec.api.url) did not answer: \(message)")
            return Decision(retryStops: [], status: status, requeueAfter: activePoll)
        case let .unauthorized(message):
            let text = "EMQX refused the API key from Secret \(cluster.spec.api.credentialsSecret ?? "(none)"): \(message)"
            set("Reachable", .false, "Unauthorized", text)
            set("Ready", .false, "Unauthorized", text)
            return Decision(retryStops: [], status: status, requeueAfter: idlePoll)
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

            // Owed stops: drop those EMQX no longer runs or a live NodeEvacuation has claimed again.
            let stillOwed = pending.filter { evacuating.contains($0.brokerNode) && !input.claimedNodes.contains($0.brokerNode) }
            status.pendingStops = stillOwed.isEmpty ? nil : stillOwed

            let running = snapshot.nodes.filter(\.isRunning).count
            set("Reachable", .true, "Reachable", "EMQX API answered: \(running) of \(snapshot.nodes.count) node(s) running")
            if rebalanceAvailable {
                set("Ready", .true, "Ready", "EMQX \(status.emqxVersion ?? "") reachable with load_rebalance available")
            } else {
                set("Ready", .false, "RebalanceUnavailable", "EMQX answers 404 on /api/v5/load_rebalance: node evacuation and rebalance are not available in this EMQX (they need EMQX 5 with the node_rebalance application)")
            }
            let busy = !evacuating.isEmpty || !snapshot.rebalances.isEmpty || !stillOwed.isEmpty
            return Decision(retryStops: stillOwed.map(\.brokerNode), status: status, requeueAfter: busy ? activePoll : idlePoll)
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

    /// Removes the stops EMQX confirmed.
    public static func removingPendingStops(_ nodes: Set<String>, from status: BrokerCluster.Status) -> BrokerCluster.Status {
        var status = status
        let list = (status.pendingStops ?? []).filter { !nodes.contains($0.brokerNode) }
        status.pendingStops = list.isEmpty ? nil : list
        return status
    }

    /// The `Automation` condition: present only while the spec enables automation that this version does not carry
    /// out (design section 5: drain protection and scale-up rebalancing).
    static func automationCondition(_ cluster: BrokerCluster, status: BrokerCluster.Status, now: Date) -> [Condition]? {
        let asked = [
            cluster.spec.drain?.enabled == true ? "spec.drain" : nil,
            cluster.spec.autoRebalance?.enabled == true ? "spec.autoRebalance" : nil,
        ].compactMap { $0 }
        guard !asked.isEmpty else { return ConditionList.removing("Automation", from: status.conditions) }
        let message = "\(asked.joined(separator: " and ")) is accepted but not acted on by this version: drains are not guarded and scale-ups start no rebalance. Create a NodeEvacuation before draining a node, and a ClusterRebalance after adding brokers."
        return ConditionList.setting("Automation", .false, reason: "NotImplemented", message: message, generation: cluster.metadata.generation, now: now, in: status.conditions)
    }
}
