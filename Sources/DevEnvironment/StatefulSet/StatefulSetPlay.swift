/// The StatefulSet controller and scheduler that the `dev` environment plays, as a pure function.
///
/// Guarantees, as Kubernetes gives them: pods are named `<set>-<ordinal>` for ordinals `0..<replicas`; with
/// `OrderedReady` a pod is created only when every lower ordinal is Running and Ready, and scale-down removes the
/// highest ordinal first, one at a time; with `Parallel` all at once; a terminating pod is waited for before its
/// name is reused; a pod is placed on a schedulable (uncordoned, Ready) node with the fewest pods of the set, and
/// stays Pending while no node can take it. A rolling update (`RollingUpdate`, partition 0, as `kubectl rollout
/// restart` starts one) replaces pods of an older revision one at a time, highest ordinal first, each once every pod
/// of the set is Ready, whatever the pod management policy.
public enum StatefulSetPlay {
    public enum PodManagementPolicy: String, Sendable, Hashable {
        case orderedReady = "OrderedReady"
        case parallel = "Parallel"
    }

    public struct SetView: Sendable, Hashable {
        public var name: String
        public var replicas: Int
        public var policy: PodManagementPolicy
        /// The revision of the current pod template; `nil`: no rolling update.
        public var updateRevision: String?

        public init(name: String, replicas: Int, policy: PodManagementPolicy = .orderedReady, updateRevision: String? = nil) {
            self.name = name
            self.replicas = replicas
            self.policy = policy
            self.updateRevision = updateRevision
        }
    }

    public struct PodView: Sendable, Hashable {
        public var name: String
        public var nodeName: String?
        public var isReady: Bool
        public var isTerminating: Bool
        /// The template revision the pod was created from (its `controller-revision-hash` label).
        public var revision: String?

        public init(name: String, nodeName: String?, isReady: Bool, isTerminating: Bool = false, revision: String? = nil) {
            self.name = name
            self.nodeName = nodeName
            self.isReady = isReady
            self.isTerminating = isTerminating
            self.revision = revision
        }
    }

    public struct NodeView: Sendable, Hashable {
        public var name: String
        public var isSchedulable: Bool

        public init(name: String, isSchedulable: Bool) {
            self.name = name
            self.isSchedulable = isSchedulable
        }
    }

    public enum Action: Sendable, Hashable {
        /// Create the pod, bound to a node (or unbound: Pending).
        case create(pod: String, ordinal: Int, nodeName: String?)
        /// Bind a Pending pod to a node.
        case bind(pod: String, nodeName: String)
        case delete(pod: String)
    }

    /// The ordinal of a pod of the set, from its name; `nil` for a name that is not `<set>-<n>`.
    public static func ordinal(of pod: String, in set: String) -> Int? {
        let prefix = set + "-"
        guard pod.hasPrefix(prefix), let ordinal = Int(pod.dropFirst(prefix.count)), ordinal >= 0, String(ordinal) == pod.dropFirst(prefix.count) else { return nil }
        return ordinal
    }

    public static func decide(set: SetView, pods: [PodView], nodes: [NodeView]) -> [Action] {
        let owned = pods.compactMap { pod in ordinal(of: pod.name, in: set.name).map { (ordinal: $0, pod: pod) } }.sorted { $0.ordinal < $1.ordinal }
        var byOrdinal: [Int: PodView] = [:]
        for entry in owned { byOrdinal[entry.ordinal] = entry.pod }
        var placed: [String: Int] = [:]
        for entry in owned where !entry.pod.isTerminating {
            if let node = entry.pod.nodeName { placed[node, default: 0] += 1 }
        }
        let schedulable = nodes.filter(\.isSchedulable).map(\.name).sorted()
        func pickNode() -> String? {
            let choice = schedulable.min { (placed[$0] ?? 0, $0) < (placed[$1] ?? 0, $1) }
            if let choice { placed[choice, default: 0] += 1 }
            return choice
        }

        var actions: [Action] = []
        // Scale down: highest ordinal first.
        let surplus = owned.filter { $0.ordinal >= set.replicas && !$0.pod.isTerminating }.sorted { $0.ordinal > $1.ordinal }
        if let highest = surplus.first {
            let deletions = set.policy == .parallel ? surplus : [highest]
            let anyTerminating = owned.contains { $0.ordinal >= set.replicas && $0.pod.isTerminating }
            if set.policy == .parallel || !anyTerminating {
                actions += deletions.map { .delete(pod: $0.pod.name) }
            }
        }
        // Rolling update: one outdated pod at a time, highest ordinal first, once the whole set is Ready.
        if let revision = set.updateRevision, actions.isEmpty {
            let current = owned.filter { $0.ordinal < set.replicas }
            let settled = current.count == set.replicas && current.allSatisfy { $0.pod.isReady && !$0.pod.isTerminating }
            if settled, let outdated = current.filter({ $0.pod.revision != revision }).max(by: { $0.ordinal < $1.ordinal }) {
                actions.append(.delete(pod: outdated.pod.name))
            }
        }
        // Bind pending pods.
        for entry in owned where entry.ordinal < set.replicas && entry.pod.nodeName == nil && !entry.pod.isTerminating {
            if let node = pickNode() { actions.append(.bind(pod: entry.pod.name, nodeName: node)) }
        }
        // Create missing pods.
        for ordinal in 0..<max(0, set.replicas) where byOrdinal[ordinal] == nil {
            if set.policy == .orderedReady {
                let predecessorsReady = (0..<ordinal).allSatisfy { byOrdinal[$0].map { $0.isReady && !$0.isTerminating } ?? false }
                guard predecessorsReady else { break }
            }
            actions.append(.create(pod: "\(set.name)-\(ordinal)", ordinal: ordinal, nodeName: pickNode()))
            if set.policy == .orderedReady { break }
        }
        return actions
    }
}
