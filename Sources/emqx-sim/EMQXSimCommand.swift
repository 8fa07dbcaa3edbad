import ArgumentParser
import EMQXSimulator
import Foundation
import Logging
import ServiceLifecycle

/// `emqx-sim`: a simulated EMQX cluster on real time, until SIGINT or SIGTERM.
@main
struct EMQXSimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emqx-sim",
        abstract: "Run a simulated EMQX 5.9 cluster (rebalance and evacuation API, simulated MQTT clients).",
        discussion: """
            Prints one line per listener: `service URL`, then `node NAME URL` per node. Control and truth \
            endpoints are under /sim/v1 on every listener (GET /sim/v1/stats). Stops on SIGINT or SIGTERM.
            """)

    @Option(help: "Number of nodes.") var nodes = 3
    @Option(help: "Number of simulated MQTT clients, all connected at start.") var clients = 30000
    @Option(help: "Port of the service (load-spreading) listener; 0 picks a free one.") var port = 0
    @Option(help: "Address to bind.") var host = "127.0.0.1"
    @Option(name: .customLong("node-port"), help: "Port of each node's listener, in node order (repeatable).")
    var nodePorts: [Int] = []
    @Option(help: "Initial share of clients per node, comma separated (e.g. 3,2,1).") var weights: String?
    @Option(help: "Share of clients with persistent sessions (0...1).") var persistentShare = 0.5
    @Option(help: "API key (Basic auth user).") var apiKey = "rebalance-operator"
    @Option(help: "API secret (Basic auth password).") var apiSecret = "rebalance-operator-secret"
    @Option(help: "Seed of the simulation's random choices.") var seed: UInt64 = 1
    @Flag(help: "Simulate the open-source edition: no load_rebalance or node_eviction API (404).")
    var opensource = false

    func validate() throws {
        guard nodes >= 1 else { throw ValidationError("--nodes must be at least 1") }
        guard clients >= 0 else { throw ValidationError("--clients must not be negative") }
        guard (0 ... 1).contains(persistentShare) else { throw ValidationError("--persistent-share must be in 0...1") }
        if let weights, parsedWeights(weights) == nil {
            throw ValidationError("--weights must be comma-separated non-negative numbers")
        }
    }

    func run() async throws {
        var logger = Logger(label: "emqx-sim")
        logger.logLevel = .info
        let configuration = SimulatorConfiguration(
            nodeCount: nodes, clientCount: clients, persistentSessionShare: persistentShare, apiKey: apiKey,
            apiSecret: apiSecret, host: host, servicePort: port, nodePorts: nodePorts,
            initialDistribution: weights.flatMap(parsedWeights) ?? [], seed: seed,
            edition: opensource ? .opensource : .enterprise)
        let simulator = try await EMQXSimulator.start(configuration, clock: ContinuousClock())
        var listing = "service \(simulator.serviceURL)\n"
        for (name, url) in simulator.nodeURLs.sorted(by: { $0.key < $1.key }) {
            listing += "node \(name) \(url)\n"
        }
        FileHandle.standardOutput.write(Data(listing.utf8))
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [simulator], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }

    private func parsedWeights(_ text: String) -> [Double]? {
        let values = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard !values.isEmpty, values.allSatisfy({ ($0 ?? -1) >= 0 }) else { return nil }
        return values.compactMap { $0 }
    }
}
