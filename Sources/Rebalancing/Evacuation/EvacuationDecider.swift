import Foundation
import KubeClient

/// The NodeEvacuation reconciler's decisions: one transition function of the resource's ``State``, what the broker
/// source last read, the cluster's pods, and the outcome of the last EMQX action when it did not succeed.
///
/// Guarantees, for any input:
/// - nothing is started on a broker when the spec, the cluster or the broker state forbids it; instead `Ready` is
///   False with a reason and a message (`ClusterNotFound`, `PodNotFound`, `NodeNotFound`, `BrokerNodeNotFound`, `InvalidSpec`,
///   `Conflict`, `RebalanceInProgress`, `InsufficientCapacity`, `BrokerNodeNotRunning`);
/// - a broker that cannot be reached is transient (`BrokerUnreachable`, retried), never a failure;
/// - an evacuation already running on the broker is adopted, not started again (`already_started` from EMQX counts
///   as started); one the broker lost (a restart without its state) is started again while the resource exists;
/// - EMQX's refusals are decided here: a busy agent or unavailable nodes is a `Conflict` (retried), a rejected
///   request is `StartRejected` (retried more slowly, as the cluster may change), no answer is `BrokerUnreachable`;
///   a decision made on a refusal contains no EMQX action;
/// - deletion stops what this resource started, or, when the broker stays unreachable longer than
///   ``stopHandOverDelay``, hands the stops to the BrokerCluster's `pendingStops`, so a deletion never hangs;
/// - a passed deadline stops the broker side before the resource reports `Failed`.
public enum EvacuationDecider {
    /// How long a deletion waits for an unreachable broker before handing its stops to the BrokerCluster.
    public static let stopHandOverDelay: TimeInterval = 30
    /// How soon a live evacuation is reconciled again without any change (broker readings trigger reconciles; this
    /// is a safety net).
    public static let resync: Duration = .seconds(10)
    /// Retry interval while something blocks the evacuation.
    public static let blockedRetry: Duration = .seconds(5)
    /// Retry interval after EMQX rejected a start.
    public static let rejectedRetry: Duration = .seconds(30)

    /// Where a NodeEvacuation is in its life, with what each stage needs.
    public enum State: Sendable, Hashable {
        /// Deleted without the project's finalizer: nothing left to do.
        case released
        /// Being deleted: stop the evacuations of `owned` nodes, then remove the finalizer.
        case deleting(since: Date?, owned: [String])
        /// `Failed` (a passed deadline): terminal.
        case failed
        /// Live: start, adopt, re-assert and follow the evacuations of its targets. `recorded` are the broker nodes
        /// it has started or adopted, `startedAt` when the first start was decided.
        case live(recorded: [NodeEvacuation.Status.BrokerNode], startedAt: Date?)

        public init(_ resource: NodeEvacuation) {
            let status = resource.status
            if resource.metadata.deletionTimestamp != nil {
                guard resource.metadata.finalizers?.contains(RebalancingAPI.finalizer) == true else {
                    self = .released
                    return
                }
                self = .deleting(since: resource.metadata.deletionTimestamp?.date, owned: (status?.brokerNodes ?? []).map(\.name))
            } else if status?.phase == .failed {
                self = .failed
            } else {
                self = .live(recorded: status?.brokerNodes ?? [], startedAt: status?.startedAt?.date)
            }
        }
    }

    public struct Input: Sendable {
        public var evacuation: NodeEvacuation
        /// `nil` when the referenced BrokerCluster does not exist.
        public var cluster: BrokerCluster?
        /// The cluster's broker pods (selected by its `spec.pods.selector`).
        public var pods: [BrokerPod]
        public var broker: BrokerReadout
        /// The other NodeEvacuations of the same namespace, for conflicts.
        public var others: [NodeEvacuation]
        public var now: Date
        /// The EMQX action of the last decision that did not succeed, with EMQX's answer.
        public var refusal: BrokerActionRefusal?
        /// The Kubernetes nodes' names; `nil` when not known (then a `node` target is not checked).
        public var knownNodes: Set<String>?

        public init(evacuation: NodeEvacuation, cluster: BrokerCluster?, pods: [BrokerPod], broker: BrokerReadout, others: [NodeEvacuation], now: Date, refusal: BrokerActionRefusal? = nil, knownNodes: Set<String>? = nil) {
            self.knownNodes = knownNodes
            self.evacuation = evacuation
            self.cluster = cluster
            self.pods = pods
            self.broker = broker
            self.others = others
            self.now = now
            self.refusal = refusal
        }
    }

    public enum Action: Sendable, Hashable {
        /// Start or stop an evacuation on EMQX.
        case broker(BrokerAction)
        /// Record the stops the broker still owes in the BrokerCluster's `pendingStops` (one write).
        case handOverStops(nodes: [String], lastError: String)
        case removeFinalizer
    }

    public struct Decision: Sendable, Hashable {
        /// To carry out in order; the reconciler stops at the first EMQX action that does not succeed and decides
        /// again with its outcome.
        public var actions: [Action]
        public var status: NodeEvacuation.Status
        /// `nil`: nothing time-based; the next change (resource, pods, broker reading) triggers the next reconcile.
        public var requeueAfter: Duration?
    }

    /// The one transition function.
    public static func decide(_ input: Input) -> Decision {
        switch State(input.evacuation) {
        case .released:
            return Decision(actions: [], status: input.evacuation.status ?? .init(), requeueAfter: nil)
        case let .deleting(since, owned):
            return decideDeletion(input, since: since ?? input.now, owned: owned)
        case .failed:
            return Decision(actions: [], status: input.evacuation.status ?? .init(), requeueAfter: nil)
        case let .live(recorded, startedAt):
            return decideLive(input, recorded: recorded, startedAt: startedAt)
        }
    }

    // MARK: - Live

    static func decideLive(_ input: Input, recorded: [NodeEvacuation.Status.BrokerNode], startedAt: Date?) -> Decision {
        let resource = input.evacuation
        let generation = resource.metadata.generation
        var status = resource.status ?? NodeEvacuation.Status()
        status.observedGeneration = generation
        if status.phase == nil { status.phase = .pending }

        func blocked(_ reason: ConditionReason, _ message: String, retry: Duration? = blockedRetry) -> Decision {
            var status = status
            status.conditions = ConditionList.setting(.ready, .false, reason: reason, message: message, generation: generation, now: input.now, in: status.conditions)
            status.conditions = ConditionList.setting(.progressing, .false, reason: reason, message: message, generation: generation, now: input.now, in: status.conditions)
            return Decision(actions: [], status: status, requeueAfter: retry)
        }
        func unreachable(_ message: String) -> Decision {
            var status = status
            status.conditions = ConditionList.setting(.ready, .false, reason: .brokerUnreachable, message: "EMQX API unreachable, retrying: \(message)", generation: generation, now: input.now, in: status.conditions)
            return Decision(actions: [], status: status, requeueAfter: blockedRetry)
        }

        guard let cluster = input.cluster else {
            return blocked(.clusterNotFound, "BrokerCluster \(resource.spec.clusterRef) does not exist in namespace \(resource.metadata.namespace ?? "default")", retry: .seconds(30))
        }
        let snapshot: BrokerSnapshot
        switch input.broker {
        case let .unreachable(message):
            return unreachable(message)
        case let .snapshot(value):
            snapshot = value
        }

        // EMQX's answer to the last action, when it was not a success.
        if let refusal = input.refusal {
            switch refusal.outcome {
            case let .busy(message):
                return blocked(.conflict, "EMQX refused to start on \(refusal.action.node): \(message)")
            case let .rejected(message):
                return blocked(.startRejected, "EMQX rejected the evacuation of \(refusal.action.node): \(message)", retry: rejectedRetry)
            case let .unreachable(message):
                return unreachable(message)
            case .nothingToBalance, .done, .alreadyRunning, .notRunning:
                break
            }
        }

        // A Kubernetes node that does not exist has nothing to evacuate, and is most likely a typo.
        if let node = resource.spec.target.node, let known = input.knownNodes, !known.contains(node), recorded.isEmpty {
            return blocked(.nodeNotFound, "Kubernetes node \(node) does not exist (kubectl get nodes lists the names)", retry: .seconds(30))
        }
        let mapping = BrokerNodeMapping(template: cluster.spec.pods?.nodeNameTemplate)
        var targets: [EvacuationTarget]
        switch EvacuationTarget.resolve(resource.spec.target, pods: input.pods, brokerNodes: snapshot.nodes.map(\.name), mapping: mapping) {
        case let .success(resolved):
            targets = resolved
        case let .failure(error):
            // A pod being replaced is absent for a while: keep asserting what was started on it.
            if case .podNotFound = error, !recorded.isEmpty {
                targets = recorded.map { EvacuationTarget(brokerNode: $0.name, pod: nil) }
            } else {
                return blocked(error.reason, error.description)
            }
        }

        // Spec rules that span fields or need the broker's view.
        let known = Set(snapshot.nodes.map(\.name))
        if let migrateTo = resource.spec.migrateTo {
            if let unknown = migrateTo.first(where: { !known.contains($0) }) {
                return blocked(.invalidSpec, "spec.migrateTo names \(unknown), which EMQX does not know")
            }
            if let own = migrateTo.first(where: { name in targets.contains { $0.brokerNode == name } }) {
                return blocked(.invalidSpec, "spec.migrateTo names \(own), the node being evacuated")
            }
        }

        // Another evacuation of one of these nodes: the older resource owns it.
        for other in input.others where other.metadata.deletionTimestamp == nil && other.metadata.uid != resource.metadata.uid && isOlder(other, than: resource) {
            let claimed = Set((other.status?.brokerNodes ?? []).map(\.name))
            if let shared = targets.first(where: { claimed.contains($0.brokerNode) }) {
                return blocked(.conflict, "\(shared.brokerNode) is already evacuated by NodeEvacuation \(other.metadata.name ?? "")")
            }
        }

        // Deadline: stop first, then fail.
        var deadlineIn: Duration?
        if let deadline = resource.spec.deadlineSeconds, let startedAt, status.phase != .evacuated {
            let remaining = TimeInterval(deadline) - input.now.timeIntervalSince(startedAt)
            if remaining < 0 {
                var status = status
                status.phase = .failed
                let message = "not evacuated within spec.deadlineSeconds (\(deadline) s); the evacuation was stopped and the node accepts clients again"
                status.conditions = ConditionList.setting(.ready, .false, reason: .deadlineExceeded, message: message, generation: generation, now: input.now, in: status.conditions)
                status.conditions = ConditionList.setting(.progressing, .false, reason: .deadlineExceeded, message: message, generation: generation, now: input.now, in: status.conditions)
                let stops = recorded.map(\.name).filter { snapshot.evacuation(of: $0) != nil }.map { Action.broker(.stopEvacuation(node: $0)) }
                return Decision(actions: stops, status: status, requeueAfter: nil)
            }
            deadlineIn = .milliseconds(Int64(remaining * 1000) + 1)
        }

        // What must be started, re-asserted or adopted.
        var starts: [EvacuationRequest] = []
        var firstStarts = 0
        for target in targets where snapshot.evacuation(of: target.brokerNode) == nil {
            guard let node = snapshot.node(named: target.brokerNode), node.isRunning else {
                return blocked(.brokerNodeNotRunning, "EMQX node \(target.brokerNode) is not running; waiting for it")
            }
            if let rebalance = snapshot.rebalance(involving: target.brokerNode) {
                return blocked(.rebalanceInProgress, "\(target.brokerNode) takes part in the rebalance coordinated by \(rebalance.coordinator) (EMQX would answer eviction_agent_busy); waiting for it to end")
            }
            if !recorded.contains(where: { $0.name == target.brokerNode }) { firstStarts += 1 }
            starts.append(EvacuationRequest(node: target.brokerNode, spec: resource.spec))
        }
        if firstStarts > 0 {
            let targetNames = Set(targets.map(\.brokerNode))
            let remaining = snapshot.acceptingNodes.filter { !targetNames.contains($0.name) }.count
            let minimum = cluster.spec.minAvailableNodes ?? 1
            if remaining < minimum {
                return blocked(.insufficientCapacity, "evacuating \(targetNames.sorted().joined(separator: ", ")) would leave \(remaining) node(s) accepting clients; the BrokerCluster's minAvailableNodes is \(minimum)")
            }
        }

        // Status from the broker's view.
        var entries: [NodeEvacuation.Status.BrokerNode] = []
        var replaced: [String] = []
        for target in targets {
            var entry = recorded.first { $0.name == target.brokerNode } ?? NodeEvacuation.Status.BrokerNode(name: target.brokerNode)
            if let pod = target.pod {
                entry.pod = pod.name
                if let started = entry.podUID, started != pod.uid {
                    replaced.append("\(pod.name) (was \(started), now \(pod.uid))")
                }
                if entry.podUID == nil { entry.podUID = pod.uid }
            }
            let evacuation = snapshot.evacuation(of: target.brokerNode)
            entry.state = evacuation?.state
            if let evacuation {
                if entry.initialConnections == nil { entry.initialConnections = evacuation.initialConnections }
                if entry.initialSessions == nil { entry.initialSessions = evacuation.initialSessions }
            }
            // Live counts from /api/v5/nodes while the node runs; a node that is not running reports nothing
            // meaningful there, so EMQX's own counts of the evacuation stand (never a false Evacuated).
            if let node = snapshot.node(named: target.brokerNode), node.isRunning {
                if entry.initialConnections == nil { entry.initialConnections = node.connections }
                if entry.initialSessions == nil { entry.initialSessions = node.sessions }
                entry.connections = node.connections
                entry.sessions = node.sessions
            } else if let evacuation {
                entry.connections = evacuation.currentConnections
                entry.sessions = evacuation.currentSessions
            }
            entries.append(entry)
        }
        // Nodes no longer targeted (their pods left the Kubernetes node): stop them. Their entries stay while their
        // evacuation may still exist (EMQX runs it, or the node is down and may come back with it persisted), so the
        // stop is sent once the node runs again, and drain protection sees which pods were evacuated.
        let targetNames = Set(targets.map(\.brokerNode))
        let untargeted = recorded.filter { !targetNames.contains($0.name) }
        let dropped = untargeted.map(\.name).filter { snapshot.evacuation(of: $0) != nil }
        let retained = untargeted.filter { entry in snapshot.evacuation(of: entry.name) != nil || snapshot.node(named: entry.name)?.isRunning != true }

        status.brokerNodes = entries + retained
        if !starts.isEmpty, status.startedAt == nil { status.startedAt = Timestamp(input.now) }

        if replaced.isEmpty {
            status.conditions = ConditionList.removing(.targetReplaced, from: status.conditions)
        } else {
            status.conditions = ConditionList.setting(.targetReplaced, .true, reason: .podReplaced, message: "the target pod was replaced: \(replaced.joined(separator: ", ")); the evacuation stays asserted on the new pod", generation: generation, now: input.now, in: status.conditions)
        }

        let done = starts.isEmpty && entries.allSatisfy { ($0.connections ?? 1) == 0 && ($0.sessions ?? 1) == 0 && $0.state != nil }
        status.phase = done ? .evacuated : phase(of: entries, starting: !starts.isEmpty, previous: status.phase)
        status.progress = progress(of: entries, done: done)
        let counts = entries.map { "\($0.name): \($0.connections ?? 0) connections, \($0.sessions ?? 0) sessions" }.joined(separator: "; ")
        if done {
            if status.evacuatedAt == nil { status.evacuatedAt = Timestamp(input.now) }
            let message = entries.isEmpty ? "no broker pods on the target node" : "no connections and no sessions left (\(entries.map(\.name).joined(separator: ", ")))"
            status.conditions = ConditionList.setting(.ready, .true, reason: .evacuated, message: message, generation: generation, now: input.now, in: status.conditions)
            status.conditions = ConditionList.setting(.progressing, .false, reason: .evacuated, message: message, generation: generation, now: input.now, in: status.conditions)
        } else {
            let reason = (status.phase ?? .pending).conditionReason
            let message = starts.isEmpty ? counts : "starting the evacuation of \(starts.map(\.node).joined(separator: ", "))"
            status.conditions = ConditionList.setting(.ready, .false, reason: reason, message: message, generation: generation, now: input.now, in: status.conditions)
            status.conditions = ConditionList.setting(.progressing, .true, reason: reason, message: message, generation: generation, now: input.now, in: status.conditions)
        }
        let actions = dropped.map { Action.broker(.stopEvacuation(node: $0)) } + starts.map { Action.broker(.startEvacuation($0)) }
        let requeue = [resync, deadlineIn].compactMap { $0 }.min()
        return Decision(actions: actions, status: status, requeueAfter: done ? resync : requeue)
    }

    // MARK: - Deletion

    static func decideDeletion(_ input: Input, since: Date, owned: [String]) -> Decision {
        let resource = input.evacuation
        var status = resource.status ?? NodeEvacuation.Status()
        status.phase = .stopping
        var unreachableMessage: String?
        switch input.broker {
        case let .snapshot(snapshot):
            if let refusal = input.refusal, !refusal.outcome.succeeded {
                unreachableMessage = "EMQX did not stop the evacuation of \(refusal.action.node): \(refusal.outcome)"
            } else {
                let stops = owned.filter { snapshot.evacuation(of: $0) != nil }.map { Action.broker(.stopEvacuation(node: $0)) }
                return Decision(actions: stops + [.removeFinalizer], status: status, requeueAfter: nil)
            }
        case let .unreachable(message):
            unreachableMessage = message
        }
        let message = unreachableMessage ?? "no answer"
        if input.now.timeIntervalSince(since) >= stopHandOverDelay {
            let handOver: [Action] = owned.isEmpty ? [] : [.handOverStops(nodes: owned, lastError: message)]
            return Decision(actions: handOver + [.removeFinalizer], status: status, requeueAfter: nil)
        }
        status.conditions = ConditionList.setting(.ready, .false, reason: .brokerUnreachable, message: "stopping: EMQX API unreachable, retrying: \(message)", generation: resource.metadata.generation, now: input.now, in: status.conditions)
        return Decision(actions: [], status: status, requeueAfter: blockedRetry)
    }

    // MARK: - Helpers

    /// The least advanced phase among the nodes still holding clients. A state this operator does not know (from a
    /// newer EMQX) says nothing: when no target's state is known, the previous phase stays.
    static func phase(of entries: [NodeEvacuation.Status.BrokerNode], starting: Bool, previous: NodeEvacuation.Phase?) -> NodeEvacuation.Phase {
        let order: [NodeEvacuation.Phase] = [.pending, .waitingHealthCheck, .evictingConnections, .waitingTakeover, .evictingSessions, .evacuated]
        let phases = entries.compactMap { entry -> NodeEvacuation.Phase? in
            switch entry.state {
            case nil: .pending
            case "waiting_health_check": .waitingHealthCheck
            case "evicting_conns": .evictingConnections
            case "waiting_takeover": .waitingTakeover
            case "evicting_sessions": .evictingSessions
            case "prohibiting": ((entry.connections ?? 0) == 0 && (entry.sessions ?? 0) == 0) ? .evacuated : .evictingSessions
            default: nil
            }
        }
        guard let least = phases.min(by: { order.firstIndex(of: $0) ?? 0 < order.firstIndex(of: $1) ?? 0 }) else {
            return previous ?? .pending
        }
        return starting && least == .evacuated ? .pending : least
    }

    /// Percent of the initial connections and sessions moved off, 0...100.
    static func progress(of entries: [NodeEvacuation.Status.BrokerNode], done: Bool) -> Int {
        if done { return 100 }
        let initial = entries.reduce(Int64(0)) { $0 + ($1.initialConnections ?? 0) + ($1.initialSessions ?? 0) }
        guard initial > 0 else { return 0 }
        let current = entries.reduce(Int64(0)) { $0 + ($1.connections ?? 0) + ($1.sessions ?? 0) }
        let moved = max(0, initial - current)
        return Int(min(99, moved * 100 / initial))
    }

    static func isOlder(_ a: NodeEvacuation, than b: NodeEvacuation) -> Bool {
        let ta = a.metadata.creationTimestamp?.date ?? .distantFuture
        let tb = b.metadata.creationTimestamp?.date ?? .distantFuture
        if ta != tb { return ta < tb }
        return (a.metadata.name ?? "") < (b.metadata.name ?? "")
    }
}

extension NodeEvacuation.Phase {
    /// The `Ready`/`Progressing` reason while the evacuation is in this phase.
    public var conditionReason: ConditionReason {
        switch self {
        case .pending: .pending
        case .waitingHealthCheck: .waitingHealthCheck
        case .evictingConnections: .evictingConnections
        case .waitingTakeover: .waitingTakeover
        case .evictingSessions: .evictingSessions
        case .evacuated: .evacuated
        case .failed: .deadlineExceeded
        case .stopping: .pending
        }
    }
}
