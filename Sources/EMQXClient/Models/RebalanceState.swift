/// A rebalance's EMQX state (spec 5.3). The names differ from evacuation's (`wait_*`, not `waiting_*`).
///
/// A state string this client does not know is kept as ``other(_:)`` rather than failing the decode.
public enum RebalanceState: Sendable, Hashable, Codable, CustomStringConvertible {
    /// `wait_health_check`: donors report unavailable, still accepting connections.
    case waitHealthCheck
    /// `evicting_conns`: donors refuse connections and evict until the connection test holds.
    case evictingConnections
    /// `wait_takeover`: pause before the session phase.
    case waitTakeover
    /// `evicting_sessions`: donors migrate disconnected sessions until the session test holds.
    case evictingSessions
    case other(String)

    public init(rawValue: String) {
        switch rawValue {
        case "wait_health_check": self = .waitHealthCheck
        case "evicting_conns": self = .evictingConnections
        case "wait_takeover": self = .waitTakeover
        case "evicting_sessions": self = .evictingSessions
        default: self = .other(rawValue)
        }
    }

    public var rawValue: String {
        switch self {
        case .waitHealthCheck: "wait_health_check"
        case .evictingConnections: "evicting_conns"
        case .waitTakeover: "wait_takeover"
        case .evictingSessions: "evicting_sessions"
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
