/// The condition types the three kinds report, with their wire strings.
public enum ConditionType: String, CaseIterable, Sendable, Hashable {
    /// The summary `kubectl wait --for=condition=Ready` waits on.
    case ready = "Ready"
    /// NodeEvacuation and ClusterRebalance: work is under way.
    case progressing = "Progressing"
    /// BrokerCluster: whether the EMQX API answered.
    case reachable = "Reachable"
    /// NodeEvacuation: the target pod was replaced (a new UID) since the evacuation started.
    case targetReplaced = "TargetReplaced"
    /// ClusterRebalance: the spec changed after the start and the change is ignored.
    case specChangeIgnored = "SpecChangeIgnored"
    /// BrokerCluster: automation the spec asks for and its state.
    case automation = "Automation"
    /// Drain protection (`spec.drain`): guarded, draining, blocked or not possible.
    case drain = "Drain"
    /// Whether the broker pods' grace periods cover their evacuations.
    case gracePeriod = "GracePeriod"

    /// What the condition says, one line.
    public var meaning: String {
        switch self {
        case .ready: "the summary: True once the resource's goal holds"
        case .progressing: "True while work is under way"
        case .reachable: "whether the EMQX API answers"
        case .targetReplaced: "the target pod was replaced since the evacuation started"
        case .specChangeIgnored: "the spec was edited after the start; the edit is ignored"
        case .automation: "automation the spec asks for that this version does not carry out"
        case .drain: "drain protection: whether broker pods are guarded and what is being evacuated before removal"
        case .gracePeriod: "whether each broker pod's terminationGracePeriodSeconds covers its evacuation"
        }
    }

    /// The condition types of each kind.
    public static let brokerCluster: [ConditionType] = [.ready, .reachable, .drain, .gracePeriod, .automation]
    public static let nodeEvacuation: [ConditionType] = [.ready, .progressing, .targetReplaced]
    public static let clusterRebalance: [ConditionType] = [.ready, .progressing, .specChangeIgnored]

    /// The `status.conditions` description of a kind: its types and every reason, from this vocabulary.
    public static func schemaDescription(types: [ConditionType], reasons: [ConditionReason]) -> String {
        let typeText = types.map { "\($0.rawValue) (\($0.meaning))" }.joined(separator: "; ")
        return "Conditions: \(typeText). Reasons: \(reasons.map(\.rawValue).joined(separator: ", "))."
    }
}
