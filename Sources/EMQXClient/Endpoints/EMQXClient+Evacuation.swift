extension EMQXClient {
    /// `POST /api/v5/load_rebalance/{node}/evacuation/start`: starts evacuating `node`.
    ///
    /// Sent once, never retried here. Errors to expect: ``EMQXError/Kind/alreadyStarted`` (adopt the running
    /// evacuation), ``EMQXError/Kind/evictionAgentBusy`` (the node is a rebalance donor), ``EMQXError/Kind/nodeNotFound``,
    /// ``EMQXError/Kind/invalidNodes`` and ``EMQXError/Kind/nodesUnavailable`` (for `migrate_to`), ``EMQXError/Kind/rpcError``.
    public func startEvacuation(node: String, _ request: EvacuationStartRequest) async throws {
        let endpoint = EMQXEndpoint.post("/load_rebalance/\(EMQXEndpoint.segment(node))/evacuation/start", node: node)
        _ = try await send(endpoint, body: try encode(request))
    }

    /// `POST /api/v5/load_rebalance/{node}/evacuation/stop`: stops evacuating `node`; it takes clients again.
    /// ``EMQXError/Kind/notStarted`` means no evacuation runs there (the goal of a stop holds).
    public func stopEvacuation(node: String) async throws {
        let endpoint = EMQXEndpoint.post("/load_rebalance/\(EMQXEndpoint.segment(node))/evacuation/stop", node: node)
        _ = try await send(endpoint, body: Array("{}".utf8))
    }
}
