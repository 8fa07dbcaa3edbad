import Primitives

/// How a ``Controller`` runs; every default is controller-runtime's.
public struct ControllerOptions: Sendable {
    /// The controller's name in logs and metrics (`controller` label). Required.
    public var name: String
    /// Reconciles running at once, on different keys. Default 1. A key is never reconciled twice at once.
    public var maxConcurrentReconciles: Int
    /// How long running reconciles may take to finish after shutdown begins before they are cancelled. Default 30 s.
    public var gracefulShutdownTimeout: Duration
    /// Per-key failure backoff. Default 5 ms doubling to 1000 s.
    public var failureBackoff: Backoff

    public init(
        name: String,
        maxConcurrentReconciles: Int = 1,
        gracefulShutdownTimeout: Duration = .seconds(30),
        failureBackoff: Backoff = Backoff.workQueueFailures
    ) {
        self.name = name
        self.maxConcurrentReconciles = max(1, maxConcurrentReconciles)
        self.gracefulShutdownTimeout = gracefulShutdownTimeout
        self.failureBackoff = failureBackoff
    }
}
