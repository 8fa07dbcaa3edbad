extension EMQXClient {
    /// `GET /api/v5/nodes`: every node the cluster knows, running or stopped, with its load.
    public func nodes() async throws -> [EMQXNode] {
        let endpoint = EMQXEndpoint.get("/nodes")
        return try decode([EMQXNode].self, from: try await send(endpoint), endpoint: endpoint)
    }

    /// `GET /api/v5/nodes/{node}`: one node. An unknown node is ``EMQXError/Kind/nodeNotFound``.
    public func node(_ name: String) async throws -> EMQXNode {
        let endpoint = EMQXEndpoint.get("/nodes/" + EMQXEndpoint.segment(name), node: name)
        return try decode(EMQXNode.self, from: try await send(endpoint), endpoint: endpoint)
    }
}
