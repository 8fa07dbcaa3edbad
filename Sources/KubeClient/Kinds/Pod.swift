/// `core/v1 Pod`, with the fields this project reads: where it runs, whether it is Ready, who owns it.
/// Unmodelled fields survive updates (``PreservesUnknownFields``).
public struct Pod: Resource, PreservesUnknownFields, Hashable {
    public static let resource = ResourceDescription(group: "", version: "v1", kind: "Pod", plural: "pods", isNamespaced: true)

    public var metadata: ObjectMeta
    public var spec: PodSpec?
    public var status: Status?
    public var rawJSON: JSONValue? = nil

    enum CodingKeys: String, CodingKey { case metadata, spec, status }

    public init(metadata: ObjectMeta, spec: PodSpec? = nil, status: Status? = nil) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    public struct Status: Codable, Sendable, Hashable {
        /// `Pending`, `Running`, `Succeeded`, `Failed` or `Unknown`.
        public var phase: String?
        public var podIP: String?
        public var hostIP: String?
        public var conditions: [PodCondition]?
        public var startTime: Timestamp?

        public init(phase: String? = nil, podIP: String? = nil, hostIP: String? = nil, conditions: [PodCondition]? = nil, startTime: Timestamp? = nil) {
            self.phase = phase
            self.podIP = podIP
            self.hostIP = hostIP
            self.conditions = conditions
            self.startTime = startTime
        }
    }

    /// Whether the `Ready` condition is `True`.
    public var isReady: Bool {
        status?.conditions?.contains { $0.type == "Ready" && $0.status == "True" } == true
    }
}

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

/// `core/v1 Container` (subset).
public struct Container: Codable, Sendable, Hashable {
    public var name: String
    public var image: String?
    public var args: [String]?
    public var env: [EnvVar]?
    public var ports: [ContainerPort]?

    public init(name: String, image: String? = nil, args: [String]? = nil, env: [EnvVar]? = nil, ports: [ContainerPort]? = nil) {
        self.name = name
        self.image = image
        self.args = args
        self.env = env
        self.ports = ports
    }

    public struct EnvVar: Codable, Sendable, Hashable {
        public var name: String
        public var value: String?

        public init(name: String, value: String? = nil) {
            self.name = name
            self.value = value
        }
    }

    public struct ContainerPort: Codable, Sendable, Hashable {
        public var name: String?
        public var containerPort: Int
        public var `protocol`: String?

        public init(name: String? = nil, containerPort: Int, protocol: String? = nil) {
            self.name = name
            self.containerPort = containerPort
            self.protocol = `protocol`
        }
    }
}

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
