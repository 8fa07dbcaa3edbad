import ControllerRuntime
import EMQXClient
import Foundation
import KubeClient
import Logging

/// What the three reconcilers share: the caches they read (Kubernetes objects and broker readings), the seams they
/// act through (``ResourceWriting`` for Kubernetes, ``BrokerConnecting`` for EMQX), the time, the logger, the event
/// recorder and the gauges. Built once by ``BrokerOperator`` (or a test harness) and handed to each.
///
/// Guarantees: reconcilers read broker state only from ``brokers`` (never from EMQX), call EMQX only to act, and
/// ask for a fresh reading (``refresh``) after every action; they read time only from ``now`` and publish events
/// only through ``events`` (`nil`: no events).
public struct ReconcilerContext: Sendable {
    public var clusters: Store<BrokerCluster>
    public var evacuations: Store<NodeEvacuation>
    public var rebalances: Store<ClusterRebalance>
    public var pods: Store<Pod>
    /// Kubernetes nodes, the namespaces' PodDisruptionBudgets and StatefulSets: what drain protection decides on.
    public var nodes: Store<KubeNode>
    public var budgets: Store<PodDisruptionBudget>
    public var statefulSets: Store<StatefulSet>
    /// The latest reading of each cluster's EMQX, kept by ``BrokerStateSource``.
    public var brokers: BrokerStateStore
    public var writer: any ResourceWriting
    public var connector: any BrokerConnecting
    /// Asks for a reading of a cluster's EMQX at once (``BrokerStateSource/refresh(_:)``) and fences the older ones
    /// (``BrokerStateStore/fence(_:)``): until it arrives, the cluster reads as not read yet, and its arrival triggers
    /// the next reconcile.
    public var refresh: @Sendable (ObjectKey) -> Void
    public var now: @Sendable () -> Date
    public var logger: Logger
    /// Where Kubernetes Events go; `nil` publishes none.
    public var events: EventRecorder?
    /// Where progress and load gauges go; `nil` records none.
    public var gauges: ProgressGauges?

    public init(
        clusters: Store<BrokerCluster>, evacuations: Store<NodeEvacuation>, rebalances: Store<ClusterRebalance>, pods: Store<Pod>,
        nodes: Store<KubeNode>, budgets: Store<PodDisruptionBudget>, statefulSets: Store<StatefulSet>, brokers: BrokerStateStore, writer: any ResourceWriting, connector: any BrokerConnecting, refresh: @escaping @Sendable (ObjectKey) -> Void, now: @escaping @Sendable () -> Date, logger: Logger, events: EventRecorder? = nil, gauges: ProgressGauges? = nil
    ) {
        self.clusters = clusters
        self.evacuations = evacuations
        self.rebalances = rebalances
        self.pods = pods
        self.nodes = nodes
        self.budgets = budgets
        self.statefulSets = statefulSets
        self.brokers = brokers
        self.writer = writer
        self.connector = connector
        self.refresh = refresh
        self.now = now
        self.logger = logger
        self.events = events
        self.gauges = gauges
    }

    /// The BrokerCluster `name` of `namespace` from the cache and what the deciders know of its broker; `nil` for the
    /// readout when the cluster exists but its broker was not read yet (its first reading triggers a reconcile).
    func cluster(named name: String, namespace: String) -> (key: ObjectKey, cluster: BrokerCluster?, readout: BrokerReadout?) {
        let key = ObjectKey(namespace: namespace, name: name)
        guard let cluster = clusters.object(for: key) else {
            return (key, nil, .unreachable("BrokerCluster \(key) does not exist"))
        }
        return (key, cluster, brokers.reading(for: key)?.readout)
    }

    /// Whether a reconcile goes on with `object`: one without the project's finalizer gets it first (the patch's watch
    /// event reconciles again), and one whose finalizer is already gone is left alone.
    func isReadyToReconcile<Object: RebalancingResource>(_ object: Object) async throws -> Bool {
        switch Finalizer.state(of: object.metadata, finalizer: RebalancingAPI.finalizer) {
        case .needsFinalizer:
            try await writer.addFinalizer(RebalancingAPI.finalizer, to: object)
            return false
        case .deleted:
            return false
        case .apply, .cleanup:
            return true
        }
    }

    /// Carries out one EMQX action of a decision about `resource` and logs what EMQX did; afterwards the cluster
    /// `clusterKey` reads as not read until a reading taken after the action arrives. Returns the refusal to hand back
    /// to the decider, `nil` when the action's goal holds.
    func act(_ action: BrokerAction, on cluster: BrokerCluster?, clusterKey: ObjectKey, about resource: (kind: String, key: ObjectKey)) async throws -> BrokerActionRefusal? {
        let outcome = try await perform(action, on: cluster)
        refresh(clusterKey)
        guard outcome.succeeded else {
            logger.info("EMQX did not carry out the action", metadata: [resource.kind: "\(resource.key)", "action": "\(action)", "outcome": "\(outcome)"])
            return BrokerActionRefusal(action: action, outcome: outcome)
        }
        logger.info("\(action.logDescription)", metadata: [resource.kind: "\(resource.key)", "node": "\(action.node)", "outcome": "\(outcome)"])
        return nil
    }

    /// Carries out `action` on the EMQX of `cluster`; an unusable configuration is an unreachable broker.
    func perform(_ action: BrokerAction, on cluster: BrokerCluster?) async throws -> BrokerActionOutcome {
        guard let cluster else { return .unreachable("the BrokerCluster does not exist") }
        let actions: any EMQXActions
        do {
            actions = try await connector.actions(for: cluster)
        } catch let error as BrokerConnectionError {
            return .unreachable(error.message)
        }
        return try await BrokerActionPerformer.perform(action, on: actions)
    }
}
