import ArgumentParser
import DevEnvironment
import Foundation
import Logging
import UnixSignals

/// `rebalance-operator dev`: the whole system on this machine (design section 6), until SIGINT or SIGTERM.
struct DevCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dev",
        abstract: "Run the embedded dev environment: a Kubernetes API server, a simulated EMQX cluster with clients, and the operator.",
        discussion: "The kubeconfig is written last, once everything is ready, so its existence means ready. Stop with Ctrl-C (SIGINT) or SIGTERM; the kubeconfig is removed on the way out."
    )

    @Option(name: .long, help: "Where to write the kubeconfig for kubectl.")
    var kubeconfig: String = ".dev/kubeconfig"

    @Option(name: .long, help: "Port of the Kubernetes API server (0: any free port).")
    var port: Int = 0

    @Option(name: .long, help: "Number of EMQX broker nodes (pods of the StatefulSet emqx).")
    var brokers: Int = 3

    @Option(name: .long, help: "Number of simulated MQTT clients, spread about 3:2:1 over the first three brokers.")
    var clients: Int = 30_000

    @Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String = "info"

    func validate() throws {
        guard (1...64).contains(brokers) else { throw ValidationError("--brokers must be between 1 and 64") }
        guard (0...2_000_000).contains(clients) else { throw ValidationError("--clients must be between 0 and 2000000") }
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("--log-level must be one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", "))") }
    }

    func run() async throws {
        let level = Logger.Level(rawValue: logLevel) ?? .info
        let logger: Logger = {
            var logger = Logger(label: "dev")
            logger.logLevel = level
            return logger
        }()
        let options = DevEnvironment.Options(kubeconfigPath: kubeconfig, apiServerPort: port, brokerNodes: brokers, clients: clients)
        let signals = await UnixSignalsSequence(trapping: .sigint, .sigterm)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await DevEnvironment.run(options, logger: logger) { info in
                    FileHandle.standardOutput.write(Data((Self.banner(info) + "\n").utf8))
                }
            }
            group.addTask {
                for await signal in signals {
                    logger.info("received \(signal): shutting down")
                    return
                }
            }
            try await group.next()
            group.cancelAll()
        }
    }

    static func banner(_ info: DevEnvironment.Info) -> String {
        """
        The dev environment is ready.
          Kubernetes API   \(info.apiServerURL)
          EMQX API         \(info.brokerServiceURL)  (key rebalance-operator, secret rebalance-operator-secret; truth at /sim/v1/stats)
        Use it:
          export KUBECONFIG=\(info.kubeconfigPath)
          kubectl get brokers
          kubectl get pods -o wide
          kubectl apply -f examples/evacuate-pod.yaml && kubectl get nevac -w
        Stop with Ctrl-C.
        """
    }
}
