import KubeClient

/// Evacuate one broker node, or every broker pod on one Kubernetes node (short name `nevac`).
///
/// Evacuation is persistent: while the resource exists the node keeps refusing new connections, also across a
/// broker restart; deleting it stops the evacuation.
public struct NodeEvacuation: RebalancingResource {
    public static let definition = CustomResourceDefinitionBuilder(
        kind: "NodeEvacuation",
        plural: "nodeevacuations",
        shortNames: ["nevac"],
        description: "NodeEvacuation moves every client and session off one EMQX broker node (or every broker pod on one Kubernetes node) and keeps the node refusing new connections while the resource exists. Deleting it stops the evacuation.",
        spec: Spec.schema,
        status: Status.schema,
        printerColumns: [
            PrinterColumn("Cluster", type: "string", jsonPath: ".spec.clusterRef", description: "The BrokerCluster."),
            PrinterColumn("Phase", type: "string", jsonPath: ".status.phase", description: "Where the evacuation is."),
            PrinterColumn("Progress", type: "integer", jsonPath: ".status.progress", description: "Percent of connections and sessions moved."),
            .condition("Ready", description: "True once the node holds no connections and no sessions."),
            PrinterColumn("Pod", type: "string", jsonPath: ".spec.target.pod", description: "Target pod.", priority: 1),
            PrinterColumn("Broker-Node", type: "string", jsonPath: ".spec.target.brokerNode", description: "Target EMQX node.", priority: 1),
            PrinterColumn("Node", type: "string", jsonPath: ".spec.target.node", description: "Target Kubernetes node.", priority: 1),
            .age,
        ]
    )

    public var metadata: ObjectMeta
    public var spec: Spec
    public var status: Status?

    public init(metadata: ObjectMeta, spec: Spec, status: Status? = nil) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    public struct Spec: Codable, Sendable, Hashable {
        public var clusterRef: String
        public var target: Target
        public var connEvictRate: Int?
        public var sessEvictRate: Int?
        public var waitHealthCheckSeconds: Int?
        public var waitTakeoverSeconds: Int?
        public var migrateTo: [String]?
        public var redirectTo: String?
        public var deadlineSeconds: Int?

        public init(clusterRef: String, target: Target) {
            self.clusterRef = clusterRef
            self.target = target
        }

        /// Exactly one of the three keys is set (the schema enforces it with minProperties and maxProperties 1).
        public struct Target: Codable, Sendable, Hashable {
            public var pod: String?
            public var brokerNode: String?
            public var node: String?

            public init(pod: String? = nil, brokerNode: String? = nil, node: String? = nil) {
                self.pod = pod
                self.brokerNode = brokerNode
                self.node = node
            }
        }

        static let schema = Schema.object(
            "What to evacuate and how fast.",
            properties: [
                "clusterRef": .clusterRef("whose node is evacuated"),
                "target": .object(
                    "The node to evacuate: exactly one of pod, brokerNode or node.",
                    properties: [
                        "pod": .string("Name of a broker pod of the cluster.", minLength: 1, maxLength: 253),
                        "brokerNode": .brokerNodeName,
                        "node": .string("Name of a Kubernetes node: every broker pod on it is evacuated.", minLength: 1, maxLength: 253),
                    ],
                    minProperties: 1,
                    maxProperties: 1
                ),
                "connEvictRate": .connEvictRate("from the node"),
                "sessEvictRate": .sessEvictRate("from the node"),
                "waitHealthCheckSeconds": .waitHealthCheckSeconds,
                "waitTakeoverSeconds": .waitTakeoverSeconds,
                "migrateTo": .array("EMQX nodes that receive the migrated sessions; default: every other running node that is not itself evacuating.", items: .brokerNodeName, minItems: 1, maxItems: 1000, listType: "set"),
                "redirectTo": .string("Server reference sent to MQTT v5 clients on eviction (host:port). EMQX 5.9 ignores it when set over HTTP; kept for newer EMQX.", maxLength: 1024),
                "deadlineSeconds": .deadlineSeconds,
            ],
            required: ["clusterRef", "target"]
        )
    }

    public enum Phase: String, Codable, Sendable, Hashable, CaseIterable {
        case pending = "Pending"
        case waitingHealthCheck = "WaitingHealthCheck"
        case evictingConnections = "EvictingConnections"
        case waitingTakeover = "WaitingTakeover"
        case evictingSessions = "EvictingSessions"
        case evacuated = "Evacuated"
        case failed = "Failed"
        case stopping = "Stopping"
    }

    public struct Status: Codable, Sendable, Hashable {
        public var observedGeneration: Int64?
        public var conditions: [Condition]?
        public var phase: Phase?
        public var brokerNodes: [BrokerNode]?
        public var progress: Int?
        public var startedAt: Timestamp?
        public var evacuatedAt: Timestamp?

        public init() {}

        public struct BrokerNode: Codable, Sendable, Hashable {
            public var name: String
            public var pod: String?
            /// The pod incarnation the evacuation started on.
            public var podUID: String?
            public var state: String?
            public var initialConnections: Int64?
            public var initialSessions: Int64?
            public var connections: Int64?
            public var sessions: Int64?

            public init(name: String) { self.name = name }
        }

        static let schema = Schema.object(
            "Progress of the evacuation.",
            properties: [
                "observedGeneration": .integer("The metadata.generation this status describes.", minimum: 0),
                "conditions": .conditions(ConditionType.schemaDescription(types: ConditionType.nodeEvacuation, reasons: ConditionReason.nodeEvacuation)),
                "phase": .string("Where the evacuation is.", enum: Phase.allCases.map(\.rawValue)),
                "brokerNodes": .array(
                    "The EMQX nodes being evacuated.",
                    items: .object(
                        "One evacuated EMQX node.",
                        properties: [
                            "name": .string("EMQX node name."),
                            "pod": .string("The broker pod."),
                            "podUID": .string("UID of the pod incarnation the evacuation started on."),
                            "state": .string("EMQX evacuation state (waiting_health_check, evicting_conns, waiting_takeover, evicting_sessions, prohibiting)."),
                            "initialConnections": .integer("Connections when the evacuation started.", minimum: 0),
                            "initialSessions": .integer("Sessions when the evacuation started.", minimum: 0),
                            "connections": .integer("Connections now.", minimum: 0),
                            "sessions": .integer("Sessions now.", minimum: 0),
                        ],
                        required: ["name"]
                    ),
                    maxItems: 1000,
                    listType: "map",
                    mapKeys: ["name"]
                ),
                "progress": .integer("Percent of the initial connections and sessions moved off.", minimum: 0, maximum: 100, format: "int32"),
                "startedAt": .dateTime("When EMQX started the evacuation."),
                "evacuatedAt": .dateTime("When the node first held no connections and no sessions."),
            ]
        )
    }
}
