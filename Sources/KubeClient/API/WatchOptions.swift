/// Parameters of one watch connection (`kubernetes.md` §3.4).
public struct WatchOptions: Sendable, Hashable {
    /// Events after this version. `nil` makes the server replay every current object as ADDED first.
    public var resourceVersion: String?
    public var labelSelector: String?
    public var fieldSelector: String?
    /// Ask for BOOKMARK events, which advance the resume point without an object change. Default `true`.
    public var allowWatchBookmarks: Bool
    /// The server ends the stream cleanly after this many seconds. Default 290 (kube-rs; the API server refuses
    /// values from 295 on for some kinds).
    public var timeoutSeconds: Int?

    public init(
        resourceVersion: String? = nil,
        labelSelector: String? = nil,
        fieldSelector: String? = nil,
        allowWatchBookmarks: Bool = true,
        timeoutSeconds: Int? = 290
    ) {
        self.resourceVersion = resourceVersion
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.allowWatchBookmarks = allowWatchBookmarks
        self.timeoutSeconds = timeoutSeconds
    }

    public var queryParameters: QueryParameters {
        var query = QueryParameters()
        query.add("watch", "true")
        query.add("resourceVersion", resourceVersion)
        query.add("labelSelector", labelSelector)
        query.add("fieldSelector", fieldSelector)
        query.add("allowWatchBookmarks", flag: allowWatchBookmarks)
        query.add("timeoutSeconds", timeoutSeconds)
        return query
    }
}
