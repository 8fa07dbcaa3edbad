/// The `stats` object of an evacuation or rebalance-donor status (spec 6.1).
///
/// For an evacuation the "current" values are snapshots taken by eviction ticks, not live counts (spec 3.6):
/// `currentConnected` is the count before the latest batch. For a rebalance donor they are live.
public struct EvictionStats: Sendable, Hashable, Decodable {
    /// `initial_connected`: connections when the operation started.
    public var initialConnected: Int64
    /// `current_connected`.
    public var currentConnected: Int64
    /// `initial_sessions`: sessions (connected or not) when the operation started.
    public var initialSessions: Int64
    /// `current_sessions`.
    public var currentSessions: Int64
    /// `current_disconnected_sessions`: rebalance donors only.
    public var currentDisconnectedSessions: Int64?

    public init(
        initialConnected: Int64, currentConnected: Int64, initialSessions: Int64, currentSessions: Int64,
        currentDisconnectedSessions: Int64? = nil
    ) {
        self.initialConnected = initialConnected
        self.currentConnected = currentConnected
        self.initialSessions = initialSessions
        self.currentSessions = currentSessions
        self.currentDisconnectedSessions = currentDisconnectedSessions
    }

    enum CodingKeys: String, CodingKey {
        case initialConnected = "initial_connected"
        case currentConnected = "current_connected"
        case initialSessions = "initial_sessions"
        case currentSessions = "current_sessions"
        case currentDisconnectedSessions = "current_disconnected_sessions"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        initialConnected = container.lenientInt64(.initialConnected) ?? 0
        currentConnected = container.lenientInt64(.currentConnected) ?? 0
        initialSessions = container.lenientInt64(.initialSessions) ?? 0
        currentSessions = container.lenientInt64(.currentSessions) ?? 0
        currentDisconnectedSessions = container.lenientInt64(.currentDisconnectedSessions)
    }
}
