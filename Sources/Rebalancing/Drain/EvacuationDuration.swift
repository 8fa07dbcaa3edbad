import EMQXClient

/// How long EMQX takes to evacuate a node, from its counts and the evacuation's rates and waits: the figure a broker
/// pod's `terminationGracePeriodSeconds` must cover when it is deleted directly.
///
/// `waitHealthCheck + connections / connEvictRate + waitTakeover + sessions / sessEvictRate`, each division rounded
/// up (EMQX evicts one batch per second), with EMQX's defaults for what the spec leaves out. Sessions count every
/// channel (EMQX's `connections`), the most that can be left for the session phase.
public struct EvacuationDuration: Sendable, Hashable, CustomStringConvertible {
    public var waitHealthCheckSeconds: Int64
    public var connections: Int64
    public var connEvictRate: Int64
    public var waitTakeoverSeconds: Int64
    public var sessions: Int64
    public var sessEvictRate: Int64

    public init(connections: Int64, sessions: Int64, drain: BrokerCluster.Spec.Drain?) {
        self.connections = max(0, connections)
        self.sessions = max(0, sessions)
        connEvictRate = Int64(max(1, drain?.connEvictRate ?? EMQXDefaults.connEvictRate))
        sessEvictRate = Int64(max(1, drain?.sessEvictRate ?? EMQXDefaults.sessEvictRate))
        waitHealthCheckSeconds = Int64(max(0, drain?.waitHealthCheckSeconds ?? EMQXDefaults.waitHealthCheckSeconds))
        waitTakeoverSeconds = Int64(max(0, drain?.waitTakeoverSeconds ?? EMQXDefaults.waitTakeoverSeconds))
    }

    public var seconds: Int64 {
        waitHealthCheckSeconds + Self.ceilingDivision(connections, connEvictRate) + waitTakeoverSeconds + Self.ceilingDivision(sessions, sessEvictRate)
    }

    public var description: String {
        "about \(seconds) s: \(waitHealthCheckSeconds) s health-check wait, \(connections) connections at \(connEvictRate)/s, \(waitTakeoverSeconds) s takeover wait, \(sessions) sessions at \(sessEvictRate)/s"
    }

    static func ceilingDivision(_ value: Int64, _ divisor: Int64) -> Int64 { (value + divisor - 1) / divisor }
}
