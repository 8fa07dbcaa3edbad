extension EMQXClient {
    /// `GET /api/v5/load_rebalance/status`: the answering node's own status (behind a Service, a random node).
    public func rebalanceStatus() async throws -> EMQXLocalStatus {
        let endpoint = EMQXEndpoint.get("/load_rebalance/status")
        return try decode(EMQXLocalStatus.self, from: try await send(endpoint), endpoint: endpoint)
    }

    /// `GET /api/v5/load_rebalance/global_status`: every evacuation and rebalance running in the cluster.
    public func globalStatus() async throws -> EMQXGlobalStatus {
        let endpoint = EMQXEndpoint.get("/load_rebalance/global_status")
        return try decode(EMQXGlobalStatus.self, from: try await send(endpoint), endpoint: endpoint)
    }

    /// `GET /api/v5/load_rebalance/availability_check` (no auth needed since EMQX 5.4): whether the answering node
    /// takes new clients. 503 `NODE_EVACUATING` is ``NodeAvailability/unavailable``, not an error.
    public func availabilityCheck() async throws -> NodeAvailability {
        let endpoint = EMQXEndpoint.get("/load_rebalance/availability_check")
        let answer = try await send(endpoint, accepting: [503])
        guard answer.status == 503 else { return .available }
        let error = EMQXError.fromResponse(status: answer.status, body: answer.body, endpoint: endpoint)
        guard error.code == "NODE_EVACUATING" else { throw error }
        return .unavailable
    }
}
