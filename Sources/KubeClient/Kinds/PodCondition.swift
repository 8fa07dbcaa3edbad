/// `core/v1 PodCondition`.
public struct PodCondition: Codable, Sendable, Hashable {
    /// e.g. `Ready`, `PodScheduled`, `ContainersReady`.
    public var type: String
    /// `True`, `False` or `Unknown`.
    public var status: String
    public var reason: String?
    public var message: String?
    public var lastTransitionTime: Timestamp?

    public init(type: String, status: String, reason: String? = nil, message: String? = nil, lastTransitionTime: Timestamp? = nil) {
        self.type = type
        self.status = status
        self.reason = reason
        self.message = message
        self.lastTransitionTime = lastTransitionTime
    }
}
