/// Every reason a condition of the three kinds can carry, with its wire string and what it tells a user.
///
/// Listed once: the deciders set only these, the CRDs' `status.conditions` descriptions and the README's table of
/// reasons are generated from ``allCases`` and ``meaning`` (a test keeps the README in step).
public enum ConditionReason: String, CaseIterable, Sendable, Hashable {
    // BrokerCluster
    case ready = "Ready"
    case reachable = "Reachable"
    case unreachable = "Unreachable"
    case unauthorized = "Unauthorized"
    case rebalanceUnavailable = "RebalanceUnavailable"
    case notImplemented = "NotImplemented"
    case credentialsNotFound = "CredentialsNotFound"
    case caNotFound = "CANotFound"
    case invalidAPI = "InvalidAPI"
    case notEMQX = "NotEMQX"
    case guarded = "Guarded"
    case draining = "Draining"
    case budgetConflict = "BudgetConflict"
    case clusterRemoval = "ClusterRemoval"
    case gracePeriodSufficient = "GracePeriodSufficient"
    case gracePeriodTooShort = "GracePeriodTooShort"
    // Shared by NodeEvacuation and ClusterRebalance
    case clusterNotFound = "ClusterNotFound"
    case brokerUnreachable = "BrokerUnreachable"
    case invalidSpec = "InvalidSpec"
    case conflict = "Conflict"
    case startRejected = "StartRejected"
    case deadlineExceeded = "DeadlineExceeded"
    // NodeEvacuation
    case podNotFound = "PodNotFound"
    case nodeNotFound = "NodeNotFound"
    case brokerNodeNotFound = "BrokerNodeNotFound"
    case brokerNodeNotRunning = "BrokerNodeNotRunning"
    case rebalanceInProgress = "RebalanceInProgress"
    case insufficientCapacity = "InsufficientCapacity"
    case podReplaced = "PodReplaced"
    case pending = "Pending"
    case waitingHealthCheck = "WaitingHealthCheck"
    case evictingConnections = "EvictingConnections"
    case waitingTakeover = "WaitingTakeover"
    case evictingSessions = "EvictingSessions"
    case evacuated = "Evacuated"
    // ClusterRebalance
    case unknownNodes = "UnknownNodes"
    case noCoordinator = "NoCoordinator"
    case notEnoughNodes = "NotEnoughNodes"
    case specChangeIgnored = "SpecChangeIgnored"
    case planned = "Planned"
    case rebalancing = "Rebalancing"
    case interrupted = "Interrupted"
    case completed = "Completed"
    case balanced = "Balanced"
    case alreadyBalanced = "AlreadyBalanced"
    case notBalanced = "NotBalanced"
    case retriesExhausted = "RetriesExhausted"
    case stopped = "Stopped"

    /// The reasons a BrokerCluster's conditions carry.
    public static let brokerCluster: [ConditionReason] = [
        .ready, .reachable, .unreachable, .unauthorized, .rebalanceUnavailable, .notImplemented, .credentialsNotFound, .caNotFound, .invalidAPI, .notEMQX,
        .guarded, .draining, .insufficientCapacity, .budgetConflict, .clusterRemoval, .gracePeriodSufficient, .gracePeriodTooShort,
    ]
    /// The reasons a NodeEvacuation's conditions carry.
    public static let nodeEvacuation: [ConditionReason] = [
        .pending, .waitingHealthCheck, .evictingConnections, .waitingTakeover, .evictingSessions, .evacuated, .clusterNotFound, .brokerUnreachable,
        .podNotFound, .nodeNotFound, .brokerNodeNotFound, .brokerNodeNotRunning, .invalidSpec, .conflict, .rebalanceInProgress, .insufficientCapacity, .startRejected,
        .deadlineExceeded, .podReplaced,
    ]
    /// The reasons a ClusterRebalance's conditions carry.
    public static let clusterRebalance: [ConditionReason] = [
        .planned, .rebalancing, .interrupted, .completed, .balanced, .alreadyBalanced, .notBalanced, .retriesExhausted, .stopped, .clusterNotFound,
        .brokerUnreachable, .invalidSpec, .unknownNodes, .noCoordinator, .notEnoughNodes, .conflict, .startRejected, .deadlineExceeded, .specChangeIgnored,
    ]

    /// What the reason tells a user, one line.
    public var meaning: String {
        switch self {
        case .ready: "the EMQX API answers and load_rebalance is available"
        case .reachable: "the EMQX API answered"
        case .unreachable: "the EMQX API did not answer; retried"
        case .unauthorized: "EMQX refused the API key (401/403); fix the credentials Secret"
        case .rebalanceUnavailable: "EMQX answers 404 on load_rebalance: evacuation and rebalance are not available in it"
        case .notImplemented: "the spec asks for automation this version does not carry out"
        case .credentialsNotFound: "spec.api.credentialsSecret is unset, missing, or lacks the keys `key` and `secret`"
        case .caNotFound: "spec.api.caSecret is missing or has no `ca.crt`"
        case .invalidAPI: "spec.api cannot be used (URL, CA or TLS settings)"
        case .notEMQX: "spec.api.url does not answer as an EMQX 5 API"
        case .guarded: "drain protection: the broker pods are guarded by the cluster's PodDisruptionBudget"
        case .draining: "drain protection: broker pods are being evacuated before they go, or were evacuated and released"
        case .budgetConflict: "another PodDisruptionBudget selects the broker pods; the operator adds none (see the README)"
        case .clusterRemoval: "the whole cluster is going away: nothing is evacuated or guarded"
        case .gracePeriodSufficient: "every broker pod's grace period covers its evacuation"
        case .gracePeriodTooShort: "a broker pod's terminationGracePeriodSeconds is shorter than its evacuation; the message gives the figure"
        case .clusterNotFound: "spec.clusterRef names no BrokerCluster in this namespace"
        case .brokerUnreachable: "the EMQX API did not answer; transient, retried"
        case .invalidSpec: "a rule that spans fields or needs the broker's view is broken; nothing was sent to EMQX"
        case .conflict: "another operation holds a node (EMQX: eviction_agent_busy); waiting for it"
        case .startRejected: "EMQX rejected the start request"
        case .deadlineExceeded: "spec.deadlineSeconds passed; the EMQX side was stopped"
        case .podNotFound: "the target pod is not a broker pod of the cluster"
        case .nodeNotFound: "the target Kubernetes node does not exist"
        case .brokerNodeNotFound: "no EMQX node matches the target"
        case .brokerNodeNotRunning: "the target EMQX node is not running; waiting for it"
        case .rebalanceInProgress: "the target node takes part in a running rebalance; waiting for it to end"
        case .insufficientCapacity: "evacuating would leave fewer than minAvailableNodes nodes accepting clients; waiting (a drain stays held)"
        case .podReplaced: "the target pod was replaced since the evacuation started"
        case .pending: "nothing started yet"
        case .waitingHealthCheck: "the node refuses new clients; load balancers are given time to notice"
        case .evictingConnections: "connections are being evicted"
        case .waitingTakeover: "evicted clients are given time to take their sessions over"
        case .evictingSessions: "the remaining sessions are being migrated"
        case .evacuated: "no connections and no sessions left on the target"
        case .unknownNodes: "spec.nodes names nodes EMQX does not list"
        case .noCoordinator: "no available node can coordinate the rebalance"
        case .notEnoughNodes: "fewer than two nodes are available to take part"
        case .specChangeIgnored: "the spec changed after the start; only dryRun true → false is honoured"
        case .planned: "dryRun: the plan is published; set dryRun to false to proceed"
        case .rebalancing: "an EMQX rebalance runs"
        case .interrupted: "an attempt ended early (a participant went down or restarted); retrying"
        case .completed: "finished"
        case .balanced: "EMQX's balance test holds over the participants"
        case .alreadyBalanced: "the cluster already passed EMQX's balance test; nothing moved"
        case .notBalanced: "EMQX finished a run but the balance test still fails"
        case .retriesExhausted: "still not balanced after retry.limit attempts"
        case .stopped: "the EMQX side was stopped outside the operator"
        }
    }
}
