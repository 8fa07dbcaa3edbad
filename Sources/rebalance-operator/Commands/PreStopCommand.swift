import ArgumentParser
import EMQXClient
import Foundation
import Rebalancing

/// `rebalance-operator prestop`: the broker pods' `preStop` hook. Holds the EMQX container until its node is
/// evacuated (``PreStopHook``), reading the node's own API on localhost with an API key from a mounted Secret.
struct PreStopCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prestop",
        abstract: "Wait, as a broker pod's preStop hook, until the local EMQX node is evacuated.",
        discussion: """
            Polls GET /api/v5/load_rebalance/status of the local node. Returns when the node's evacuation reaches \
            prohibiting (no connection, no session left), when no evacuation starts within --start-timeout (drain \
            protection off, or the whole cluster going), or after --timeout. Always exits 0: a hook's failure would \
            only be logged by the kubelet. The API key comes from --credentials-dir (the files `key` and `secret`, \
            e.g. the BrokerCluster's credentials Secret mounted there) or from EMQX_API_KEY and EMQX_API_SECRET.
            """
    )

    @Option(name: .long, help: "The local node's management API.")
    var apiURL = "http://127.0.0.1:18083"

    @Option(name: .long, help: "Directory holding the files `key` and `secret` (a mounted Secret).")
    var credentialsDir = "/etc/emqx-api"

    @Option(name: .long, help: "The longest the hook waits, in seconds; keep it below terminationGracePeriodSeconds.")
    var timeout = 600

    @Option(name: .long, help: "How long to wait for an evacuation to start, in seconds.")
    var startTimeout = 20

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        func secret(_ name: String, _ variable: String) -> String {
            if let value = environment[variable], !value.isEmpty { return value }
            let path = (credentialsDir as NSString).appendingPathComponent(name)
            return ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let configuration = EMQXClientConfiguration(url: apiURL, apiKey: secret("key", "EMQX_API_KEY"), apiSecret: secret("secret", "EMQX_API_SECRET"), timeout: .seconds(5))
        let settings = PreStopHook.Settings(timeout: .seconds(max(1, timeout)), startTimeout: .seconds(max(0, startTimeout)))
        do {
            _ = try await withEMQXClient(configuration: configuration) { client in
                await PreStopHook.run(status: { try await client.rebalanceStatus() }, settings: settings) { line in
                    print("prestop: \(line)")
                }
            }
        } catch {
            print("prestop: cannot use the EMQX API at \(apiURL): \(error)")
        }
    }
}
