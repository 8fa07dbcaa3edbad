import KubeClient

/// Move connections and sessions from overloaded broker nodes to underloaded ones (short name `crb`).
///
/// Rebalance is ephemeral on the EMQX side: EMQX aborts it when a participant goes down. The operator records each
/// attempt and retries up to `retry.limit`.
public struct ClusterRebalance: RebalancingResource {
    public static let definition = CustomResourceDefinitionBuilder(
        kind: "ClusterRebalance",
        plural: "clusterrebalances",
        shortNames: ["crb"],
        description: "ClusterRebalance moves connections and sessions from EMQX nodes above the mean to nodes below it, until EMQX's own balance test holds. The plan is published first; with dryRun the rebalance waits in phase Planned for approval (set dryRun to false).",
        spec: Spec.schema,
        status: Status.schema,
        printerColumns: [
            PrinterColumn("Cluster", type: "string", jsonPath: ".spec.clusterRef", description: "The BrokerCluster."),
            PrinterColumn("Phase", type: "string", jsonPath: ".status.phase", description: "Where the rebalance is."),
            PrinterColumn("Result", type: "string", jsonPath: ".status.result", description: "Balanced, AlreadyBalanced or NotBalanced."),
            .condition("Ready", description: "True once the rebalance completed successfully."),
            PrinterColumn("Coordinator", type: "string", jsonPath: ".status.plan.coordinator", description: "EMQX node coordinating the rebalance.", priority: 1),
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
        /// Participating EMQX nodes; empty or absent means every running node.
        public var nodes: [String]?
        public var connEvictRate: Int?
        public var sessEvictRate: Int?
        public var waitHealthCheckSeconds: Int?
        public var waitTakeoverSeconds: Int?
        public var absConnThreshold: Int?
        public var relConnThreshold: String?
        public var absSessThreshold: Int?
        public var relSessThreshold: String?
        public var retry: Retry?
        public var deadlineSeconds: Int?
        public var dryRun: Bool?

        public init(clusterRef: String) { self.clusterRef = clusterRef }

        public struct Retry: Codable, Sendable, Hashable {
            public var limit: Int?

            public init(limit: Int? = nil) { self.limit = limit }
        }

        static let schema = Schema.object(
            "Which nodes to rebalance, how fast, and when it counts as balanced. Fixed once the rebalance starts, except dryRun: true to false (approval).",
            properties: [
                "clusterRef": .clusterRef("to rebalance"),
                "nodes": .array("EMQX nodes taking part; default: every running node.", items: .brokerNodeName, maxItems: 1000, listType: "set"),
                "connEvictRate": .connEvictRate("from each donor node"),
                "sessEvictRate": .sessEvictRate("from each donor node"),
                "waitHealthCheckSeconds": .waitHealthCheckSeconds,
                "waitTakeoverSeconds": .waitTakeoverSeconds,
                "absConnThreshold": .absConnThreshold,
                "relConnThreshold": .relConnThreshold,
                "absSessThreshold": .absSessThreshold,
                "relSessThreshold": .relSessThreshold,
                "retry": .object(
                    "Retries of interrupted attempts (EMQX aborts a rebalance when a participating node goes down).",
                    properties: [
                        "limit": .integer("How many more attempts after the first one are made when an attempt is interrupted.", default: 3, minimum: 0, maximum: 100, format: "int32")
                    ],
                    defaultsToEmpty: true
                ),
                "deadlineSeconds": .deadlineSeconds,
                "dryRun": .boolean("Publish the plan and wait in phase Planned; set to false to proceed.", default: false),
            ],
            required: ["clusterRef"]
        )
    }

    public enum Phase: String, Codable, Sendable, Hashable, CaseIterable {
        case pending = "Pending"
        case planned = "Planned"
        case rebalancing = "Rebalancing"
        case completed = "Completed"
        case failed = "Failed"
        case stopped = "Stopped"
    }

    public enum Result: String, Codable, Sendable, Hashable, CaseIterable {
        case balanced = "Balanced"
        case alreadyBalanced = "AlreadyBalanced"
        case notBalanced = "NotBalanced"
    }

    public enum Outcome: String, Codable, Sendable, Hashable, CaseIterable {
        case balanced = "Balanced"
        case interrupted = "Interrupted"
        case notBalanced = "NotBalanced"
        case failed = "Failed"
    }

    public struct Status: Codable, Sendable, Hashable {
        public var observedGeneration: Int64?
        public var conditions: [Condition]?
        public var phase: Phase?
        public var result: Result?
        public var plan: Plan?
        public var attempts: [Attempt]?
        public var moved: Moved?
        public var nodes: [NodeCounts]?
        public var startedAt: Timestamp?
        public var completedAt: Timestamp?

        public init() {}

        public struct Plan: Codable, Sendable, Hashable {
            public var coordinator: String
            public var donors: [String]
            public var recipients: [String]
            public var connectionsToMove: Int64?
            public var sessionsToMove: Int64?

            public init(coordinator: String, donors: [String], recipients: [String], connectionsToMove: Int64? = nil, sessionsToMove: Int64? = nil) {
                self.coordinator = coordinator
                self.donors = donors
                self.recipients = recipients
                self.connectionsToMove = connectionsToMove
                self.sessionsToMove = sessionsToMove
            }
        }

        public struct Attempt: Codable, Sendable, Hashable {
            public var startedAt: Timestamp
            public var finishedAt: Timestamp?
            public var coordinator: String
            public var outcome: Outcome?
            public var message: String?

            public init(startedAt: Timestamp, coordinator: String) {
                self.startedAt = startedAt
                self.coordinator = coordinator
            }
        }

        public struct Moved: Codable, Sendable, Hashable {
            public var connections: Int64
            public var sessions: Int64

            public init(connections: Int64, sessions: Int64) {
                self.connections = connections
                self.sessions = sessions
            }
        }

        public struct NodeCounts: Codable, Sendable, Hashable {
            public var name: String
            public var connections: Int64
            public var sessions: Int64

            public init(name: String, connections: Int64, sessions: Int64) {
                self.name = name
                self.connections = connections
                self.sessions = sessions
            }
        }

        static let schema = Schema.object(
            "Plan, attempts and outcome of the rebalance.",
            properties: [
                "observedGeneration": .integer("The metadata.generation this status describes.", minimum: 0),
                "conditions": .conditions(ConditionType.schemaDescription(types: ConditionType.clusterRebalance, reasons: ConditionReason.clusterRebalance)),
                "phase": .string("Where the rebalance is.", enum: Phase.allCases.map(\.rawValue)),
                "result": .string("Outcome of the whole rebalance.", enum: Result.allCases.map(\.rawValue)),
                "plan": .object(
                    "The plan computed with EMQX's rule: donors at or above the mean connection count, recipients below it.",
                    properties: [
                        "coordinator": .string("EMQX node that coordinates the rebalance."),
                        "donors": .array("Nodes clients move away from.", items: .string("EMQX node name."), listType: "atomic"),
                        "recipients": .array("Nodes clients move to.", items: .string("EMQX node name."), listType: "atomic"),
                        "connectionsToMove": .integer("Connections that must leave the donors for the load to be even.", minimum: 0),
                        "sessionsToMove": .integer("Sessions that must leave the donors for the load to be even.", minimum: 0),
                    ],
                    required: ["coordinator", "donors", "recipients"]
                ),
                "attempts": .array(
                    "Each attempt and its outcome.",
                    items: .object(
                        "One attempt.",
                        properties: [
                            "startedAt": .dateTime("When EMQX started this attempt."),
                            "finishedAt": .dateTime("When this attempt ended."),
                            "coordinator": .string("EMQX node that coordinated this attempt."),
                            "outcome": .string("How this attempt ended.", enum: Outcome.allCases.map(\.rawValue)),
                            "message": .string("Details of the outcome."),
                        ],
                        required: ["startedAt", "coordinator"]
                    ),
                    maxItems: 101,
                    listType: "atomic"
                ),
                "moved": .object(
                    "Connections and sessions moved off the donors so far.",
                    properties: [
                        "connections": .integer("Connections moved.", minimum: 0),
                        "sessions": .integer("Sessions moved.", minimum: 0),
                    ],
                    required: ["connections", "sessions"]
                ),
                "nodes": .array(
                    "Per-node counts last read from EMQX.",
                    items: .object(
                        "One node's load.",
                        properties: [
                            "name": .string("EMQX node name."),
                            "connections": .integer("Connected clients (EMQX live_connections).", minimum: 0),
                            "sessions": .integer("Sessions (EMQX connections).", minimum: 0),
                        ],
                        required: ["name", "connections", "sessions"]
                    ),
                    maxItems: 1000,
                    listType: "map",
                    mapKeys: ["name"]
                ),
                "startedAt": .dateTime("When the first attempt started."),
                "completedAt": .dateTime("When the rebalance reached a final phase."),
            ]
        )
    }
}
