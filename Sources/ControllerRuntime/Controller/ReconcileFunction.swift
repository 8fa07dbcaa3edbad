import KubeClient

/// A ``Reconciler`` made from a closure (controller-runtime's `reconcile.Func`).
public struct ReconcileFunction: Reconciler {
    private let body: @Sendable (ObjectKey) async throws -> ReconcileResult

    public init(_ body: @escaping @Sendable (ObjectKey) async throws -> ReconcileResult) {
        self.body = body
    }

    public func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        try await body(key)
    }
}
