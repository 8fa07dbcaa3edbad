/// `GET /api/v5/load_rebalance/availability_check` for the node that answered (spec 6.3).
public enum NodeAvailability: Sendable, Hashable {
    /// 200 `{}`: the node's eviction agent is disabled; it takes new clients.
    case available
    /// 503 `NODE_EVACUATING`: the eviction agent is enabled (evacuation, rebalance donor, or purge), whether or
    /// not connections are still accepted (they are during `wait_health_check`).
    case unavailable
}
