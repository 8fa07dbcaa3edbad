/// Counters of what happened to clients, each counted per client event.
public struct SimulationCounters: Sendable, Equatable, Codable {
    /// Successful connects after a disconnect (not the initial ones).
    public var reconnects = 0
    /// Connect attempts a node refused (agent blocking, or node down while the load balancer still sent to it).
    public var refusedConnects = 0
    /// Connect attempts for which the load balancer had no healthy node.
    public var noNodeAttempts = 0
    /// Reconnects that resumed a persistent session held by the cluster.
    public var takeovers = 0
    /// Sessions moved to another node by session eviction.
    public var sessionsMigrated = 0
    /// Connections closed by connection eviction.
    public var connectionsEvicted = 0
    /// Persistent sessions that expired before their client came back.
    public var sessionsExpired = 0
    /// Persistent sessions that were on a node when it crashed or left the cluster.
    public var sessionsLostWithNode = 0

    public init() {}
}
