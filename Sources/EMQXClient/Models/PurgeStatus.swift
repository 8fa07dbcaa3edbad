/// A purge's status (spec 4): present in `global_status` as `purges[]`, though the purge is not released in 5.x.
///
/// Decoded so that a purge started from the CLI is visible (it blocks connections cluster-wide); every field but
/// `state` is optional.
public struct PurgeStatus: Sendable, Hashable, Decodable {
    /// `node`, in `global_status` entries.
    public var node: String?
    /// `state`: `purging` or `cleaning_data`.
    public var state: String
    /// `purge_rate`: sessions purged per second per node.
    public var purgeRate: Int64?
    /// `stats.initial_sessions`.
    public var initialSessions: Int64?
    /// `stats.current_sessions`.
    public var currentSessions: Int64?

    enum CodingKeys: String, CodingKey {
        case node, state, stats
        case purgeRate = "purge_rate"
    }

    enum StatsKeys: String, CodingKey {
        case initialSessions = "initial_sessions"
        case currentSessions = "current_sessions"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        node = try container.decodeIfPresent(String.self, forKey: .node)
        state = try container.decode(String.self, forKey: .state)
        purgeRate = container.lenientInt64(.purgeRate)
        if let stats = try? container.nestedContainer(keyedBy: StatsKeys.self, forKey: .stats) {
            initialSessions = stats.lenientInt64(.initialSessions)
            currentSessions = stats.lenientInt64(.currentSessions)
        }
    }
}
