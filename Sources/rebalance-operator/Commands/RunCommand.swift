import ArgumentParser
import ControllerRuntime
import Foundation
import KubeClient
import Logging
import Rebalancing

/// `rebalance-operator run`: the operator against a cluster.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the operator against a Kubernetes cluster.",
        discussion: """
            Every flag can also be set through an environment variable: REBALANCE_OPERATOR_ followed by the flag in \
            upper snake case (REBALANCE_OPERATOR_LEADER_ELECT=true, REBALANCE_OPERATOR_NAMESPACE=a,b). A flag on the \
            command line wins. Without --kubeconfig the in-cluster service account is used, then $KUBECONFIG, then \
            ~/.kube/config.
            """
    )

    @Option(help: "Path of a kubeconfig. Default: in-cluster config, then $KUBECONFIG, then ~/.kube/config.")
    var kubeconfig: String?

    @Option(name: .customLong("namespace"), help: "Namespace to watch (repeatable). Default: every namespace.")
    var namespaces: [String] = []

    @Option(help: "Where to serve Prometheus metrics (host:port, :port, or 0 to disable). Default :8080.")
    var metricsBindAddress: String?

    @Option(help: "Where to serve /healthz and /readyz (host:port, :port, or 0 to disable). Default :8081.")
    var healthProbeBindAddress: String?

    @Flag(inversion: .prefixedNo, help: "Elect a leader through a Lease, so that several replicas can run.")
    var leaderElect: Bool?

    @Option(help: "Namespace of the leader election Lease. Default: the operator's namespace, else default.")
    var leaderElectionNamespace: String?

    @Option(help: "Name of the leader election Lease.")
    var leaderElectionID: String?

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical. Default info.")
    var logLevel: String?

    @Option(help: "Log format: json or text. Default json.")
    var logFormat: String?

    @Option(help: "Reconciles of one kind running at once (1 to 64). Default 1.")
    var maxConcurrentReconciles: Int?

    func settings(environment: [String: String]) throws -> OperatorSettings {
        var flags = OperatorSettings.Flags()
        flags.kubeconfig = kubeconfig
        flags.namespaces = namespaces
        flags.metricsBindAddress = metricsBindAddress
        flags.healthProbeBindAddress = healthProbeBindAddress
        flags.leaderElect = leaderElect
        flags.leaderElectionNamespace = leaderElectionNamespace
        flags.leaderElectionID = leaderElectionID
        flags.logLevel = logLevel
        flags.logFormat = logFormat
        flags.maxConcurrentReconciles = maxConcurrentReconciles
        do {
            return try OperatorSettings.resolve(flags: flags, environment: environment)
        } catch {
            throw ValidationError(error.description)
        }
    }

    func run() async throws {
        let settings = try settings(environment: ProcessInfo.processInfo.environment)
        let level = settings.logLevel
        let format = settings.logFormat
        // Every line logged during a reconcile carries the object's namespace and name (controller-runtime's keys).
        LoggingSystem.bootstrap({ label, metadataProvider in
            switch format {
            case .json: return JSONLogHandler(label: label, level: level, metadataProvider: metadataProvider)
            case .text:
                var handler = StreamLogHandler.standardError(label: label, metadataProvider: metadataProvider)
                handler.logLevel = level
                return handler
            }
        }, metadataProvider: ReconcileLogMetadata.provider)
        let logger = Logger(label: "rebalance-operator")
        let kubeConfig: KubeConfig
        do {
            kubeConfig = try KubeConfig.resolve(explicitPath: settings.kubeconfig)
        } catch {
            logger.critical("no usable Kubernetes configuration: \(error)")
            throw ExitCode(2)
        }
        logger.info("starting", metadata: ["server": "\(kubeConfig.server)", "namespaces": "\(settings.namespaces.isEmpty ? "all" : settings.namespaces.joined(separator: ","))", "leaderElect": "\(settings.leaderElect)"])
        do {
            try await BrokerOperator(settings: settings, kubeConfig: kubeConfig, logger: logger).run(handleSignals: true)
        } catch let error as LeaderElectionError {
            // Leadership lost: exit so that the pod restarts as a follower (controller-runtime does the same).
            logger.critical("\(error)")
            throw ExitCode(1)
        }
    }
}
