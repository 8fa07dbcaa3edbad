import ControllerRuntime
import EMQXClient
import Foundation
import KubeClient
import Logging

/// What the three reconcilers share: the caches they read, the API server they write to, the connections to the
/// brokers, the time, the logger and the event recorder. Built once by ``BrokerOperator`` and handed to each.
///
/// Guarantees: reconcilers read time only from ``now`` (tests drive it), and publish events only through
/// ``events`` (`nil`: no events).
public struct ReconcilerContext: Sendable {
    public var clusters: Store<BrokerCluster>
    public var evacuations: Store<NodeEvacuation>
    public var rebalances: Store<ClusterRebalance>
    public var pods: Store<Pod>
    public var kube: KubeClient
    public var connector: BrokerConnector
    public var now: @Sendable () -> Date
    public var logger: Logger
    /// Where Kubernetes Events go; `nil` publishes none.
    public var events: EventRecorder?

    public init(
        clusters: Store<BrokerCluster>, evacuations: Store<NodeEvacuation>, rebalances: Store<ClusterRebalance>, pods: Store<Pod>,
        kube: KubeClient, connector: BrokerConnector, now: @escaping @Sendable () -> Date, logger: Logger, events: EventRecorder? = nil
    ) {
        self.clusters = clusters
        self.evacuations = evacuations
        self.rebalances = rebalances
        self.pods = pods
        self.kube = kube
        self.connector = connector
        self.now = now
        self.logger = logger
        self.events = events
    }

    /// The BrokerCluster `name` of `namespace` from the cache (`nil` when absent) and a reading of its broker.
    func readCluster(named name: String, namespace: String) async throws -> (cluster: BrokerCluster?, client: EMQXClient?, reading: BrokerReading) {
        let key = ObjectKey(namespace: namespace, name: name)
        let cluster = clusters.object(for: key)
        let (client, reading) = try await connector.read(cluster, reference: key)
        return (cluster, client, reading)
    }
}
