/// A node's eviction agent state (spec §2.1–2.2): `disabled`, or enabled by one owner Kind.
///
/// The state is not durable: a node restart leaves it `disabled`.
enum EvictionAgent: Equatable, Sendable {
    /// The owner label. Rebalance enables carry their coordinator, so two coordinators never share a donor.
    enum Kind: Equatable, Sendable {
        case evacuation
        case rebalance(coordinator: Int)
        case purge
    }

    enum Failure: Error, Equatable { case busy, disabled }

    case disabled
    case enabled(kind: Kind, serverReference: String?, allowConnections: Bool)

    /// `enable(Kind, SrvRef, Opts)`: from disabled, or over the same Kind (which overwrites the options).
    mutating func enable(_ kind: Kind, serverReference: String?, allowConnections: Bool) throws(Failure) {
        if case .enabled(let current, _, _) = self, current != kind { throw .busy }
        self = .enabled(kind: kind, serverReference: serverReference, allowConnections: allowConnections)
    }

    /// `disable(Kind)`.
    mutating func disable(_ kind: Kind) throws(Failure) {
        switch self {
        case .disabled: throw .disabled
        case .enabled(let current, _, _):
            guard current == kind else { throw .busy }
            self = .disabled
        }
    }

    var isEnabled: Bool { self != .disabled }

    /// Whether the `client.connect` hook lets a new connection through.
    var allowsConnections: Bool {
        switch self {
        case .disabled: true
        case .enabled(_, _, let allow): allow
        }
    }

    var kind: Kind? {
        if case .enabled(let kind, _, _) = self { return kind }
        return nil
    }
}
