/// `GET /api/v5/load_rebalance/global_status`: every evacuation, purge and rebalance running in the cluster
/// (spec 6.2).
///
/// EMQX drops nodes whose RPC fails without notice, so a missing entry can also mean "node unreachable".
/// Lenient: a missing list reads `[]` (older versions and the unreleased purge).
public struct EMQXGlobalStatus: Sendable, Hashable, Decodable {
    /// `evacuations[]`, each with `node`.
    public var evacuations: [EvacuationStatus]
    /// `purges[]`.
    public var purges: [PurgeStatus]
    /// `rebalances[]`, one per coordinator.
    public var rebalances: [RebalanceCoordinatorStatus]

    public init(evacuations: [EvacuationStatus] = [], purges: [PurgeStatus] = [], rebalances: [RebalanceCoordinatorStatus] = []) {
        self.evacuations = evacuations
        self.purges = purges
        self.rebalances = rebalances
    }

    /// The evacuation of `node`, if one runs.
    public func evacuation(of node: String) -> EvacuationStatus? {
        evacuations.first { $0.node == node }
    }

    /// The rebalance coordinated by `node`, if one runs.
    public func rebalance(coordinatedBy node: String) -> RebalanceCoordinatorStatus? {
        rebalances.first { $0.coordinatorNode == node || $0.node == node }
    }

    enum CodingKeys: String, CodingKey {
        case evacuations, purges, rebalances
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        evacuations = try container.decodeIfPresent([EvacuationStatus].self, forKey: .evacuations) ?? []
        purges = try container.decodeIfPresent([PurgeStatus].self, forKey: .purges) ?? []
        rebalances = try container.decodeIfPresent([RebalanceCoordinatorStatus].self, forKey: .rebalances) ?? []
    }
}
