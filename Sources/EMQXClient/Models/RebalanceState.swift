/// A rebalance's EMQX state (spec 5.3); the names differ from evacuation's (`wait_*`, not `waiting_*`). A state this
/// client does not know is kept (``OpenEnumeration``).
public struct RebalanceState: OpenEnumeration {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    /// `wait_health_check`: donors report unavailable, still accepting connections.
    public static let waitHealthCheck = Self(rawValue: "wait_health_check")
    /// `evicting_conns`: donors refuse connections and evict until the connection test holds.
    public static let evictingConnections = Self(rawValue: "evicting_conns")
    /// `wait_takeover`: pause before the session phase.
    public static let waitTakeover = Self(rawValue: "wait_takeover")
    /// `evicting_sessions`: donors migrate disconnected sessions until the session test holds.
    public static let evictingSessions = Self(rawValue: "evicting_sessions")

    public static let knownValues: [Self] = [.waitHealthCheck, .evictingConnections, .waitTakeover, .evictingSessions]
}
