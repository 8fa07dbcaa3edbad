/// One entry of `GET /api/v5/nodes` (spec section 7.4), with properties named for what they mean.
///
/// EMQX's names mislead, so they are mapped:
/// - ``connections`` ← EMQX `live_connections`: clients **currently connected** (what the rebalance calls
///   connections);
/// - ``sessions`` ← EMQX `connections`: every channel on the node, connected or not, i.e. sessions **including
///   disconnected persistent ones** held there (what the rebalance calls sessions);
/// - ``clusterSessions`` ← `cluster_sessions`: the cluster-wide session registry size (the same on every node).
///
/// A node known to the cluster but down is listed as `{"node": ..., "node_status": "stopped"}`, so everything
/// but ``name`` and ``status`` is optional. Decoding is lenient where EMQX versions differ: load figures, memory
/// and `uptime` may be numbers or strings (4.x printed "0.15", "1.5G" and "2 days, 3 hours"); a figure that does
/// not parse is `nil` rather than an error.
public struct EMQXNode: Sendable, Hashable, Decodable {
    /// `node_status`; a status this client does not know is kept (``OpenEnumeration``).
    public struct Status: OpenEnumeration {
        public let rawValue: String

        public init(rawValue: String) { self.rawValue = rawValue }

        public static let running = Self(rawValue: "running")
        public static let stopped = Self(rawValue: "stopped")

        public static let knownValues: [Self] = [.running, .stopped]
    }

    /// The EMQX node name (`node`), e.g. `emqx@emqx-0.emqx-headless.default.svc.cluster.local`.
    public var name: String
    /// `node_status`.
    public var status: Status
    /// `role`: `core` or `replicant`.
    public var role: String?
    /// `version`, e.g. `5.9.1`.
    public var version: String?
    /// `edition`: `Opensource` or `Enterprise`.
    public var edition: String?
    /// `uptime`: time since the node started (EMQX sends integer milliseconds). A smaller value than last time
    /// means the node restarted.
    public var uptime: Duration?
    /// Clients currently connected: EMQX `live_connections`.
    public var connections: Int64?
    /// Sessions held on the node, connected or not: EMQX `connections`.
    public var sessions: Int64?
    /// Sessions in the whole cluster: EMQX `cluster_sessions`.
    public var clusterSessions: Int64?
    /// `load1`, `load5`, `load15`: host load averages.
    public var load1: Double?
    public var load5: Double?
    public var load15: Double?
    /// `memory_total`, `memory_used`, in bytes.
    public var memoryTotal: Int64?
    public var memoryUsed: Int64?
    /// `max_fds`.
    public var maxFileDescriptors: Int64?
    /// `process_available`, `process_used`: Erlang process limit and use.
    public var processAvailable: Int64?
    public var processUsed: Int64?
    /// `otp_release`, `log_path`, `sys_path`.
    public var otpRelease: String?
    public var logPath: String?
    public var sysPath: String?

    public init(name: String, status: Status, connections: Int64? = nil, sessions: Int64? = nil, uptime: Duration? = nil) {
        self.name = name
        self.status = status
        self.connections = connections
        self.sessions = sessions
        self.uptime = uptime
    }

    /// Whether EMQX reports the node as running.
    public var isRunning: Bool { status == .running }

    enum CodingKeys: String, CodingKey {
        case name = "node"
        case status = "node_status"
        case role, version, edition, uptime
        case connections = "live_connections"
        case sessions = "connections"
        case clusterSessions = "cluster_sessions"
        case load1, load5, load15
        case memoryTotal = "memory_total"
        case memoryUsed = "memory_used"
        case maxFileDescriptors = "max_fds"
        case processAvailable = "process_available"
        case processUsed = "process_used"
        case otpRelease = "otp_release"
        case logPath = "log_path"
        case sysPath = "sys_path"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        status = Status(rawValue: try container.decodeIfPresent(String.self, forKey: .status) ?? "running")
        role = try? container.decodeIfPresent(String.self, forKey: .role)
        version = try? container.decodeIfPresent(String.self, forKey: .version)
        edition = try? container.decodeIfPresent(String.self, forKey: .edition)
        uptime = container.lenientInt64(.uptime).map { .milliseconds($0) }
        connections = container.lenientInt64(.connections)
        sessions = container.lenientInt64(.sessions)
        clusterSessions = container.lenientInt64(.clusterSessions)
        load1 = container.lenientDouble(.load1)
        load5 = container.lenientDouble(.load5)
        load15 = container.lenientDouble(.load15)
        memoryTotal = container.lenientInt64(.memoryTotal)
        memoryUsed = container.lenientInt64(.memoryUsed)
        maxFileDescriptors = container.lenientInt64(.maxFileDescriptors)
        processAvailable = container.lenientInt64(.processAvailable)
        processUsed = container.lenientInt64(.processUsed)
        otpRelease = try? container.decodeIfPresent(String.self, forKey: .otpRelease)
        logPath = try? container.decodeIfPresent(String.self, forKey: .logPath)
        sysPath = try? container.decodeIfPresent(String.self, forKey: .sysPath)
    }
}
