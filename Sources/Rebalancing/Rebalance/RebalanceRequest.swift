import EMQXClient

/// One EMQX rebalance `start` call on a coordinator, with EMQX's defaults filled in.
public struct RebalanceRequest: Sendable, Hashable {
    public var coordinator: String
    /// The participants (donors and recipients).
    public var nodes: [String]
    public var connEvictRate: Int
    public var sessEvictRate: Int
    public var waitHealthCheckSeconds: Int
    public var waitTakeoverSeconds: Int
    public var absConnThreshold: Int
    public var relConnThreshold: Double
    public var absSessThreshold: Int
    public var relSessThreshold: Double

    public init(coordinator: String, nodes: [String], connEvictRate: Int = EMQXDefaults.connEvictRate, sessEvictRate: Int = EMQXDefaults.sessEvictRate, waitHealthCheckSeconds: Int = EMQXDefaults.waitHealthCheckSeconds, waitTakeoverSeconds: Int = EMQXDefaults.waitTakeoverSeconds, absConnThreshold: Int = EMQXDefaults.absConnThreshold, relConnThreshold: Double = EMQXDefaults.relConnThreshold, absSessThreshold: Int = EMQXDefaults.absSessThreshold, relSessThreshold: Double = EMQXDefaults.relSessThreshold) {
        self.coordinator = coordinator
        self.nodes = nodes
        self.connEvictRate = connEvictRate
        self.sessEvictRate = sessEvictRate
        self.waitHealthCheckSeconds = waitHealthCheckSeconds
        self.waitTakeoverSeconds = waitTakeoverSeconds
        self.absConnThreshold = absConnThreshold
        self.relConnThreshold = relConnThreshold
        self.absSessThreshold = absSessThreshold
        self.relSessThreshold = relSessThreshold
    }

    /// The request a ClusterRebalance's spec asks for, over a plan's participants.
    public init(plan: ClusterRebalance.Status.Plan, spec: ClusterRebalance.Spec) {
        self.init(
            coordinator: plan.coordinator,
            nodes: plan.donors + plan.recipients,
            connEvictRate: spec.connEvictRate ?? EMQXDefaults.connEvictRate,
            sessEvictRate: spec.sessEvictRate ?? EMQXDefaults.sessEvictRate,
            waitHealthCheckSeconds: spec.waitHealthCheckSeconds ?? EMQXDefaults.waitHealthCheckSeconds,
            waitTakeoverSeconds: spec.waitTakeoverSeconds ?? EMQXDefaults.waitTakeoverSeconds,
            absConnThreshold: spec.absConnThreshold ?? EMQXDefaults.absConnThreshold,
            relConnThreshold: spec.relConnThreshold.flatMap(Double.init) ?? EMQXDefaults.relConnThreshold,
            absSessThreshold: spec.absSessThreshold ?? EMQXDefaults.absSessThreshold,
            relSessThreshold: spec.relSessThreshold.flatMap(Double.init) ?? EMQXDefaults.relSessThreshold
        )
    }
}
