/// One EMQX node a NodeEvacuation evacuates, with the pod it runs in when known.
public struct EvacuationTarget: Sendable, Hashable {
    public var brokerNode: String
    public var pod: BrokerPod?

    public init(brokerNode: String, pod: BrokerPod?) {
        self.brokerNode = brokerNode
        self.pod = pod
    }

    /// Why a target could not be resolved; the message tells the user what to fix.
    public enum ResolutionError: Error, Hashable, CustomStringConvertible {
        case podNotFound(String)
        case podHasNoBrokerNode(pod: String)
        case brokerNodeUnknown(String)

        public var reason: ConditionReason {
            switch self {
            case .podNotFound: .podNotFound
            case .podHasNoBrokerNode: .brokerNodeNotFound
            case .brokerNodeUnknown: .brokerNodeNotFound
            }
        }

        public var description: String {
            switch self {
            case let .podNotFound(name):
                "pod \(name) is not a broker pod of this cluster (it does not exist or the BrokerCluster's spec.pods.selector does not select it)"
            case let .podHasNoBrokerNode(pod):
                "no EMQX node of /api/v5/nodes matches pod \(pod); set spec.pods.nodeNameTemplate on the BrokerCluster"
            case let .brokerNodeUnknown(name):
                "EMQX does not know the node \(name) (not in /api/v5/nodes)"
            }
        }
    }

    /// Resolves a spec's target against the cluster's broker pods and the node names EMQX reports.
    ///
    /// A `node` target with no broker pods on it resolves to no targets: there is nothing to evacuate there.
    public static func resolve(
        _ target: NodeEvacuation.Spec.Target,
        pods: [BrokerPod],
        brokerNodes: [String],
        mapping: BrokerNodeMapping
    ) -> Result<[EvacuationTarget], ResolutionError> {
        if let name = target.pod {
            guard let pod = pods.first(where: { $0.name == name }) else { return .failure(.podNotFound(name)) }
            guard let node = mapping.node(forPod: pod, among: brokerNodes) else { return .failure(.podHasNoBrokerNode(pod: name)) }
            return .success([EvacuationTarget(brokerNode: node, pod: pod)])
        }
        if let node = target.brokerNode {
            guard brokerNodes.contains(node) else { return .failure(.brokerNodeUnknown(node)) }
            return .success([EvacuationTarget(brokerNode: node, pod: mapping.pod(forNode: node, among: pods))])
        }
        if let kubernetesNode = target.node {
            var targets: [EvacuationTarget] = []
            for pod in pods.filter({ $0.nodeName == kubernetesNode }).sorted(by: { $0.name < $1.name }) {
                guard let node = mapping.node(forPod: pod, among: brokerNodes) else { return .failure(.podHasNoBrokerNode(pod: pod.name)) }
                targets.append(EvacuationTarget(brokerNode: node, pod: pod))
            }
            return .success(targets)
        }
        return .success([])
    }
}
