import EMQXClient

extension RebalanceStartRequest {
    /// EMQX's request for a decided rebalance start (participants named explicitly).
    init(_ request: RebalanceRequest) {
        self.init(
            nodes: request.nodes,
            waitHealthCheck: .seconds(request.waitHealthCheckSeconds),
            connEvictRate: request.connEvictRate,
            sessEvictRate: request.sessEvictRate,
            absConnThreshold: request.absConnThreshold,
            relConnThreshold: request.relConnThreshold,
            absSessThreshold: request.absSessThreshold,
            relSessThreshold: request.relSessThreshold,
            waitTakeover: .seconds(request.waitTakeoverSeconds)
        )
    }
}
