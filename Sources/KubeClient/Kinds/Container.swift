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
