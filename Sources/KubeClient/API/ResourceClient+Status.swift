extension ResourceClient {
    /// Replaces the `status` of `object` through the `/status` subresource (PUT), checked against its
    /// `metadata.resourceVersion` (`.conflict` when stale). The server ignores everything but `status` here.
    public func updateStatus(_ object: Object, options: WriteOptions = .init()) async throws -> Object {
        let name = try name(of: object, for: "updateStatus")
        let request = KubeRequest(
            method: .PUT,
            path: objectPath(name, objectNamespace: object.metadata.namespace, subresource: "status"),
            query: options.queryParameters,
            body: try coder.encodeObject(object)
        )
        return try coder.decode(Object.self, from: try await transport.data(request), path: request.summary)
    }

    /// The object with its status, read through the `/status` subresource.
    public func getStatus(_ name: String) async throws -> Object {
        let request = KubeRequest(method: .GET, path: objectPath(name, subresource: "status"))
        return try coder.decode(Object.self, from: try await transport.data(request), path: request.summary)
    }
}
