import Foundation

/// Matches EMQX node names to broker Pods.
///
/// With a `nodeNameTemplate` (`emqx@{pod}.{service}.{namespace}.svc.cluster.local`) a pod's node name is computed;
/// without one, a node `name@host` matches the pod whose name is the host or its first DNS label, or whose IP is
/// the host. A node that matches no pod, or more than one, maps to none: the operator never guesses.
public struct BrokerNodeMapping: Sendable, Hashable {
    public var template: String?

    public init(template: String?) {
        self.template = template
    }

    /// The EMQX node name the template gives for a pod; `nil` without a template.
    public func nodeName(for pod: BrokerPod) -> String? {
        guard let template, !template.isEmpty else { return nil }
        return template
            .replacingOccurrences(of: "{pod}", with: pod.name)
            .replacingOccurrences(of: "{service}", with: pod.subdomain ?? "")
            .replacingOccurrences(of: "{namespace}", with: pod.namespace)
    }

    /// The pod an EMQX node runs in, if exactly one matches.
    public func pod(forNode node: String, among pods: [BrokerPod]) -> BrokerPod? {
        let found = pods.filter { matches(node: node, pod: $0) }
        return found.count == 1 ? found[0] : nil
    }

    /// The EMQX node of a pod, if exactly one of `nodes` matches.
    public func node(forPod pod: BrokerPod, among nodes: [String]) -> String? {
        let found = nodes.filter { matches(node: $0, pod: pod) }
        return found.count == 1 ? found[0] : nil
    }

    func matches(node: String, pod: BrokerPod) -> Bool {
        if let expected = nodeName(for: pod) { return node == expected }
        guard let at = node.firstIndex(of: "@") else { return false }
        let host = node[node.index(after: at)...]
        if let podIP = pod.podIP, host == podIP { return true }
        let firstLabel = host.split(separator: ".", maxSplits: 1).first.map(String.init) ?? String(host)
        return firstLabel == pod.name
    }
}
