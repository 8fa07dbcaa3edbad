/// `core/v1 PodSpec` (subset): the node, the containers.
public struct PodSpec: Codable, Sendable, Hashable {
    public var nodeName: String?
    public var containers: [Container]
    public var hostname: String?
    public var subdomain: String?
    public var terminationGracePeriodSeconds: Int64?

    public init(nodeName: String? = nil, containers: [Container] = [], hostname: String? = nil, subdomain: String? = nil, terminationGracePeriodSeconds: Int64? = nil) {
        self.nodeName = nodeName
        self.containers = containers
        self.hostname = hostname
        self.subdomain = subdomain
        self.terminationGracePeriodSeconds = terminationGracePeriodSeconds
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        nodeName = try container.decodeIfPresent(String.self, forKey: .nodeName)
        containers = try container.decodeIfPresent([Container].self, forKey: .containers) ?? []
        hostname = try container.decodeIfPresent(String.self, forKey: .hostname)
        subdomain = try container.decodeIfPresent(String.self, forKey: .subdomain)
        terminationGracePeriodSeconds = try container.decodeIfPresent(Int64.self, forKey: .terminationGracePeriodSeconds)
    }
}
