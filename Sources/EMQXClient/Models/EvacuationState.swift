/// An evacuation's EMQX state (spec 3.2), in the order EMQX goes through them.
///
/// A state string this client does not know is kept as ``other(_:)`` rather than failing the decode.
public enum EvacuationState: Sendable, Hashable, Codable, CustomStringConvertible {
    /// `waiting_health_check`: reporting unavailable, still accepting connections.
    case waitingHealthCheck
    /// `evicting_conns`: refusing connections, evicting `conn_evict_rate` per second.
    case evictingConnections
    /// `waiting_takeover`: no connection left; waiting for clients to take their sessions over elsewhere.
    case waitingTakeover
    /// `evicting_sessions`: migrating the remaining sessions.
    case evictingSessions
    /// `prohibiting`: empty, still refusing connections until stopped (the terminal working state).
    case prohibiting
    case other(String)

    public init(rawValue: String) {
        switch rawValue {
        case "waiting_health_check": self = .waitingHealthCheck
        case "evicting_conns": self = .evictingConnections
        case "waiting_takeover": self = .waitingTakeover
        case "evicting_sessions": self = .evictingSessions
        case "prohibiting": self = .prohibiting
        default: self = .other(rawValue)
        }
    }

    public var rawValue: String {
        switch self {
        case .waitingHealthCheck: "waiting_health_check"
        case .evictingConnections: "evicting_conns"
        case .waitingTakeover: "waiting_takeover"
        case .evictingSessions: "evicting_sessions"
        case .prohibiting: "prohibiting"
        case .other(let value): value
        }
    }

    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }
}
