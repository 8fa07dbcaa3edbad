/// How to build a simulated EMQX cluster: its nodes, its client population, its API credentials.
///
/// Every field has a default, so `SimulatorConfiguration()` is a three-node cluster with no clients, API key
/// `rebalance-operator`, listening on 127.0.0.1 with ports chosen by the OS.
public struct SimulatorConfiguration: Sendable {
    /// Number of nodes at start. Default 3.
    public var nodeCount: Int
    /// Number of simulated MQTT clients at start, all connected. Default 0.
    public var clientCount: Int
    /// Share (0...1) of clients that connect with clean start false and a session expiry interval; the others
    /// connect with clean start (their session ends with their connection). Default 0.5.
    public var persistentSessionShare: Double
    /// Session expiry interval of persistent clients. Default 2 hours.
    public var sessionExpiryInterval: Duration
    /// API key (the Basic auth user name). Default `rebalance-operator`.
    public var apiKey: String
    /// API secret (the Basic auth password). Default `rebalance-operator-secret`.
    public var apiSecret: String
    /// Address every listener binds. Default `127.0.0.1`.
    public var host: String
    /// Port of the service (load-spreading) listener; 0 lets the OS choose. Default 0.
    public var servicePort: Int
    /// Ports of the node listeners in node order; missing entries (or 0) let the OS choose. Default empty.
    public var nodePorts: [Int]
    /// Node names in order. Default `emqx@emqx-N.emqx-headless.default.svc.cluster.local` for N = 0, 1, …
    public var nodeNames: [String]?
    /// Relative share of the initial clients per node (node order); missing entries weigh 1. Default: even.
    public var initialDistribution: [Double]
    /// Seed of the random choices (reconnect delays, session targets, which clients are persistent). Default 1.
    public var seed: UInt64
    /// Delay before an evicted or refused client tries again, drawn uniformly from this range. Default 100 ms…1 s.
    public var reconnectDelay: ClosedRange<Duration>
    /// The load balancer in front of the MQTT listeners.
    public var loadBalancer: LoadBalancerConfiguration
    /// EMQX version reported by `/api/v5/nodes`. Default `5.9.3`.
    public var emqxVersion: String
    /// Enterprise has the rebalance feature; the open-source edition answers 404 on `load_rebalance` and
    /// `node_eviction` paths (the feature is absent, issue #11170). Default enterprise.
    public var edition: EMQXEdition

    public init(
        nodeCount: Int = 3,
        clientCount: Int = 0,
        persistentSessionShare: Double = 0.5,
        sessionExpiryInterval: Duration = .seconds(7200),
        apiKey: String = "rebalance-operator",
        apiSecret: String = "rebalance-operator-secret",
        host: String = "127.0.0.1",
        servicePort: Int = 0,
        nodePorts: [Int] = [],
        nodeNames: [String]? = nil,
        initialDistribution: [Double] = [],
        seed: UInt64 = 1,
        reconnectDelay: ClosedRange<Duration> = .milliseconds(100) ... .seconds(1),
        loadBalancer: LoadBalancerConfiguration = .init(),
        emqxVersion: String = "5.9.3",
        edition: EMQXEdition = .enterprise
    ) {
        self.nodeCount = nodeCount
        self.clientCount = clientCount
        self.persistentSessionShare = persistentSessionShare
        self.sessionExpiryInterval = sessionExpiryInterval
        self.apiKey = apiKey
        self.apiSecret = apiSecret
        self.host = host
        self.servicePort = servicePort
        self.nodePorts = nodePorts
        self.nodeNames = nodeNames
        self.initialDistribution = initialDistribution
        self.seed = seed
        self.reconnectDelay = reconnectDelay
        self.loadBalancer = loadBalancer
        self.emqxVersion = emqxVersion
        self.edition = edition
    }

    /// The default name of the node with ordinal `index`, as a StatefulSet `emqx` with a headless service would
    /// give it in namespace `default`.
    public static func defaultNodeName(_ index: Int) -> String {
        "emqx@emqx-\(index).emqx-headless.default.svc.cluster.local"
    }

    /// The name of node `index`: the configured one, else the default.
    func nodeName(_ index: Int) -> String {
        if let nodeNames, index < nodeNames.count { return nodeNames[index] }
        return Self.defaultNodeName(index)
    }
}
