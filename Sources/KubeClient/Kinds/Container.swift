/// `core/v1 Container` (subset).
public struct Container: Codable, Sendable, Hashable {
    public var name: String
    public var image: String?
    public var args: [String]?
    public var env: [EnvVar]?
    public var ports: [ContainerPort]?
    public var lifecycle: Lifecycle?

    public init(name: String, image: String? = nil, args: [String]? = nil, env: [EnvVar]? = nil, ports: [ContainerPort]? = nil, lifecycle: Lifecycle? = nil) {
        self.name = name
        self.image = image
        self.args = args
        self.env = env
        self.ports = ports
        self.lifecycle = lifecycle
    }

    /// `lifecycle` (subset): the `preStop` hook as a command run in the container.
    public struct Lifecycle: Codable, Sendable, Hashable {
        public var preStop: Handler?

        public init(preStop: Handler? = nil) { self.preStop = preStop }

        public struct Handler: Codable, Sendable, Hashable {
            public var exec: ExecAction?

            public init(exec: ExecAction? = nil) { self.exec = exec }
        }

        public struct ExecAction: Codable, Sendable, Hashable {
            public var command: [String]?

            public init(command: [String]? = nil) { self.command = command }
        }
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
