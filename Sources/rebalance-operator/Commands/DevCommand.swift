#if DevEnvironment
import ArgumentParser
import DevEnvironment
import Foundation
import KubeClient
import Logging
import Rebalancing
import ServiceLifecycle

/// `rebalance-operator dev`: the whole system on this machine (design section 6), through ``DevEnvironment``: the
/// test API server with the CRDs, Nodes, the broker StatefulSet and its Pods, a simulated EMQX cluster with its
/// clients, the API key Secret and the BrokerCluster `emqx`.
///
/// ## Guarantees
/// - The kubeconfig is written last, once everything is ready, so its existence means ready; it is removed again on
///   shutdown.
/// - Runs until SIGINT or SIGTERM, then shuts every part down and exits 0.
///
/// Compiled only with the package trait `DevEnvironment` (on by default); production builds get
/// ``DevCommand`` from `DevCommandUnavailable.swift` instead.
struct DevCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dev",
        abstract: "Run a Kubernetes API server, simulated EMQX brokers and the CRDs on this machine, until interrupted.",
        discussion: "The kubeconfig is written once everything is ready; use it from another terminal with `export KUBECONFIG=<path>`."
    )

    @Option(name: .long, help: "Where to write the kubeconfig (written last, once everything is ready).")
    var kubeconfig: String = ".dev/kubeconfig"

    @Option(name: .long, help: "Port of the API server on 127.0.0.1 (0 picks a free one).")
    var port: Int = 0

    @Option(name: .long, help: "Number of EMQX broker nodes (pods of the StatefulSet emqx).")
    var brokers: Int = 3

    @Option(name: .long, help: "Number of simulated MQTT clients, spread unevenly over the brokers at start.")
    var clients: Int = 30_000

    @Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error or critical.")
    var logLevel: String = "warning"

    func validate() throws {
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical")
        }
        guard brokers >= 1 else { throw ValidationError("--brokers must be at least 1") }
        guard clients >= 0 else { throw ValidationError("--clients must not be negative") }
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
    }

    func run() async throws {
        var logger = Logger(label: "rebalance-operator.dev")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .warning
        let kubeconfigPath = URL(fileURLWithPath: kubeconfig).standardizedFileURL.path
        let options = DevEnvironment.Options(kubeconfigPath: kubeconfigPath, apiServerPort: port, brokerNodes: brokers, clients: clients)
        var flags = OperatorSettings.Flags()
        flags.metricsBindAddress = "0"
        flags.healthProbeBindAddress = "127.0.0.1:0"
        flags.logLevel = logger.logLevel.rawValue
        let settings = try OperatorSettings.resolve(flags: flags, environment: [:])
        let operatorLogger = logger
        let runOperator: @Sendable (KubeConfig) async throws -> Void = { config in
            try await BrokerOperator(settings: settings, kubeConfig: config, logger: operatorLogger).run()
        }
        let environment = EnvironmentService(options: options, logger: logger, runOperator: runOperator)
        let group = ServiceGroup(services: [environment], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        try await group.run()
        Self.say("Stopped.")
    }

    /// Prints at once, also when stdout is a pipe.
    static func say(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }
}

/// Runs the dev environment until graceful shutdown (SIGINT/SIGTERM) cancels it.
private struct EnvironmentService: Service {
    let options: DevEnvironment.Options
    let logger: Logger
    /// The operator, run beside the environment against its API server.
    let runOperator: @Sendable (KubeConfig) async throws -> Void

    func run() async throws {
        let options = options
        let logger = logger
        let runOperator = runOperator
        do {
            try await cancelWhenGracefulShutdown {
                try await DevEnvironment.run(options, logger: logger, operator: runOperator) { info in
                    DevCommand.say(Self.usage(info))
                }
            }
        } catch is CancellationError {
            // Interrupted while starting: nothing more to do, everything was shut down.
        }
    }

    static func usage(_ info: DevEnvironment.Info) -> String {
        """
        Kubernetes API server:  \(info.apiServerURL)
        EMQX API (simulated):   \(info.brokerServiceURL)
        Simulator truth:        \(info.brokerServiceURL)/sim/v1/stats
        Kubeconfig:             \(info.kubeconfigPath)

        Ready. From another terminal:
          export KUBECONFIG=\(info.kubeconfigPath)
          kubectl get brokers
          kubectl get pods -o wide

        Press Ctrl-C to stop.
        """
    }
}
#endif
