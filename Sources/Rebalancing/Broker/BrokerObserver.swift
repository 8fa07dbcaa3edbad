import EMQXClient
import Foundation
import KubeClient

/// Reads an EMQX cluster's state into a ``BrokerSnapshot``: `/api/v5/nodes` and `load_rebalance/global_status`.
public enum BrokerObserver {
    /// One reading: the nodes, then the global status (a 404 there means `load_rebalance` is absent, not a failure).
    public static func read(_ client: EMQXClient) async -> BrokerReading {
        do {
            let nodes = try await client.nodes()
            var rebalanceAvailable = true
            var global = EMQXGlobalStatus()
            do {
                global = try await client.globalStatus()
            } catch let error as EMQXError where error.kind == .featureAbsent {
                rebalanceAvailable = false
            }
            return .snapshot(snapshot(nodes: nodes, global: global), rebalanceAvailable: rebalanceAvailable)
        } catch let error as EMQXError {
            if error.kind == .unauthorized { return .unauthorized(error.message) }
            if error.kind == .featureAbsent { return .misconfigured(reason: .notEMQX, message: "\(error.message): is spec.api.url the base URL of an EMQX 5 API (without /api/v5)?") }
            if error.kind == .invalidConfiguration { return .misconfigured(reason: .invalidAPI, message: error.message) }
            return .unreachable(error.description)
        } catch {
            return .unreachable(String(describing: error))
        }
    }

    /// EMQX's answers in this project's words (`connections` = live connections, `sessions` = channels).
    public static func snapshot(nodes: [EMQXNode], global: EMQXGlobalStatus) -> BrokerSnapshot {
        BrokerSnapshot(
            nodes: nodes.map { node in
                BrokerSnapshot.Node(
                    name: node.name,
                    isRunning: node.status == .running,
                    connections: node.connections ?? 0,
                    sessions: node.sessions ?? 0,
                    uptimeMilliseconds: node.uptime.map { $0.components.seconds * 1000 + $0.components.attoseconds / 1_000_000_000_000_000 },
                    version: node.version
                )
            },
            evacuations: global.evacuations.compactMap { evacuation in
                guard let node = evacuation.node else { return nil }
                return BrokerSnapshot.Evacuation(
                    node: node, state: evacuation.state.rawValue,
                    initialConnections: evacuation.stats.initialConnected, currentConnections: evacuation.stats.currentConnected,
                    initialSessions: evacuation.stats.initialSessions, currentSessions: evacuation.stats.currentSessions
                )
            },
            rebalances: global.rebalances.map { rebalance in
                BrokerSnapshot.Rebalance(coordinator: rebalance.coordinatorNode, state: rebalance.state.rawValue, donors: rebalance.donors, recipients: rebalance.recipients)
            }
        )
    }
}
