/// Options of a cluster rebalance, with EMQX's defaults (spec §5.1).
public struct RebalanceOptions: Sendable, Equatable {
    /// Participants; nil means every running node at the coordinator, not filtered by availability.
    public var nodes: [String]?
    /// Seconds donors report unavailable while still accepting connections. Default 60.
    public var waitHealthCheck: Int = 60
    /// Connections per tick per donor that is evicted from. Default 500.
    public var connEvictRate: Int = 500
    /// Milliseconds. Default 15000.
    public var connEvictRPCTimeout: Int = 15000
    /// Disconnected sessions per tick per donor. Default 500.
    public var sessEvictRate: Int = 500
    /// Milliseconds. Default 15000.
    public var sessEvictRPCTimeout: Int = 15000
    /// Connections. Default 1000.
    public var absConnThreshold: Int = 1000
    /// Ratio, > 1.0 over the API. Default 1.1.
    public var relConnThreshold: Double = 1.1
    /// Sessions. Default 1000.
    public var absSessThreshold: Int = 1000
    /// Ratio, > 1.0 over the API. Default 1.1.
    public var relSessThreshold: Double = 1.1
    /// Seconds between the connection phase and the session phase. Default 60.
    public var waitTakeover: Int = 60

    public init() {}
}
