import CoreMetrics
import KubeClient

/// The operator's own gauges beside controller-runtime's metrics: evacuation and rebalance progress, and each broker
/// node's load, taken from the status the reconcilers just wrote.
///
/// Guarantees: a gauge is labelled by the resource's namespace and name (and the broker node for node loads), so a
/// dashboard can follow one operation; ``samples(for:status:)`` and its siblings are pure, and recording them is the
/// only I/O.
public struct ProgressGauges: Sendable {
    /// One gauge value.
    public struct Sample: Sendable, Hashable {
        public var name: String
        public var dimensions: [String: String]
        public var value: Double
    }

    public static let evacuationProgress = "rebalance_operator_evacuation_progress_percent"
    public static let evacuationRemainingConnections = "rebalance_operator_evacuation_remaining_connections"
    public static let evacuationRemainingSessions = "rebalance_operator_evacuation_remaining_sessions"
    public static let rebalanceAttempts = "rebalance_operator_rebalance_attempts"
    public static let rebalanceMovedConnections = "rebalance_operator_rebalance_moved_connections"
    public static let rebalanceMovedSessions = "rebalance_operator_rebalance_moved_sessions"
    public static let brokerConnections = "rebalance_operator_broker_connections"
    public static let brokerSessions = "rebalance_operator_broker_sessions"
    public static let clusterBalance = "rebalance_operator_cluster_balance"
    /// 1 while the NodeEvacuation is in phase `Failed` (e.g. its deadline passed), else 0.
    public static let evacuationFailed = "rebalance_operator_evacuation_failed"
    /// 1 while the ClusterRebalance is in phase `Failed`, else 0.
    public static let rebalanceFailed = "rebalance_operator_rebalance_failed"
    /// 1 while the BrokerCluster's condition `Reachable` is `True`, else 0 (absent until first reported).
    public static let clusterReachable = "rebalance_operator_cluster_reachable"
    /// The BrokerCluster's owed evacuation stops (`status.pendingStops`).
    public static let clusterPendingStops = "rebalance_operator_cluster_pending_stops"

    /// The `# HELP` text of each gauge (the metrics server writes them; swift-metrics has none).
    public static let help: [String: String] = [
        evacuationProgress: "Percent of a NodeEvacuation's initial connections and sessions moved off its node",
        evacuationRemainingConnections: "Connections still on the nodes a NodeEvacuation evacuates",
        evacuationRemainingSessions: "Sessions still on the nodes a NodeEvacuation evacuates",
        evacuationFailed: "1 while a NodeEvacuation is in phase Failed (e.g. past its deadline), else 0",
        rebalanceAttempts: "Attempts a ClusterRebalance has made",
        rebalanceMovedConnections: "Connections a ClusterRebalance has moved so far",
        rebalanceMovedSessions: "Sessions a ClusterRebalance has moved so far",
        rebalanceFailed: "1 while a ClusterRebalance is in phase Failed, else 0",
        brokerConnections: "Connected clients of each EMQX node (live_connections) as last read",
        brokerSessions: "Sessions of each EMQX node as last read",
        clusterBalance: "Most loaded node's connections divided by the mean over running nodes",
        clusterReachable: "1 while the BrokerCluster's EMQX API answers (condition Reachable), else 0",
        clusterPendingStops: "Evacuation stops the BrokerCluster still owes to EMQX (status.pendingStops)",
    ]

    private let factory: any MetricsFactory

    public init(factory: any MetricsFactory) {
        self.factory = factory
    }

    /// Records the gauges of `evacuation` with its new `status`.
    public func record(_ evacuation: NodeEvacuation, status: NodeEvacuation.Status) {
        record(Self.samples(for: evacuation.metadata, status: status))
    }

    /// Records the gauges of `rebalance` with its new `status`.
    public func record(_ rebalance: ClusterRebalance, status: ClusterRebalance.Status) {
        record(Self.samples(for: rebalance.metadata, status: status))
    }

    /// Records the node loads and balance of `cluster` with its new `status`.
    public func record(_ cluster: BrokerCluster, status: BrokerCluster.Status) {
        record(Self.samples(for: cluster.metadata, status: status))
    }

    private func record(_ samples: [Sample]) {
        for sample in samples {
            Gauge(label: sample.name, dimensions: sample.dimensions.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, factory: factory)
                .record(sample.value)
        }
    }

    static func labels(_ metadata: ObjectMeta) -> [String: String] {
        ["namespace": metadata.namespace ?? "", "name": metadata.name ?? ""]
    }

    static func samples(for metadata: ObjectMeta, status: NodeEvacuation.Status) -> [Sample] {
        let labels = labels(metadata)
        let nodes = status.brokerNodes ?? []
        return [
            Sample(name: evacuationProgress, dimensions: labels, value: Double(status.progress ?? 0)),
            Sample(name: evacuationRemainingConnections, dimensions: labels, value: Double(nodes.reduce(0) { $0 + ($1.connections ?? 0) })),
            Sample(name: evacuationRemainingSessions, dimensions: labels, value: Double(nodes.reduce(0) { $0 + ($1.sessions ?? 0) })),
            Sample(name: evacuationFailed, dimensions: labels, value: status.phase == .failed ? 1 : 0),
        ]
    }

    static func samples(for metadata: ObjectMeta, status: ClusterRebalance.Status) -> [Sample] {
        let labels = labels(metadata)
        return [
            Sample(name: rebalanceAttempts, dimensions: labels, value: Double(status.attempts?.count ?? 0)),
            Sample(name: rebalanceMovedConnections, dimensions: labels, value: Double(status.moved?.connections ?? 0)),
            Sample(name: rebalanceMovedSessions, dimensions: labels, value: Double(status.moved?.sessions ?? 0)),
            Sample(name: rebalanceFailed, dimensions: labels, value: status.phase == .failed ? 1 : 0),
        ]
    }

    static func samples(for metadata: ObjectMeta, status: BrokerCluster.Status) -> [Sample] {
        let cluster = ["namespace": metadata.namespace ?? "", "cluster": metadata.name ?? ""]
        var samples = (status.nodes ?? []).flatMap { node -> [Sample] in
            let labels = cluster.merging(["node": node.name]) { $1 }
            return [
                Sample(name: brokerConnections, dimensions: labels, value: Double(node.connections ?? 0)),
                Sample(name: brokerSessions, dimensions: labels, value: Double(node.sessions ?? 0)),
            ]
        }
        if let balance = status.balance { samples.append(Sample(name: clusterBalance, dimensions: cluster, value: balance)) }
        if let reachable = status.conditions?.first(where: { $0.type == "Reachable" }) {
            samples.append(Sample(name: clusterReachable, dimensions: cluster, value: reachable.status == .true ? 1 : 0))
        }
        samples.append(Sample(name: clusterPendingStops, dimensions: cluster, value: Double(status.pendingStops?.count ?? 0)))
        return samples
    }
}
