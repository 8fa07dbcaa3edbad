/// Parameters of a list call (`kubernetes.md` §3.3).
public struct ListOptions: Sendable, Hashable {
    /// e.g. `app=emqx,tier!=canary`, `app in (a,b)`, `!legacy`.
    public var labelSelector: String?
    /// e.g. `spec.nodeName=node-1`, `metadata.name=x`.
    public var fieldSelector: String?
    /// At most this many items per page; the answer then carries a `continue` token.
    public var limit: Int?
    /// The `continue` token of the previous page.
    public var continueToken: String?
    /// `nil`: most recent (consistent read); `"0"`: any (possibly cached) version; otherwise see ``resourceVersionMatch``.
    public var resourceVersion: String?
    public var resourceVersionMatch: ResourceVersionMatch?
    public var timeoutSeconds: Int?

    public init(
        labelSelector: String? = nil,
        fieldSelector: String? = nil,
        limit: Int? = nil,
        continueToken: String? = nil,
        resourceVersion: String? = nil,
        resourceVersionMatch: ResourceVersionMatch? = nil,
        timeoutSeconds: Int? = nil
    ) {
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.limit = limit
        self.continueToken = continueToken
        self.resourceVersion = resourceVersion
        self.resourceVersionMatch = resourceVersionMatch
        self.timeoutSeconds = timeoutSeconds
    }

    public var queryParameters: QueryParameters {
        var query = QueryParameters()
        query.add("labelSelector", labelSelector)
        query.add("fieldSelector", fieldSelector)
        query.add("limit", limit)
        query.add("continue", continueToken)
        query.add("resourceVersion", resourceVersion)
        query.add("resourceVersionMatch", resourceVersionMatch?.rawValue)
        query.add("timeoutSeconds", timeoutSeconds)
        return query
    }
}
