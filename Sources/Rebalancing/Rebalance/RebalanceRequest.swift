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

    public init(coordinator: String, nodes: [String], connEvictRate: Int = 500, sessEvictRate: Int = 500, waitHealthCheckSeconds: Int = 60, waitTakeoverSeconds: Int = 60, absConnThreshold: Int = 1000, relConnThreshold: Double = 1.1, absSessThreshold: Int = 1000, relSessThreshold: Double = 1.1) {
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
            connEvictRate: spec.connEvictRate ?? 500,
            sessEvictRate: spec.sessEvictRate ?? 500,
            waitHealthCheckSeconds: spec.waitHealthCheckSeconds ?? 60,
            waitTakeoverSeconds: spec.waitTakeoverSeconds ?? 60,
            absConnThreshold: spec.absConnThreshold ?? 1000,
            relConnThreshold: spec.relConnThreshold.flatMap(Double.init) ?? 1.1,
            absSessThreshold: spec.absSessThreshold ?? 1000,
            relSessThreshold: spec.relSessThreshold.flatMap(Double.init) ?? 1.1
        )
    }
}
