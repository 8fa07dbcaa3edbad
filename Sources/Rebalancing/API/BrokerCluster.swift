import KubeClient

/// How to reach one EMQX cluster and how to automate it (short name `bc`).
public struct BrokerCluster: RebalancingResource {
    public static let definition = CustomResourceDefinitionBuilder(
        kind: "BrokerCluster",
        plural: "brokerclusters",
        shortNames: ["bc"],
        description: "BrokerCluster says how to reach one EMQX cluster's management API, which pods are its brokers, and which automation (drain protection, rebalancing after scale-up) the operator runs for it.",
        spec: Spec.schema,
        status: Status.schema,
        printerColumns: [
            .condition("Ready", description: "Whether the cluster is reachable and its state known."),
            .condition("Reachable", description: "Whether the EMQX API answers."),
            PrinterColumn("Version", type: "string", jsonPath: ".status.emqxVersion", description: "EMQX version reported by the API."),
            PrinterColumn("Balance", type: "number", jsonPath: ".status.balance", description: "Most loaded node's connections divided by the mean (1.0 is even)."),
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
        public var api: API
        public var pods: Pods?
        public var drain: Drain?
        public var autoRebalance: AutoRebalance?
        /// Evacuations never leave fewer nodes accepting clients than this. Default 1.
        public var minAvailableNodes: Int?

        public init(api: API, pods: Pods? = nil, drain: Drain? = nil, autoRebalance: AutoRebalance? = nil, minAvailableNodes: Int? = nil) {
            self.api = api
            self.pods = pods
            self.drain = drain
            self.autoRebalance = autoRebalance
            self.minAvailableNodes = minAvailableNodes
        }

        public struct API: Codable, Sendable, Hashable {
            /// Base URL of the EMQX management API, without `/api/v5`.
            public var url: String
            /// Secret in the same namespace with the keys `key` and `secret`.
            public var credentialsSecret: String?
            /// Secret in the same namespace with the key `ca.crt`.
            public var caSecret: String?
            public var insecureSkipTLSVerify: Bool?
            public var timeoutSeconds: Int?

            public init(url: String, credentialsSecret: String? = nil, caSecret: String? = nil, insecureSkipTLSVerify: Bool? = nil, timeoutSeconds: Int? = nil) {
                self.url = url
                self.credentialsSecret = credentialsSecret
                self.caSecret = caSecret
                self.insecureSkipTLSVerify = insecureSkipTLSVerify
                self.timeoutSeconds = timeoutSeconds
            }
        }

        public struct Pods: Codable, Sendable, Hashable {
            public var selector: LabelSelector?
            /// e.g. `emqx@{pod}.{service}.{namespace}.svc.cluster.local`; when absent, nodes are matched to pods by
            /// name or pod IP.
            public var nodeNameTemplate: String?

            public init(selector: LabelSelector? = nil, nodeNameTemplate: String? = nil) {
                self.selector = selector
                self.nodeNameTemplate = nodeNameTemplate
            }
        }

        public struct Drain: Codable, Sendable, Hashable {
            public var enabled: Bool?
            public var connEvictRate: Int?
            public var sessEvictRate: Int?
            public var waitHealthCheckSeconds: Int?
            public var waitTakeoverSeconds: Int?
            /// Taint keys after which a Kubernetes node is drained by an autoscaler; default
            /// ``DrainGuard/defaultNodeTaints``.
            public var nodeTaints: [String]?

            public init(enabled: Bool? = nil, connEvictRate: Int? = nil, sessEvictRate: Int? = nil, waitHealthCheckSeconds: Int? = nil, waitTakeoverSeconds: Int? = nil, nodeTaints: [String]? = nil) {
                self.enabled = enabled
                self.connEvictRate = connEvictRate
                self.sessEvictRate = sessEvictRate
                self.waitHealthCheckSeconds = waitHealthCheckSeconds
                self.waitTakeoverSeconds = waitTakeoverSeconds
                self.nodeTaints = nodeTaints
            }
        }

        public struct AutoRebalance: Codable, Sendable, Hashable {
            public var enabled: Bool?
            public var stabilizationSeconds: Int?
            public var cooldownSeconds: Int?
            public var historyLimit: Int?
            public var absConnThreshold: Int?
            public var relConnThreshold: String?
            public var absSessThreshold: Int?
            public var relSessThreshold: String?

            public init(
                enabled: Bool? = nil, stabilizationSeconds: Int? = nil, cooldownSeconds: Int? = nil, historyLimit: Int? = nil,
                absConnThreshold: Int? = nil, relConnThreshold: String? = nil, absSessThreshold: Int? = nil, relSessThreshold: String? = nil
            ) {
                self.enabled = enabled
                self.stabilizationSeconds = stabilizationSeconds
                self.cooldownSeconds = cooldownSeconds
                self.historyLimit = historyLimit
                self.absConnThreshold = absConnThreshold
                self.relConnThreshold = relConnThreshold
                self.absSessThreshold = absSessThreshold
                self.relSessThreshold = relSessThreshold
            }
        }

        static let schema = Schema.object(
            "How to reach the EMQX cluster and what to automate.",
            properties: [
                "api": .object(
                    "The EMQX management API (REST, v5).",
                    properties: [
                        "url": .string("Base URL of the EMQX management API without /api/v5, e.g. http://emqx-dashboard.emqx.svc:18083. Behind a Service this reaches any node.", pattern: #"^https?://[^\s/]+(/[^\s]*)?$"#, maxLength: 2048),
                        "credentialsSecret": .string("Name of a Secret in the same namespace holding an EMQX API key under `key` and its secret under `secret`.", minLength: 1, maxLength: 253),
                        "caSecret": .string("Name of a Secret in the same namespace whose `ca.crt` is the CA that signed the API's certificate. TLS verification is on by default.", minLength: 1, maxLength: 253),
                        "insecureSkipTLSVerify": .boolean("Skip TLS certificate verification. Only for testing.", default: false),
                        "timeoutSeconds": .integer("Timeout of each API request, in seconds.", default: 10, minimum: 1, maximum: 300, format: "int32"),
                    ],
                    required: ["url"]
                ),
                "pods": .object(
                    "Which pods are this cluster's brokers, and how EMQX names their nodes.",
                    properties: [
                        "selector": .labelSelector("Label selector of the broker pods, in the same namespace."),
                        "nodeNameTemplate": .string("EMQX node name of a pod, with the placeholders {pod}, {service}, {namespace} and {podIP}, e.g. emqx@{pod}.{service}.{namespace}.svc.cluster.local. When absent, /api/v5/nodes entries are matched to pods by pod name or pod IP.", maxLength: 512),
                    ]
                ),
                "drain": .object(
                    "Drain protection: broker pods are evacuated before they go away. A PodDisruptionBudget owned by the BrokerCluster (maxUnavailable 0 over the label rebalance.brokers.dev/drain-guard) holds evictions (kubectl drain, autoscalers) until the pod is evacuated; a cordoned node, or one tainted with one of nodeTaints, has its broker pods evacuated; pods being deleted (rolling updates, scale-down, kubectl delete pod) are evacuated at once (pair with the preStop hook in the README).",
                    properties: [
                        "enabled": .boolean("Whether the operator guards broker pods with a PodDisruptionBudget and evacuates them before they go.", default: true),
                        "connEvictRate": .connEvictRate("from a drained node"),
                        "sessEvictRate": .sessEvictRate("from a drained node"),
                        "waitHealthCheckSeconds": .waitHealthCheckSeconds,
                        "waitTakeoverSeconds": .waitTakeoverSeconds,
                        "nodeTaints": .array(
                            "Taint keys that mark a Kubernetes node for removal by an autoscaler: its broker pods are evacuated as on a cordon. Default: the cluster autoscaler's ToBeDeletedByClusterAutoscaler and Karpenter's karpenter.sh/disrupted.",
                            items: .string("A taint key.", minLength: 1, maxLength: 317),
                            maxItems: 64,
                            listType: "set",
                            default: DrainGuard.defaultNodeTaints.map { .string($0) }
                        ),
                    ],
                    defaultsToEmpty: true
                ),
                "autoRebalance": .object(
                    "Rebalancing after scale-up: when new broker nodes join and the load is out of balance, the operator creates a ClusterRebalance. Not acted on yet by this version: enabling it sets the condition Automation=False (NotImplemented).",
                    properties: [
                        "enabled": .boolean("Whether the operator rebalances by itself after new broker nodes join.", default: true),
                        "stabilizationSeconds": .integer("Seconds the cluster's membership must stay unchanged before a rebalance starts.", default: 60, minimum: 0, maximum: 86_400),
                        "cooldownSeconds": .integer("Minimum seconds between the end of one automatic rebalance and the start of the next.", default: 600, minimum: 0, maximum: 604_800),
                        "historyLimit": .integer("How many finished automatic ClusterRebalances to keep.", default: 5, minimum: 0, maximum: 100, format: "int32"),
                        "absConnThreshold": .absConnThreshold,
                        "relConnThreshold": .relConnThreshold,
                        "absSessThreshold": .absSessThreshold,
                        "relSessThreshold": .relSessThreshold,
                    ],
                    defaultsToEmpty: true
                ),
                "minAvailableNodes": .integer("Evacuations are refused (InsufficientCapacity) when they would leave fewer broker nodes than this accepting connections.", default: 1, minimum: 1, maximum: 1000, format: "int32"),
            ],
            required: ["api"]
        )
    }

    public struct Status: Codable, Sendable, Hashable {
        public var observedGeneration: Int64?
        public var conditions: [Condition]?
        public var emqxVersion: String?
        /// False when the EMQX API answers 404 on `load_rebalance` (the feature is absent).
        public var rebalanceAvailable: Bool?
        public var nodes: [Node]?
        /// Most loaded node's connections divided by the mean.
        public var balance: Double?
        public var pendingStops: [PendingStop]?

        public init() {}

        public struct Node: Codable, Sendable, Hashable {
            public var name: String
            public var pod: String?
            public var k8sNode: String?
            public var status: String?
            /// EMQX `live_connections`.
            public var connections: Int64?
            /// EMQX `connections` (every channel, including disconnected persistent sessions).
            public var sessions: Int64?
            public var evacuating: Bool?
            public var rebalancing: Bool?

            public init(name: String) { self.name = name }
        }

        public struct PendingStop: Codable, Sendable, Hashable {
            public var brokerNode: String
            public var evacuation: String
            public var since: Timestamp?
            public var lastError: String?

            public init(brokerNode: String, evacuation: String, since: Timestamp? = nil, lastError: String? = nil) {
                self.brokerNode = brokerNode
                self.evacuation = evacuation
                self.since = since
                self.lastError = lastError
            }
        }

        static let schema = Schema.object(
            "What the operator observed of the EMQX cluster.",
            properties: [
                "observedGeneration": .integer("The metadata.generation this status describes.", minimum: 0),
                "conditions": .conditions(ConditionType.schemaDescription(types: ConditionType.brokerCluster, reasons: ConditionReason.brokerCluster)),
                "emqxVersion": .string("EMQX version reported by /api/v5/nodes."),
                "rebalanceAvailable": .boolean("Whether EMQX serves /api/v5/load_rebalance (false: the feature is absent, e.g. the open-source edition)."),
                "nodes": .array(
                    "Every EMQX node of the cluster.",
                    items: .object(
                        "One EMQX node.",
                        properties: [
                            "name": .string("EMQX node name."),
                            "pod": .string("The broker pod running this node, when known."),
                            "k8sNode": .string("The Kubernetes node the pod runs on, when known."),
                            "status": .string("EMQX node_status: running or stopped."),
                            "connections": .integer("Connected clients (EMQX live_connections).", minimum: 0),
                            "sessions": .integer("Sessions held, including disconnected persistent ones (EMQX connections).", minimum: 0),
                            "evacuating": .boolean("Whether an evacuation runs on this node."),
                            "rebalancing": .boolean("Whether this node takes part in a running rebalance."),
                        ],
                        required: ["name"]
                    ),
                    maxItems: 1000,
                    listType: "map",
                    mapKeys: ["name"]
                ),
                "balance": .number("Most loaded node's connections divided by the mean over running nodes (1.0 is perfectly even).", minimum: 0),
                "pendingStops": .array(
                    "Evacuation stops still owed to EMQX because it was unreachable when their NodeEvacuation went away; retried until EMQX confirms.",
                    items: .object(
                        "An evacuation stop still owed.",
                        properties: [
                            "brokerNode": .string("EMQX node whose evacuation must be stopped."),
                            "evacuation": .string("Name of the NodeEvacuation that was deleted."),
                            "since": .dateTime("When the stop was handed over."),
                            "lastError": .string("Why the last attempt failed."),
                        ],
                        required: ["brokerNode", "evacuation"]
                    ),
                    maxItems: 1000,
                    listType: "atomic"
                ),
            ]
        )
    }
}

/// `metav1.LabelSelector`, as the Kubernetes client declares it (matching included).
public typealias LabelSelector = KubeLabelSelector
