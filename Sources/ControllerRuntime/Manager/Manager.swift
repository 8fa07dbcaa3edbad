import CoreMetrics
import Logging
import Prometheus
import ServiceLifecycle
import Synchronization

/// Runs caches, controllers, leader election, the probe server and the metrics server as one swift-service-lifecycle
/// `Service`, in controller-runtime's order.
///
/// ## Start order
/// 1. The probe server (`/healthz`, `/readyz`) and the metrics server (`/metrics`), each on its own address;
///    non-leaders serve them too.
/// 2. Every reflector; `/readyz` turns ready when all of them have synced (`informer:<name>` checks).
/// 3. Leader election, when configured; controllers start once the lease is won (each waits for its caches).
///
/// ## Shutdown
/// On graceful shutdown (SIGTERM through a `ServiceGroup`, see ``runService()``): controllers
/// stop taking keys and let running reconciles finish within their bound, then the lease is released, then caches
/// and the servers stop. Losing the lease cancels the controllers at once and ``run()`` throws
/// ``LeaderElectionError/leadershipLost(identity:)``, so the process exits and restarts as a follower.
public final class Manager: Service {
    private struct Members {
        var reflectors: [@Sendable () async throws -> Void] = []
        var controllers: [@Sendable () async -> Void] = []
        var services: [any Service] = []
    }

    /// The registry `/metrics` serves; controllers built with ``metricsFactory`` write to it.
    public let registry: PrometheusCollectorRegistry
    /// A swift-metrics factory over ``registry`` with controller-runtime's histogram buckets.
    public let metricsFactory: PrometheusMetricsFactory
    /// Serves `/healthz` and `/readyz`; `nil` when disabled.
    public let probeServer: ProbeServer?
    /// Serves `/metrics` of ``registry``; `nil` when disabled. Its ``MetricsServer/port`` is the bound port.
    public let metricsServer: MetricsServer?
    public let leaderElector: LeaderElector?
    private let members = Mutex(Members())
    private let logger: Logger

    /// - Parameters:
    ///   - registry: The Prometheus registry this manager owns (a fresh one unless given).
    ///   - probe: Where to serve `/healthz` and `/readyz` (default `0.0.0.0:8081`); `nil` for no probe server.
    ///   - metrics: Where to serve `/metrics` (controller-runtime serves `:8080`); `nil`, the default, for no metrics
    ///     server (the registry still collects).
    ///   - leaderElector: When given, controllers run only while it leads.
    public init(
        registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry(),
        probe: ProbeServer.Configuration? = ProbeServer.Configuration(),
        metrics: MetricsServer.Configuration? = nil,
        leaderElector: LeaderElector? = nil,
        logger: Logger = Logger(label: "ControllerRuntime.Manager")
    ) {
        self.registry = registry
        self.metricsFactory = MetricNames.makePrometheusFactory(registry: registry)
        self.probeServer = probe.map { ProbeServer(configuration: $0, logger: logger) }
        self.metricsServer = metrics.map { MetricsServer(configuration: $0, registry: registry, logger: logger) }
        self.leaderElector = leaderElector
        self.logger = logger
    }

    /// Adds a cache; its sync becomes the readiness check `informer:<reflector.name>`.
    public func add<Object>(_ reflector: Reflector<Object>) {
        probeServer?.addReadinessCheck(.synced(reflector.store, name: "informer:\(reflector.name)"))
        members.withLock { $0.reflectors.append { try await reflector.runUntilCancelled() } }
    }

    /// Adds a controller, run with `reconciler` while leading.
    public func add<Primary>(_ controller: Controller<Primary>, reconciler: some Reconciler) {
        metricsServer?.addCollector { controller.queue.updateUnfinishedWorkMetrics() }
        members.withLock { $0.controllers.append { await controller.run(reconciler) } }
    }

    /// Adds work that runs only while this replica leads, beside the controllers (controller-runtime's runnables
    /// that need leader election), such as a poller of an outside system whose readings trigger reconciles. `run`
    /// must return on cancellation and on graceful shutdown.
    public func addLeaderOnly(_ run: @escaping @Sendable () async -> Void) {
        members.withLock { $0.controllers.append(run) }
    }

    /// Adds another service that runs with the caches (whether leading or not) and stops with them.
    public func add(service: any Service) {
        members.withLock { $0.services.append(service) }
    }

    public func run() async throws {
        let members = self.members.withLock { $0 }
        enum Exit: Sendable { case background, leading }
        try await withThrowingTaskGroup(of: Exit.self) { group in
            if let probeServer {
                group.addTask {
                    try await probeServer.run()
                    return .background
                }
            }
            if let metricsServer {
                group.addTask {
                    try await metricsServer.run()
                    return .background
                }
            }
            for reflector in members.reflectors {
                group.addTask {
                    try await reflector()
                    return .background
                }
            }
            for service in members.services {
                group.addTask {
                    try await service.run()
                    return .background
                }
            }
            let controllers = members.controllers
            let runControllers: @Sendable () async throws -> Void = {
                await withTaskGroup(of: Void.self) { group in
                    for controller in controllers { group.addTask { await controller() } }
                }
            }
            group.addTask { [leaderElector] in
                if let leaderElector {
                    try await leaderElector.run(whileLeading: runControllers)
                } else {
                    try await runControllers()
                }
                return .leading
            }
            while let exit = try await group.next() {
                if exit == .leading {
                    logger.info("controllers stopped; stopping caches and servers")
                    group.cancelAll()
                }
            }
        }
    }

    /// Runs the manager in a `ServiceGroup` that starts a graceful shutdown on SIGTERM or SIGINT.
    public func runService() async throws {
        let group = ServiceGroup(
            configuration: .init(services: [self], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        )
        try await group.run()
    }
}
