extension ResourceClient {
    /// The `/scale` subresource of the object named `name` (StatefulSets, and CRDs that define one).
    public func getScale(_ name: String) async throws -> Scale {
        let request = KubeRequest(method: .GET, path: objectPath(name, subresource: "scale"))
        return try coder.decode(Scale.self, from: try await transport.data(request), path: request.summary)
    }

    /// Sets the replicas through `/scale` (PUT); `scale.metadata.resourceVersion`, when set, is checked
    /// (`.conflict` when stale).
    public func updateScale(_ name: String, _ scale: Scale) async throws -> Scale {
        let request = KubeRequest(method: .PUT, path: objectPath(name, subresource: "scale"), body: try coder.encode(scale))
        return try coder.decode(Scale.self, from: try await transport.data(request), path: request.summary)
    }
}
