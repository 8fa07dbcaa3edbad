import EMQXClient

extension EvacuationStartRequest {
    /// The start body for `spec`: rates, waits, `migrate_to` and `redirect_to` as given; absent fields omitted
    /// (EMQX's defaults apply).
    public init(spec: NodeEvacuation.Spec) {
        self.init(
            waitHealthCheck: spec.waitHealthCheckSeconds.map { .seconds($0) },
            connEvictRate: spec.connEvictRate,
            sessEvictRate: spec.sessEvictRate,
            waitTakeover: spec.waitTakeoverSeconds.map { .seconds($0) },
            migrateTo: spec.migrateTo,
            redirectTo: spec.redirectTo
        )
    }
}
