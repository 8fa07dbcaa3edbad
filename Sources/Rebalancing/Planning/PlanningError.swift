/// Why a plan could not be made. The reconciler reports it as `Ready=False` with the case as reason and takes no
/// action.
public enum PlanningError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A spec field EMQX would refuse (checked by the reconciler because the schema cannot).
    case invalidSpec(field: String, message: String)
    /// `spec.nodes` names nodes EMQX does not list.
    case unknownNodes([String])
    /// No node is available to take part or coordinate (every node is down or busy).
    case noCoordinator

    public var reason: ConditionReason {
        switch self {
        case .invalidSpec: .invalidSpec
        case .unknownNodes: .unknownNodes
        case .noCoordinator: .noCoordinator
        }
    }

    public var description: String {
        switch self {
        case .invalidSpec(let field, let message): "\(field) \(message)"
        case .unknownNodes(let nodes): "EMQX does not know the nodes \(nodes.joined(separator: ", "))"
        case .noCoordinator: "no available node can coordinate the rebalance"
        }
    }
}
