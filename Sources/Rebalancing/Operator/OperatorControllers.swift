import ControllerRuntime
import CoreMetrics
import Foundation
import KubeClient
import Logging

/// The operator's moving parts over a given set of caches and seams: the broker source and the three controllers
/// with their reconcilers, wired so that a change of any input reconciles the resources it concerns.
///
/// ``BrokerOperator`` builds it over reflectors and the real clients; tests build it over in-memory caches, an
/// in-memory ``ResourceWriting`` and a simulator, on a manual clock. The wiring is the same.
///
/// ## Triggers
/// - BrokerCluster: its own spec or lifecycle changes, its broker pods, every change of its NodeEvacuations, the
///   Kubernetes nodes' spec (cordon, taints), the PodDisruptionBudgets and StatefulSets of its namespace, and every
///   changed reading of its broker.
/// - NodeEvacuation: its own spec or lifecycle, its BrokerCluster's spec, the pods it targets, the Kubernetes node it
///   targets appearing or going, and its cluster's broker readings.
/// - ClusterRebalance: its own spec or lifecycle, its BrokerCluster's spec, and its cluster's broker readings.
public struct OperatorControllers: Sendable {
    public let context: ReconcilerContext
    public let source: BrokerStateSource
    public let clusters: Controller<BrokerCluster>
    public let evacuations: Controller<NodeEvacuation>
    public let rebalances: Controller<ClusterRebalance>

    public init(
        clusters clusterStore: Store<BrokerCluster>, evacuations evacuationStore: Store<NodeEvacuation>, rebalances rebalanceStore: Store<ClusterRebalance>,
        pods: Store<Pod>, nodes: Store<KubeNode>, budgets: Store<PodDisruptionBudget>, statefulSets: Store<StatefulSet>, writer: any ResourceWriting, connector: any BrokerConnecting, maxConcurrentReconciles: Int = 1,
        pollIntervals: BrokerPollIntervals = BrokerPollIntervals(), clock: some Clock<Duration>, now: @escaping @Sendable () -> Date, logger: Logger,
        events: EventRecorder? = nil, gauges: ProgressGauges? = nil, metricsFactory: any MetricsFactory = NOOPMetricsHandler.instance
    ) {
        let brokers = BrokerStateStore()
        let source = BrokerStateSource(
            clusters: clusterStore, connector: connector, states: brokers, intervals: pollIntervals,
            activity: Self.activity(clusters: clusterStore, evacuations: evacuationStore, rebalances: rebalanceStore),
            clock: clock, logger: logger
        )
        let context = ReconcilerContext(
            clusters: clusterStore, evacuations: evacuationStore, rebalances: rebalanceStore, pods: pods,
            nodes: nodes, budgets: budgets, statefulSets: statefulSets, brokers: brokers,
            writer: writer, connector: connector, refresh: { key in
                brokers.fence(key)
                source.refresh(key)
            }, now: now, logger: logger, events: events, gauges: gauges
        )
        let options = { (name: String) in ControllerOptions(name: name, maxConcurrentReconciles: maxConcurrentReconciles) }

        self.clusters = Controller(for: clusterStore, options: options("brokercluster"), clock: clock, metricsFactory: metricsFactory, logger: logger)
            .withEventFilter(.specOrLifecycleChanged)
            .watches(pods) { pod in
                clusterStore.objects.filter { $0.metadata.namespace == pod.metadata.namespace && ($0.spec.pods?.selector?.matches(pod.metadata.labels ?? [:]) ?? false) }.map(\.key)
            }
            // Every change, status included: drain protection releases a pod once its evacuation reports it evacuated.
            .watches(evacuationStore) { evacuation in [ObjectKey(namespace: evacuation.metadata.namespace, name: evacuation.spec.clusterRef)] }
            .watches(nodes, predicate: Self.nodeSpecChanged) { _ in clusterStore.keys }
            .watches(budgets, predicate: .specOrLifecycleChanged.or(.labelsChanged)) { budget in
                clusterStore.objects.filter { $0.metadata.namespace == budget.metadata.namespace }.map(\.key)
            }
            .watches(statefulSets, predicate: .specOrLifecycleChanged) { set in
                clusterStore.objects.filter { $0.metadata.namespace == set.metadata.namespace }.map(\.key)
            }
            .reconciles(on: brokers.changes) { [$0] }

        self.evacuations = Controller(for: evacuationStore, options: options("nodeevacuation"), clock: clock, metricsFactory: metricsFactory, logger: logger)
            .withEventFilter(.specOrLifecycleChanged)
            .watches(clusterStore, predicate: .specOrLifecycleChanged) { cluster in
                evacuationStore.objects.filter { $0.metadata.namespace == cluster.metadata.namespace && $0.spec.clusterRef == cluster.metadata.name }.map(\.key)
            }
            .watches(nodes, predicate: Self.nodeAddedOrDeleted) { node in
                evacuationStore.objects.filter { $0.spec.target.node != nil && $0.spec.target.node == node.metadata.name }.map(\.key)
            }
            .watches(pods) { pod in
                evacuationStore.objects.filter { evacuation in
                    evacuation.metadata.namespace == pod.metadata.namespace
                        && (evacuation.spec.target.pod == pod.metadata.name || (evacuation.spec.target.node != nil && evacuation.spec.target.node == pod.spec?.nodeName))
                }.map(\.key)
            }
            .reconciles(on: brokers.changes) { cluster in
                evacuationStore.objects.filter { $0.metadata.namespace == cluster.namespace && $0.spec.clusterRef == cluster.name }.map(\.key)
            }

        self.rebalances = Controller(for: rebalanceStore, options: options("clusterrebalance"), clock: clock, metricsFactory: metricsFactory, logger: logger)
            .withEventFilter(.specOrLifecycleChanged)
            .watches(clusterStore, predicate: .specOrLifecycleChanged) { cluster in
                rebalanceStore.objects.filter { $0.metadata.namespace == cluster.metadata.namespace && $0.spec.clusterRef == cluster.metadata.name }.map(\.key)
            }
            .reconciles(on: brokers.changes) { cluster in
                rebalanceStore.objects.filter { $0.metadata.namespace == cluster.namespace && $0.spec.clusterRef == cluster.name }.map(\.key)
            }
        self.context = context
        self.source = source
    }

    /// Registers the controllers and the source with `manager` (the source runs only while leading, like the
    /// controllers it feeds).
    public func register(with manager: Manager) {
        manager.add(clusters, reconciler: BrokerClusterReconciler(context: context))
        manager.add(evacuations, reconciler: NodeEvacuationReconciler(context: context))
        manager.add(rebalances, reconciler: ClusterRebalanceReconciler(context: context))
        manager.addLeaderOnly { [source] in await source.run() }
    }

    /// Runs the source and the controllers until cancelled (tests; ``BrokerOperator`` runs them in a ``Manager``).
    public func run() async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await source.run() }
            group.addTask { await clusters.run(BrokerClusterReconciler(context: context)) }
            group.addTask { await evacuations.run(NodeEvacuationReconciler(context: context)) }
            group.addTask { await rebalances.run(ClusterRebalanceReconciler(context: context)) }
        }
    }

    /// Kubernetes nodes matter to drain protection through their spec (cordon, taints), not their status heartbeats.
    static var nodeSpecChanged: ChangePredicate<KubeNode> {
        ChangePredicate { change in
            guard case .applied(let old?, let new) = change else { return true }
            return old.spec != new.spec
        }
    }

    /// A NodeEvacuation's `target.node` matters only by existing.
    static var nodeAddedOrDeleted: ChangePredicate<KubeNode> {
        ChangePredicate { change in
            guard case .applied(let old, _) = change else { return true }
            return old == nil
        }
    }

    /// Whether an operation runs or is being started or stopped in a cluster: a NodeEvacuation not yet evacuated or
    /// failed, a ClusterRebalance not finished and not waiting for approval, a deletion of either, or an owed stop.
    /// The broker source polls such a cluster at its active interval.
    static func activity(clusters: Store<BrokerCluster>, evacuations: Store<NodeEvacuation>, rebalances: Store<ClusterRebalance>) -> BrokerStateSource.Activity {
        { key in
            if clusters.object(for: key)?.status?.pendingStops?.isEmpty == false { return true }
            let evacuating = evacuations.objects.contains { evacuation in
                guard evacuation.metadata.namespace == key.namespace, evacuation.spec.clusterRef == key.name else { return false }
                if evacuation.metadata.deletionTimestamp != nil { return true }
                let phase = evacuation.status?.phase
                return phase != .evacuated && phase != .failed
            }
            if evacuating { return true }
            return rebalances.objects.contains { rebalance in
                guard rebalance.metadata.namespace == key.namespace, rebalance.spec.clusterRef == key.name else { return false }
                if rebalance.metadata.deletionTimestamp != nil { return true }
                switch rebalance.status?.phase {
                case nil, .pending?, .rebalancing?: return true
                case .planned?, .completed?, .failed?, .stopped?: return false
                }
            }
        }
    }
}
