/// `metav1.ListMeta`.
public struct ListMeta: Codable, Sendable, Hashable {
    /// The version the list was read at; watch from here to see every later change.
    public var resourceVersion: String?
    /// Token for the next page; `nil` (or empty) on the last page.
    public var `continue`: String?
    /// How many items remain after this page, when the server knows.
    public var remainingItemCount: Int64?

    public init(resourceVersion: String? = nil, continue: String? = nil, remainingItemCount: Int64? = nil) {
        self.resourceVersion = resourceVersion
        self.continue = `continue`
        self.remainingItemCount = remainingItemCount
    }
}
