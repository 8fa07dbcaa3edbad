/// An evacuation's EMQX state (spec 3.2); a state this client does not know is kept (``OpenEnumeration``).
public struct EvacuationState: OpenEnumeration {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    /// `waiting_health_check`: reporting unavailable, still accepting connections.
    public static let waitingHealthCheck = Self(rawValue: "waiting_health_check")
    /// `evicting_conns`: refusing connections, evicting `conn_evict_rate` per second.
    public static let evictingConnections = Self(rawValue: "evicting_conns")
    /// `waiting_takeover`: no connection left; waiting for clients to take their sessions over elsewhere.
    public static let waitingTakeover = Self(rawValue: "waiting_takeover")
    /// `evicting_sessions`: migrating the remaining sessions.
    public static let evictingSessions = Self(rawValue: "evicting_sessions")
    /// `prohibiting`: empty, still refusing connections until stopped (the terminal working state).
    public static let prohibiting = Self(rawValue: "prohibiting")

    public static let knownValues: [Self] = [.waitingHealthCheck, .evictingConnections, .waitingTakeover, .evictingSessions, .prohibiting]
}
