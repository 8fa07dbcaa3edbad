extension ResourceClient {
    /// Patches the object named `name` (or its `subresource`, e.g. `"status"`) and returns the result.
    ///
    /// A merge patch carries no precondition unless it includes `metadata.resourceVersion`; a JSON patch can guard
    /// itself with `test` operations (422 `.invalid` when one fails). Strategic merge is for built-in kinds only
    /// (custom resources answer 415 `.unsupportedMediaType`).
    public func patch(
        _ name: String,
        _ patch: Patch,
        subresource: String? = nil,
        fieldManager: String? = nil,
        options: WriteOptions = .init()
    ) async throws -> Object {
        var writeOptions = options
        if let fieldManager { writeOptions.fieldManager = fieldManager }
        let request = KubeRequest(
            method: .PATCH,
            path: objectPath(name, subresource: subresource),
            query: writeOptions.queryParameters,
            body: try coder.encode(patch.body),
            contentType: patch.contentType
        )
        return try coder.decode(Object.self, from: try await transport.data(request), path: request.summary)
    }
}
