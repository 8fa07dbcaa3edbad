import ArgumentParser
import Foundation
import KubeTestServer
import Logging
import ServiceLifecycle

/// `kube-test-server --port 0 --kubeconfig PATH`: runs the test API server until SIGINT or SIGTERM.
///
/// The kubeconfig is written once the server listens, so its existence means ready; the URL is printed on stdout.
@main
struct KubeTestServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kube-test-server",
        abstract: "A Kubernetes API server double (HTTPS, bearer token, in memory) for tests and local development."
    )

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on; 0 picks a free one.")
    var port = 0

    @Option(help: "Where to write the kubeconfig once the server listens.")
    var kubeconfig: String?

    @Option(help: "The bearer token clients must send (random by default).")
    var token: String?

    @Option(help: "Default namespace of the written kubeconfig's context.")
    var namespace = "default"

    func run() async throws {
        var logger = Logger(label: "kube-test-server")
        logger.logLevel = .info
        var configuration = TestAPIServer.Configuration(host: host, port: port)
        if let token { configuration.token = token }
        let kubeconfigPath = kubeconfig
        let namespace = namespace
        let service = TestAPIServerService(configuration: configuration) { server in
            if let kubeconfigPath { try server.writeKubeconfig(to: kubeconfigPath, namespace: namespace) }
            var message = "kube-test-server listening on \(server.url)\n"
            if let kubeconfigPath { message += "kubeconfig written to \(kubeconfigPath)\n" }
            FileHandle.standardOutput.write(Data(message.utf8))
        }
        let group = ServiceGroup(configuration: .init(services: [service], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}
