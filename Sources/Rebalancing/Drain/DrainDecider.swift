import Foundation
import KubeClient

/// Drain protection's decisions for one BrokerCluster (`spec.drain`), as a pure function of the Kubernetes objects
/// around its broker pods.
///
/// Guarantees, for any input:
/// - While drain protection is on, every broker pod that is not released carries the guard label, and one
///   PodDisruptionBudget owned by the cluster selects them with `maxUnavailable: 0`, so evictions wait (429). A pod
///   is released (label lifted) only once a NodeEvacuation reports it `Evacuated`, for the same pod uid.
/// - A Kubernetes node that is cordoned or carries one of `spec.drain.nodeTaints` gets one NodeEvacuation for all the
///   broker pods on it (target `node`); a pod being deleted, or above its StatefulSet's replicas, gets one for itself
///   (target `pod`); migrated sessions go only to brokers that stay (`migrateTo`), never from one leaving pod onto
///   another. A pod some NodeEvacuation already covers gets no second one.
/// - Uncordoning (or the taint going) before the eviction deletes the node's evacuation, which stops it, and the
///   guard stays. A pod that came back (same name, new uid) gets its leave evacuation deleted, which stops the stale
///   evacuation its broker may have persisted, and its guard label back once Ready.
/// - When the whole cluster goes (StatefulSet scaled to zero or deleted, BrokerCluster deleted, every broker pod
///   terminating) nothing is evacuated and nothing guarded: there is nowhere to move clients to.
/// - A PodDisruptionBudget of someone else that selects broker pods means no second budget (the eviction API refuses,
///   with 500, pods that two budgets select); the `Drain` condition says so and how to resolve it.
/// - Turning drain protection off removes the budget, the labels and the operator's drain evacuations.
/// - A broker pod whose `terminationGracePeriodSeconds` is shorter than its evacuation would take
///   (``EvacuationDuration``) is reported, with the figure it needs (`GracePeriod=False`, `GracePeriodTooShort`).
public enum DrainDecider {
    public struct Input: Sendable {
        public var cluster: BrokerCluster
        /// The cluster's broker pods (selected by `spec.pods.selector`).
        public var pods: [Pod]
        public var nodes: [KubeNode]
        /// The PodDisruptionBudgets of the cluster's namespace.
        public var budgets: [PodDisruptionBudget]
        /// The StatefulSets of the cluster's namespace.
        public var statefulSets: [StatefulSet]
        /// The NodeEvacuations of the cluster (`spec.clusterRef`), the operator's and the users'.
        public var evacuations: [NodeEvacuation]
        /// EMQX's node names, when the broker was read (for `migrateTo`); empty otherwise.
        public var brokerNodes: [String]
        /// The EMQX nodes that run, per the same reading.
        public var runningBrokerNodes: Set<String>
        /// Each EMQX node's connections and sessions, per the same reading (for the grace-period check).
        public var loads: [String: NodeLoad]

        public init(
            cluster: BrokerCluster, pods: [Pod], nodes: [KubeNode], budgets: [PodDisruptionBudget], statefulSets: [StatefulSet], evacuations: [NodeEvacuation],
            brokerNodes: [String], runningBrokerNodes: Set<String>, loads: [String: NodeLoad] = [:]
        ) {
            self.runningBrokerNodes = runningBrokerNodes
            self.loads = loads
            self.cluster = cluster
            self.pods = pods
            self.nodes = nodes
            self.budgets = budgets
            self.statefulSets = statefulSets
            self.evacuations = evacuations
            self.brokerNodes = brokerNodes
        }
    }

    public enum Action: Sendable, Hashable {
        /// Create or update the guard budget to this.
        case putBudget(PodDisruptionBudget)
        case deleteBudget(name: String)
        /// Set (`true`) or lift (`false`) the guard label on a pod.
        case guardPod(String, Bool)
        case createEvacuation(NodeEvacuation)
        case deleteEvacuation(name: String)
    }

    /// What the `Drain` condition of the BrokerCluster says; `nil` when drain protection is off.
    public struct Summary: Sendable, Hashable {
        public var status: Condition.Status
        public var reason: ConditionReason
        public var message: String
    }

    public struct Decision: Sendable, Hashable {
        public var actions: [Action]
        public var summary: Summary?
        /// Whether the broker pods' grace periods cover their evacuations; `nil` when not known or not relevant.
        public var gracePeriod: Summary? = nil
    }

    public static func decide(_ input: Input) -> Decision {
        let cluster = input.cluster
        let name = cluster.metadata.name ?? ""
        let ours = input.evacuations.filter { isOurs($0, cluster: cluster) }
        let ourBudget = input.budgets.first { $0.metadata.name == DrainGuard.budgetName(cluster: name) && DrainGuard.isOwned($0.metadata, by: cluster) }

        /// Everything undone: no budget, no labels, none of our evacuations.
        func standDown(_ summary: Summary?) -> Decision {
            var actions: [Action] = []
            if let ourBudget { actions.append(.deleteBudget(name: ourBudget.metadata.name ?? "")) }
            actions += liftedGuards(input.pods)
            actions += ours.filter { $0.metadata.deletionTimestamp == nil }.compactMap { $0.metadata.name }.sorted().map { .deleteEvacuation(name: $0) }
            return Decision(actions: actions, summary: summary)
        }

        guard cluster.spec.drain?.enabled ?? true else { return standDown(nil) }
        if let removal = wholeClusterRemoval(input) {
            return standDown(Summary(status: .true, reason: .clusterRemoval, message: "\(removal): there is nowhere to move clients to, so nothing is evacuated or guarded"))
        }

        let world = World(input)
        var actions: [Action] = []

        // Evacuations: what is wanted, what exists.
        let wanted = world.wantedEvacuations()
        let wantedNames = Set(wanted.compactMap(\.metadata.name))
        let existing = Set(input.evacuations.compactMap(\.metadata.name))
        for evacuation in wanted.sorted(by: { ($0.metadata.name ?? "") < ($1.metadata.name ?? "") }) where !existing.contains(evacuation.metadata.name ?? "") {
            actions.append(.createEvacuation(evacuation))
        }
        for evacuation in ours where evacuation.metadata.deletionTimestamp == nil && !wantedNames.contains(evacuation.metadata.name ?? "") && !world.isAwaitingReturn(evacuation) {
            actions.append(.deleteEvacuation(name: evacuation.metadata.name ?? ""))
        }

        // The guard: a budget of someone else over the brokers means none of ours.
        let foreign = input.budgets.filter { budget in
            budget.metadata.name != ourBudget?.metadata.name && budget.metadata.deletionTimestamp == nil
                && input.pods.contains { pod in selects(budget, pod) }
        }
        if let conflict = foreign.first {
            let conflictName = conflict.metadata.name ?? ""
            if let ourBudget { actions.append(.deleteBudget(name: ourBudget.metadata.name ?? "")) }
            actions += liftedGuards(input.pods)
            let message = "PodDisruptionBudget \(conflictName) already selects broker pods, and the eviction API refuses pods that two budgets select, so the operator adds no guard of its own: evictions are not held back until the pods are evacuated. Delete \(conflictName) or narrow its selector to leave the broker pods out; evacuations on cordon, taint and pod deletion still run"
            return Decision(actions: actions, summary: Summary(status: .false, reason: .budgetConflict, message: message))
        }

        let desired = DrainGuard.budget(for: cluster)
        if ourBudget?.spec != desired.spec || ourBudget?.metadata.ownerReferences != desired.metadata.ownerReferences {
            actions.append(.putBudget(desired))
        }
        var released: [String] = []
        for pod in input.pods.sorted(by: { ($0.metadata.name ?? "") < ($1.metadata.name ?? "") }) {
            guard let podName = pod.metadata.name, pod.metadata.deletionTimestamp == nil else { continue }
            let labelled = pod.metadata.labels?[DrainGuard.guardLabel] == name
            if world.isReleased(pod) {
                released.append(podName)
                if pod.metadata.labels?[DrainGuard.guardLabel] != nil { actions.append(.guardPod(podName, false)) }
            } else if !labelled && pod.isReady {
                actions.append(.guardPod(podName, true))
            }
        }
        return Decision(actions: actions, summary: world.summary(released: released), gracePeriod: gracePeriodCheck(input))
    }

    /// Whether each broker pod's `terminationGracePeriodSeconds` (default 30) covers its evacuation
    /// (``EvacuationDuration``), with the figure a pod needs when it does not.
    static func gracePeriodCheck(_ input: Input) -> Summary? {
        guard !input.loads.isEmpty else { return nil }
        let mapping = BrokerNodeMapping(template: input.cluster.spec.pods?.nodeNameTemplate)
        var short: [String] = []
        var longest: (pod: String, needed: Int64, grace: Int64)?
        for pod in input.pods.sorted(by: { ($0.metadata.name ?? "") < ($1.metadata.name ?? "") }) where pod.metadata.deletionTimestamp == nil {
            guard let name = pod.metadata.name, let node = mapping.node(forPod: BrokerPod(pod), among: input.brokerNodes), let load = input.loads[node] else { continue }
            let duration = EvacuationDuration(connections: load.connections, sessions: load.sessions, drain: input.cluster.spec.drain)
            let grace = pod.spec?.terminationGracePeriodSeconds ?? 30
            if duration.seconds > grace {
                short.append("pod \(name): terminationGracePeriodSeconds \(grace) is shorter than its evacuation (\(duration)); set it to at least \(duration.seconds + 10), and the preStop hook's --timeout between the two")
            }
            if duration.seconds > longest?.needed ?? -1 { longest = (name, duration.seconds, grace) }
        }
        if !short.isEmpty {
            let shown = short.prefix(3).joined(separator: "; ") + (short.count > 3 ? "; and \(short.count - 3) more" : "")
            return Summary(status: .false, reason: .gracePeriodTooShort, message: "a broker pod deleted directly (rolling update, scale-down) would stop before its evacuation ends: \(shown)")
        }
        guard let longest else { return nil }
        return Summary(status: .true, reason: .gracePeriodSufficient, message: "every broker pod's terminationGracePeriodSeconds covers its evacuation (longest: about \(longest.needed) s for \(longest.pod), grace \(longest.grace) s)")
    }

    /// Lifts the guard label from every pod that carries it (pods being deleted are left as they are).
    static func liftedGuards(_ pods: [Pod]) -> [Action] {
        pods.filter { $0.metadata.labels?[DrainGuard.guardLabel] != nil && $0.metadata.deletionTimestamp == nil }.compactMap(\.metadata.name).sorted().map { .guardPod($0, false) }
    }

    /// Whether `evacuation` was created by the operator for `cluster`'s drain protection.
    static func isOurs(_ evacuation: NodeEvacuation, cluster: BrokerCluster) -> Bool {
        evacuation.metadata.labels?[DrainGuard.clusterLabel] == cluster.metadata.name
            && evacuation.metadata.labels?[DrainGuard.reasonLabel].flatMap(DrainGuard.Reason.init(rawValue:)) != nil
            && DrainGuard.isOwned(evacuation.metadata, by: cluster)
    }

    /// Whether `budget` selects `pod` for evictions (same namespace; an empty selector selects nothing).
    static func selects(_ budget: PodDisruptionBudget, _ pod: Pod) -> Bool {
        guard budget.metadata.namespace == pod.metadata.namespace, let selector = budget.spec?.selector else { return false }
        if (selector.matchLabels ?? [:]).isEmpty && (selector.matchExpressions ?? []).isEmpty { return false }
        return selector.matches(pod.metadata.labels ?? [:])
    }

    /// Why the whole cluster is going away, or `nil`.
    static func wholeClusterRemoval(_ input: Input) -> String? {
        if input.cluster.metadata.deletionTimestamp != nil { return "the BrokerCluster is being deleted" }
        let owners = Set(input.pods.compactMap(World.owningSet))
        let sets = input.statefulSets.filter { owners.contains($0.metadata.name ?? "") }
        if !sets.isEmpty, sets.allSatisfy({ $0.metadata.deletionTimestamp != nil || ($0.spec?.replicas ?? 1) == 0 }) {
            let names = sets.compactMap(\.metadata.name).sorted().joined(separator: ", ")
            return sets.contains { $0.metadata.deletionTimestamp != nil } ? "StatefulSet \(names) is being deleted" : "StatefulSet \(names) is scaled to zero"
        }
        if !input.pods.isEmpty, input.pods.allSatisfy({ $0.metadata.deletionTimestamp != nil }) {
            return "every broker pod is being deleted"
        }
        return nil
    }
}

extension DrainDecider {
    /// The objects around the broker pods, with the questions the decision asks of them.
    struct World {
        let input: Input
        let cluster: BrokerCluster
        let clusterName: String
        let taints: Set<String>
        let drainingNodes: Set<String>
        let mapping: BrokerNodeMapping
        let brokerPods: [BrokerPod]

        init(_ input: Input) {
            self.input = input
            cluster = input.cluster
            clusterName = input.cluster.metadata.name ?? ""
            let taints = Set(input.cluster.spec.drain?.nodeTaints ?? DrainGuard.defaultNodeTaints)
            self.taints = taints
            drainingNodes = Set(input.nodes.filter { node in
                node.isUnschedulable || (node.spec?.taints ?? []).contains { taints.contains($0.key) }
            }.compactMap(\.metadata.name))
            mapping = BrokerNodeMapping(template: input.cluster.spec.pods?.nodeNameTemplate)
            brokerPods = input.pods.map(BrokerPod.init)
        }

        /// The StatefulSet that owns `pod`, by owner reference.
        static func owningSet(_ pod: Pod) -> String? {
            pod.metadata.ownerReferences?.first { $0.kind == "StatefulSet" }?.name
        }

        /// The StatefulSet and ordinal a pod name `<set>-<n>` belongs to, among the namespace's StatefulSets.
        func setAndOrdinal(ofPodNamed name: String) -> (set: StatefulSet, ordinal: Int)? {
            for set in input.statefulSets {
                let prefix = (set.metadata.name ?? "") + "-"
                guard name.hasPrefix(prefix) else { continue }
                let suffix = name.dropFirst(prefix.count)
                if let ordinal = Int(suffix), ordinal >= 0, String(ordinal) == suffix { return (set, ordinal) }
            }
            return nil
        }

        /// Whether a pod of that name is expected to exist: its StatefulSet lives and keeps its ordinal.
        func isExpected(podNamed name: String) -> Bool {
            guard let (set, ordinal) = setAndOrdinal(ofPodNamed: name) else { return false }
            return set.metadata.deletionTimestamp == nil && ordinal < (set.spec?.replicas ?? 1)
        }

        /// Pods above their StatefulSet's replicas (scale-down), not yet deleted.
        func isLeavingByScaleDown(_ pod: Pod) -> Bool {
            guard let name = pod.metadata.name, let (set, ordinal) = setAndOrdinal(ofPodNamed: name) else { return false }
            return ordinal >= (set.spec?.replicas ?? 1)
        }

        func isLeaving(_ pod: Pod) -> Bool {
            pod.metadata.deletionTimestamp != nil || isLeavingByScaleDown(pod) || drainingNodes.contains(pod.spec?.nodeName ?? "")
        }

        /// EMQX nodes of the pods that stay, the destinations of migrated sessions.
        var stayingBrokerNodes: [String] {
            guard !input.brokerNodes.isEmpty else { return [] }
            return input.pods.filter { !isLeaving($0) }.compactMap { mapping.node(forPod: BrokerPod($0), among: input.brokerNodes) }.sorted()
        }

        /// Whether a live NodeEvacuation other than the operator's own leave evacuation covers `pod`.
        func isCovered(_ pod: Pod, byOtherThan ownName: String?) -> Bool {
            let brokerNode = input.brokerNodes.isEmpty ? nil : mapping.node(forPod: BrokerPod(pod), among: input.brokerNodes)
            return input.evacuations.contains { evacuation in
                guard evacuation.metadata.deletionTimestamp == nil, evacuation.metadata.name != ownName, evacuation.status?.phase != .failed else { return false }
                let target = evacuation.spec.target
                if target.pod == pod.metadata.name { return true }
                if let node = target.node, node == pod.spec?.nodeName { return true }
                if let brokerNode, target.brokerNode == brokerNode { return true }
                return (evacuation.status?.brokerNodes ?? []).contains { $0.pod == pod.metadata.name && ($0.podUID == nil || $0.podUID == pod.metadata.uid) }
            }
        }

        func evacuation(named name: String, target: NodeEvacuation.Spec.Target, reason: DrainGuard.Reason, extraLabels: [String: String] = [:]) -> NodeEvacuation {
            var metadata = ObjectMeta(name: name, namespace: cluster.metadata.namespace)
            metadata.labels = [DrainGuard.clusterLabel: clusterName, DrainGuard.reasonLabel: reason.rawValue].merging(extraLabels) { $1 }
            metadata.ownerReferences = [DrainGuard.owner(cluster)]
            var spec = NodeEvacuation.Spec(clusterRef: clusterName, target: target)
            let drain = cluster.spec.drain
            spec.connEvictRate = drain?.connEvictRate
            spec.sessEvictRate = drain?.sessEvictRate
            spec.waitHealthCheckSeconds = drain?.waitHealthCheckSeconds
            spec.waitTakeoverSeconds = drain?.waitTakeoverSeconds
            let staying = stayingBrokerNodes
            spec.migrateTo = staying.isEmpty ? nil : staying
            return NodeEvacuation(metadata: metadata, spec: spec)
        }

        /// The evacuations drain protection wants now: one per draining Kubernetes node with broker pods, one per
        /// other leaving pod that nothing covers yet.
        func wantedEvacuations() -> [NodeEvacuation] {
            var wanted: [NodeEvacuation] = []
            let podsByNode = Dictionary(grouping: input.pods.filter { $0.spec?.nodeName != nil }) { $0.spec?.nodeName ?? "" }
            for node in drainingNodes.sorted() {
                guard let pods = podsByNode[node], !pods.isEmpty else { continue }
                let name = DrainGuard.drainEvacuationName(cluster: clusterName, node: node)
                // A node some other evacuation (a user's) already empties needs no second one.
                if pods.allSatisfy({ isCovered($0, byOtherThan: name) }) && !input.evacuations.contains(where: { $0.metadata.name == name }) { continue }
                wanted.append(evacuation(named: name, target: .init(node: node), reason: .drain))
            }
            for pod in input.pods.sorted(by: { ($0.metadata.name ?? "") < ($1.metadata.name ?? "") }) {
                guard let podName = pod.metadata.name, !drainingNodes.contains(pod.spec?.nodeName ?? "") else { continue }
                let reason: DrainGuard.Reason
                if pod.metadata.deletionTimestamp != nil {
                    reason = .podDeletion
                } else if isLeavingByScaleDown(pod) {
                    reason = .scaleDown
                } else {
                    continue
                }
                let name = DrainGuard.leaveEvacuationName(cluster: clusterName, pod: podName)
                if let existing = input.evacuations.first(where: { $0.metadata.name == name }) {
                    // Still this incarnation's evacuation: keep it.
                    if recordedUID(existing, pod: podName).map({ $0 == pod.metadata.uid }) ?? true { wanted.append(existing) }
                    continue
                }
                if isCovered(pod, byOtherThan: name) { continue }
                guard !stayingBrokerNodes.isEmpty || input.brokerNodes.isEmpty else { continue }
                wanted.append(evacuation(named: name, target: .init(pod: podName), reason: reason))
            }
            return wanted
        }

        /// The uid of `pod` when `evacuation` started on it.
        func recordedUID(_ evacuation: NodeEvacuation, pod: String) -> String? {
            evacuation.status?.brokerNodes?.first { $0.pod == pod }?.podUID
        }

        /// An evacuation whose pods went away and are coming back: kept until each new incarnation's broker runs, so
        /// that the evacuation EMQX persisted for it is stopped (by the evacuation itself for a node target, by its
        /// deletion for a pod target), never left behind on a broker that is not running yet.
        func isAwaitingReturn(_ evacuation: NodeEvacuation) -> Bool {
            (evacuation.status?.brokerNodes ?? []).contains { entry in
                guard let podName = entry.pod else { return false }
                guard let pod = input.pods.first(where: { $0.metadata.name == podName }) else { return isExpected(podNamed: podName) }
                let replaced = entry.podUID != nil && entry.podUID != pod.metadata.uid
                return replaced && !isBrokerRunning(pod)
            }
        }

        /// Whether the EMQX node of `pod` runs, per the latest reading.
        func isBrokerRunning(_ pod: Pod) -> Bool {
            guard let node = mapping.node(forPod: BrokerPod(pod), among: input.brokerNodes) else { return false }
            return input.runningBrokerNodes.contains(node)
        }

        /// Whether `pod`'s guard is lifted: a live NodeEvacuation reports it evacuated, for this very pod.
        func isReleased(_ pod: Pod) -> Bool {
            input.evacuations.contains { evacuation in
                guard evacuation.metadata.deletionTimestamp == nil, evacuation.status?.phase == .evacuated else { return false }
                return (evacuation.status?.brokerNodes ?? []).contains { $0.pod == pod.metadata.name && $0.podUID == pod.metadata.uid }
            }
        }

        func summary(released: [String]) -> Summary {
            let budget = DrainGuard.budgetName(cluster: clusterName)
            let drains = input.evacuations.filter { DrainDecider.isOurs($0, cluster: cluster) && $0.metadata.deletionTimestamp == nil && $0.status?.phase != .evacuated }
            if let blocked = drains.first(where: { $0.status?.conditions?.condition(.ready)?.reason == ConditionReason.insufficientCapacity.rawValue }) {
                let why = blocked.status?.conditions?.condition(.ready)?.message ?? ""
                return Summary(status: .false, reason: .insufficientCapacity, message: "NodeEvacuation \(blocked.metadata.name ?? "") waits and its pods stay guarded: \(why)")
            }
            if !drains.isEmpty || !released.isEmpty {
                var parts: [String] = []
                if !drains.isEmpty { parts.append("evacuating before removal: \(drains.compactMap(\.metadata.name).sorted().joined(separator: ", "))") }
                if !released.isEmpty { parts.append("evacuated and released to eviction: \(released.joined(separator: ", "))") }
                return Summary(status: .true, reason: .draining, message: parts.joined(separator: "; "))
            }
            let guarded = input.pods.filter { $0.metadata.labels?[DrainGuard.guardLabel] == clusterName || $0.isReady }.count
            return Summary(status: .true, reason: .guarded, message: "\(guarded) broker pod(s) guarded by PodDisruptionBudget \(budget); they are evacuated before a drain, a scale-down or a deletion takes them")
        }
    }
}
