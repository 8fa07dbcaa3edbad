extension ResourceClient where Object == Pod {
    /// Evicts the pod named `podName` through `pods/<name>/eviction` (policy/v1), which respects
    /// PodDisruptionBudgets.
    ///
    /// - Throws: ``KubeAPIError`` with `.tooManyRequests` when a budget allows no disruption now (retry after
    ///   `retryAfter` or a few seconds), `.notFound` when the pod is already gone, `.internalError` when more than one
    ///   budget selects the pod.
    @discardableResult
    public func evict(_ podName: String, deleteOptions: DeleteOptions? = nil) async throws -> KubeStatus {
        let namespace = effectiveNamespace()
        let eviction = Eviction(podName: podName, namespace: namespace, deleteOptions: deleteOptions)
        let request = KubeRequest(method: .POST, path: objectPath(podName, subresource: "eviction"), body: try coder.encode(eviction))
        return try coder.decode(KubeStatus.self, from: try await transport.data(request), path: request.summary)
    }
}
