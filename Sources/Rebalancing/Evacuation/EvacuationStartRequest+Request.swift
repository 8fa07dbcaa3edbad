import EMQXClient

extension EvacuationStartRequest {
    /// EMQX's request for a decided evacuation start.
    init(_ request: EvacuationRequest) {
        self.init(
            waitHealthCheck: .seconds(request.waitHealthCheckSeconds),
            connEvictRate: request.connEvictRate,
            sessEvictRate: request.sessEvictRate,
            waitTakeover: .seconds(request.waitTakeoverSeconds),
            migrateTo: request.migrateTo,
            redirectTo: request.redirectTo
        )
    }
}
