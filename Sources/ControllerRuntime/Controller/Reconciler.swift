import KubeClient

/// What a reconcile asks of the controller once it returns normally.
public enum ReconcileResult: Sendable, Hashable {
    /// Converged: wait for the next change to the object or anything mapped to it.
    case done
    /// Look again after `after` even if nothing changes (for example, to poll an external system).
    case requeue(after: Duration)
}

/// The one thing a controller runs: bring the world in line with the object named by `key`.
///
/// Reconciling is level-based: `key` carries no event and no object, so every call starts by reading the cache,
/// and a deleted object is seen as absent. A thrown error is retried with per-key backoff unless it is a
/// ``TerminalReconcileError``.
public protocol Reconciler: Sendable {
    func reconcile(_ key: ObjectKey) async throws -> ReconcileResult
}

/// Wraps an error that retrying cannot fix: it is recorded and counted, and the key is not requeued.
public struct TerminalReconcileError: Error, Sendable {
    public var underlying: any Error

    public init(_ underlying: any Error) { self.underlying = underlying }
}
