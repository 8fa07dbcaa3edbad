/// `metav1.StatusDetails`: which object an error is about and why, field by field.
public struct StatusDetails: Codable, Sendable, Hashable {
    public var name: String?
    public var group: String?
    /// The kind, or for many errors the *resource* (plural), as the server fills it in.
    public var kind: String?
    public var uid: String?
    public var causes: [StatusCause]?
    public var retryAfterSeconds: Int?

    public init(name: String? = nil, group: String? = nil, kind: String? = nil, uid: String? = nil, causes: [StatusCause]? = nil, retryAfterSeconds: Int? = nil) {
        self.name = name
        self.group = group
        self.kind = kind
        self.uid = uid
        self.causes = causes
        self.retryAfterSeconds = retryAfterSeconds
    }
}
