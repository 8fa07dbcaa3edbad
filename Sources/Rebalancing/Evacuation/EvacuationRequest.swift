import EMQXClient

/// One EMQX `evacuation/start` call: the node and the parameters, with EMQX's defaults filled in.
public struct EvacuationRequest: Sendable, Hashable {
    public var node: String
    public var connEvictRate: Int
    public var sessEvictRate: Int
    public var waitHealthCheckSeconds: Int
    public var waitTakeoverSeconds: Int
    /// `nil`: every other running node that is available (EMQX's default).
    public var migrateTo: [String]?
    public var redirectTo: String?

    public init(node: String, connEvictRate: Int = EMQXDefaults.connEvictRate, sessEvictRate: Int = EMQXDefaults.sessEvictRate, waitHealthCheckSeconds: Int = EMQXDefaults.waitHealthCheckSeconds, waitTakeoverSeconds: Int = EMQXDefaults.waitTakeoverSeconds, migrateTo: [String]? = nil, redirectTo: String? = nil) {
        self.node = node
        self.connEvictRate = connEvictRate
        self.sessEvictRate = sessEvictRate
        self.waitHealthCheckSeconds = waitHealthCheckSeconds
        self.waitTakeoverSeconds = waitTakeoverSeconds
        self.migrateTo = migrateTo
        self.redirectTo = redirectTo
    }

    /// The request a NodeEvacuation's spec asks for on one node.
    public init(node: String, spec: NodeEvacuation.Spec) {
        self.init(
            node: node,
            connEvictRate: spec.connEvictRate ?? EMQXDefaults.connEvictRate,
            sessEvictRate: spec.sessEvictRate ?? EMQXDefaults.sessEvictRate,
            waitHealthCheckSeconds: spec.waitHealthCheckSeconds ?? EMQXDefaults.waitHealthCheckSeconds,
            waitTakeoverSeconds: spec.waitTakeoverSeconds ?? EMQXDefaults.waitTakeoverSeconds,
            migrateTo: spec.migrateTo,
            redirectTo: spec.redirectTo
        )
    }
}
