extension EMQXClient {
    /// `POST /api/v5/load_rebalance/{coordinator}/start`: starts a rebalance coordinated by `coordinator`.
    ///
    /// Sent once, never retried here. Errors to expect: ``EMQXError/Kind/nothingToBalance`` (EMQX's balance test
    /// already holds), ``EMQXError/Kind/alreadyStarted``, ``EMQXError/Kind/nodeNotFound``,
    /// ``EMQXError/Kind/invalidNodes``, ``EMQXError/Kind/nodesUnavailable``, ``EMQXError/Kind/rpcError``.
    public func startRebalance(coordinator: String, _ request: RebalanceStartRequest) async throws {
        let endpoint = EMQXEndpoint.post("/load_rebalance/\(EMQXEndpoint.segment(coordinator))/start", node: coordinator)
        _ = try await send(endpoint, body: try encode(request))
    }

    /// `POST /api/v5/load_rebalance/{coordinator}/stop`: stops the rebalance `coordinator` coordinates.
    /// ``EMQXError/Kind/notStarted`` means none runs there (the goal of a stop holds).
    public func stopRebalance(coordinator: String) async throws {
        let endpoint = EMQXEndpoint.post("/load_rebalance/\(EMQXEndpoint.segment(coordinator))/stop", node: coordinator)
        _ = try await send(endpoint, body: Array("{}".utf8))
    }
}
