import EMQXClient

extension RebalanceStartRequest {
    /// The start body for `plan` under `spec`: the plan's participants as `nodes`, the spec's rates, waits and
    /// thresholds; fields the spec leaves out are omitted (EMQX's defaults apply).
    public init(spec: ClusterRebalance.Spec, plan: RebalancePlan) {
        let thresholds = try? BalanceThresholds(spec: spec)
        self.init(
            nodes: plan.participants,
            waitHealthCheck: spec.waitHealthCheckSeconds.map { .seconds($0) },
            connEvictRate: spec.connEvictRate,
            sessEvictRate: spec.sessEvictRate,
            absConnThreshold: spec.absConnThreshold,
            relConnThreshold: spec.relConnThreshold == nil ? nil : thresholds?.relativeConnections,
            absSessThreshold: spec.absSessThreshold,
            relSessThreshold: spec.relSessThreshold == nil ? nil : thresholds?.relativeSessions,
            waitTakeover: spec.waitTakeoverSeconds.map { .seconds($0) }
        )
    }
}
