import ControllerRuntime
import Foundation
import KubeClient
import Logging
import Metrics
import Prometheus

/// The operator: caches of the project's kinds and of Pods, the three controllers, the probe and metrics server,
/// and leader election when asked, run as one ``Manager``.
///
/// Guarantees: a resource's own status writes do not trigger its reconcile (only spec and lifecycle changes, the
/// objects it depends on, and changed broker readings do); after the caches sync, the Kubernetes API is only watched
/// (no list or get polling); EMQX is read only by the broker source (``BrokerStateSource``: every second while an
/// operation runs in a cluster, every 10 s otherwise, and at once after every action), and reconcilers call it only
/// to act; every reconcile reads time from `now` and every timer from `clock`, so tests can drive both.
public struct BrokerOperator: Sendable {
    public let settings: OperatorSettings
    public let kubeConfig: KubeConfig
    public let logger: Logger

    /// This replica's name in Events and in the Lease: the pod name (hostname) in a cluster, plus a UUID so that two
    /// processes on one host differ, as controller-runtime does.
    let identity: String

    public init(settings: OperatorSettings, kubeConfig: KubeConfig, logger: Logger) {
        self.identity = LeaderElectionConfiguration.defaultIdentity()
        self.settings = settings
        self.kubeConfig = kubeConfig
        self.logger = logger
    }

    /// Builds and runs the manager until cancelled or shut down gracefully (SIGTERM when `handleSignals`).
    public func run(clock: some Clock<Duration> = ContinuousClock(), now: @escaping @Sendable () -> Date = { Date() }, handleSignals: Bool = false) async throws {
        let kube = KubeClient(config: kubeConfig)
        let connector = BrokerConnector(secrets: kube)
        do {
            let manager = try makeManager(kube: kube, connector: connector, clock: clock, now: now)
            if handleSignals {
                try await manager.runService()
            } else {
                try await manager.run()
            }
        } catch {
            await connector.shutdown()
            try? await kube.shutdown()
            throw error
        }
        await connector.shutdown()
        try? await kube.shutdown()
    }

    func makeManager(kube: KubeClient, connector: BrokerConnector, clock: some Clock<Duration>, now: @escaping @Sendable () -> Date) throws -> Manager {
        let probe = settings.healthProbeBindAddress.isDisabled ? nil : ProbeServer.Configuration(host: settings.healthProbeBindAddress.host ?? "0.0.0.0", port: settings.healthProbeBindAddress.port)
        let metrics = settings.metricsBindAddress.isDisabled ? nil : MetricsServer.Configuration(host: settings.metricsBindAddress.host ?? "0.0.0.0", port: settings.metricsBindAddress.port)
        let registry = PrometheusCollectorRegistry()
        let manager = Manager(registry: registry, probe: probe, metrics: metrics, leaderElector: try leaderElector(kube: kube, clock: clock, now: now, metricsFactory: MetricNames.makePrometheusFactory(registry: registry)), logger: logger)
        manager.metricsServer?.addHelp(ProgressGauges.help)
        let events = EventRecorder(
            reportingController: Self.reportingController, reportingInstance: identity, sink: KubeEventSink(client: kube),
            clock: clock, wallClock: now, logger: logger
        )

        let clusters = reflector(BrokerCluster.self, name: "brokerclusters", kube: kube, clock: clock)
        let evacuations = reflector(NodeEvacuation.self, name: "nodeevacuations", kube: kube, clock: clock)
        let rebalances = reflector(ClusterRebalance.self, name: "clusterrebalances", kube: kube, clock: clock)
        let pods = reflector(Pod.self, name: "pods", kube: kube, clock: clock, keeping: \.cacheProjection)
        let nodes = reflector(KubeNode.self, name: "nodes", kube: kube, clock: clock, keeping: \.cacheProjection)
        let budgets = reflector(PodDisruptionBudget.self, name: "poddisruptionbudgets", kube: kube, clock: clock)
        let statefulSets = reflector(StatefulSet.self, name: "statefulsets", kube: kube, clock: clock, keeping: \.cacheProjection)
        for reflector in [clusters.name, evacuations.name, rebalances.name, pods.name, nodes.name, budgets.name, statefulSets.name] { logger.debug("cache \(reflector)") }
        manager.add(clusters)
        manager.add(evacuations)
        manager.add(rebalances)
        manager.add(pods)
        manager.add(nodes)
        manager.add(budgets)
        manager.add(statefulSets)

        let controllers = OperatorControllers(
            clusters: clusters.store, evacuations: evacuations.store, rebalances: rebalances.store, pods: pods.store,
            nodes: nodes.store, budgets: budgets.store, statefulSets: statefulSets.store,
            writer: KubeResourceWriter(client: kube), connector: connector, maxConcurrentReconciles: settings.maxConcurrentReconciles,
            clock: clock, now: now, logger: logger, events: events, gauges: ProgressGauges(factory: manager.metricsFactory),
            metricsFactory: manager.metricsFactory
        )
        controllers.register(with: manager)
        return manager
    }

    /// The `reportingController` of the operator's Events.
    public static let reportingController = "rebalance.brokers.dev/operator"

    /// The leader elector over the Lease `settings.leaderElectionID` when `--leader-elect` is on; `nil` otherwise.
    /// The Lease lives in `--leader-election-namespace`, else the namespace of the service account or kubeconfig.
    func leaderElector(kube: KubeClient, clock: some Clock<Duration>, now: @escaping @Sendable () -> Date, metricsFactory: any MetricsFactory) throws -> LeaderElector? {
        guard settings.leaderElect else { return nil }
        let namespace = settings.leaderElectionNamespace ?? kubeConfig.namespace
        return try LeaderElector(
            lock: KubeLeaseLock(client: kube, namespace: namespace, name: settings.leaderElectionID),
            configuration: LeaderElectionConfiguration(identity: identity),
            clock: clock, wallClock: now, metricsFactory: metricsFactory, logger: logger
        )
    }

    /// A cache of one kind over the configured namespaces (every namespace when none is given), keeping what
    /// `keeping` returns of each object.
    func reflector<Object: Resource & KubernetesObject>(_ type: Object.Type, name: String, kube: KubeClient, clock: some Clock<Duration>, keeping projection: @escaping @Sendable (Object) -> Object = { $0 }) -> Reflector<Object> {
        // Cluster-scoped kinds (Nodes) are watched whole.
        let namespaces = Object.resource.isNamespaced ? Set(settings.namespaces) : []
        let watched = namespaces.count == 1 ? kube.resources(type, namespace: namespaces.first) : kube.resources(type)
        let source = watched.watcher(clock: clock).compactMap { event -> WatcherEvent<Object>? in
            switch event {
            case .initStart, .initDone: break
            case let .initApply(object), let .apply(object), let .delete(object):
                if namespaces.count > 1, !namespaces.contains(object.metadata.namespace ?? "") { return nil }
            }
            return event.map(projection)
        }
        return Reflector(name: name, source: source)
    }
}
