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

    public init(
        labelSelector: String? = nil,
        fieldSelector: String? = nil,
        pageSize: Int = 500,
        watchTimeoutSeconds: Int = 290,
        backoff: Backoff = Backoff(),
        backoffResetAfter: Duration = .seconds(120)
    ) {
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.pageSize = pageSize
        self.watchTimeoutSeconds = watchTimeoutSeconds
        self.backoff = backoff
        self.backoffResetAfter = backoffResetAfter
    }
}
