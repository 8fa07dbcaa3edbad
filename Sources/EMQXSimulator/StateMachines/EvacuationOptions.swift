/// Options of a node evacuation, with EMQX's defaults (spec §3.1).
public struct EvacuationOptions: Sendable, Equatable {
    /// Seconds the node reports unavailable while still accepting connections. Default 60.
    public var waitHealthCheck: Int = 60
    /// Connections evicted per tick (≈ 1 s). Default 500.
    public var connEvictRate: Int = 500
    /// Sessions migrated per tick. Default 500.
    public var sessEvictRate: Int = 500
    /// Seconds to wait after the last connection left, so clients take their sessions over. Default 60.
    public var waitTakeover: Int = 60
    /// MQTT v5 Server-Reference. Only the CLI sets it; the HTTP `redirect_to` is ignored (spec §9.2 item 1).
    public var serverReference: String?
    /// Session migration targets; nil means every running node except this one. Default nil.
    public var migrateTo: [String]?
    /// What `redirect_to` said over HTTP: accepted by the schema and kept, with no effect.
    public var redirectTo: String?

    public init() {}
}

/// What EMQX writes to `<data_dir>/.evacuation` at `start` (spec §3.5): only these four keys.
struct PersistedEvacuation: Sendable, Equatable {
    var serverReference: String?
    var connEvictRate: Int
    var sessEvictRate: Int
    var waitTakeover: Int

    init(_ options: EvacuationOptions) {
        serverReference = options.serverReference
        connEvictRate = options.connEvictRate
        sessEvictRate = options.sessEvictRate
        waitTakeover = options.waitTakeover
    }

    /// The file merged over the defaults: `migrate_to` and `wait_health_check` take their defaults.
    var restoredOptions: EvacuationOptions {
        var options = EvacuationOptions()
        options.serverReference = serverReference
        options.connEvictRate = connEvictRate
        options.sessEvictRate = sessEvictRate
        options.waitTakeover = waitTakeover
        return options
    }
}
