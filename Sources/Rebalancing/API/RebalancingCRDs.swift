import KubeClient

/// The CustomResourceDefinitions of this project, generated from the schemas of the three kinds.
///
/// `crds/` holds these rendered as YAML (one file per kind, written by `rebalance-operator crds --output-dir crds`);
/// a test checks that the files match.
public enum RebalancingCRDs {
    public static let all: [CustomResourceDefinitionBuilder] = [
        BrokerCluster.definition,
        NodeEvacuation.definition,
        ClusterRebalance.definition,
    ]

    /// The file name of a kind's CRD in `crds/`, e.g. `rebalance.brokers.dev_nodeevacuations.yaml`.
    public static func fileName(of definition: CustomResourceDefinitionBuilder) -> String {
        "\(RebalancingAPI.group)_\(definition.plural).yaml"
    }
}
