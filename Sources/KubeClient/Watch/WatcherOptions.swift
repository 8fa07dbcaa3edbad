import Primitives

/// How a ``Watcher`` lists and watches.
public struct WatcherOptions: Sendable {
    public var labelSelector: String?
    public var fieldSelector: String?
    /// Objects per list page (`limit`). Default 500, as client-go and kube-rs.
    public var pageSize: Int
    /// `timeoutSeconds` of each watch connection. Default 290.
    public var watchTimeoutSeconds: Int
    /// Pace of reconnects after failures. Default 800 ms doubling to 30 s, jittered.
    public var backoff: Backoff
    /// A watch that stayed open this long resets the backoff. Default 120 s.
    public var backoffResetAfter: Duration
    /// Told of every failure the watcher recovers from (failed list or watch, `ERROR` events as ``KubeAPIError``),
    /// e.g. for metrics or a health check; called on the iterating task, so it must return quickly. Default none.
    public var onError: (@Sendable (any Error) -> Void)?

    public init(
        labelSelector: String? = nil,
        fieldSelector: String? = nil,
        pageSize: Int = 500,
        watchTimeoutSeconds: Int = 290,
        backoff: Backoff = Backoff(),
        backoffResetAfter: Duration = .seconds(120),
        onError: (@Sendable (any Error) -> Void)? = nil
    ) {
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.pageSize = pageSize
        self.watchTimeoutSeconds = watchTimeoutSeconds
        self.backoff = backoff
        self.backoffResetAfter = backoffResetAfter
        self.onError = onError
    }
}
