import Foundation
import KubeClient

/// The reactions a real cluster's controllers would have, run synchronously inside the write that causes them:
/// garbage collection, namespace termination and PodDisruptionBudget status.
extension ObjectStore {
    /// Runs after every stored change of `key` in `namespace`.
    func react(to key: StorageKey, namespace: String?, name: String? = nil) {
        if key == .nodes, let name { updateUnschedulableTaint(of: name) }
        guard let namespace else { return }
        if key == .pods || key == .podDisruptionBudgets || key == .statefulSets {
            updateDisruptionBudgets(in: namespace)
        }
    }

    // MARK: Nodes

    static let unschedulableTaint: JSONValue = ["key": "node.kubernetes.io/unschedulable", "effect": "NoSchedule"]

    /// The node lifecycle controller's rule: a cordoned node (`spec.unschedulable`) carries the
    /// `node.kubernetes.io/unschedulable:NoSchedule` taint, an uncordoned one does not.
    func updateUnschedulableTaint(of name: String) {
        guard let node = objects[.nodes]?[ObjectKey(name: name)] else { return }
        let unschedulable = node[path: ["spec", "unschedulable"]]?.boolValue ?? false
        var taints = node[path: ["spec", "taints"]]?.arrayValue ?? []
        let index = taints.firstIndex { $0["key"] == Self.unschedulableTaint["key"] && $0["effect"] == "NoSchedule" }
        switch (unschedulable, index) {
        case (true, nil):
            var taint = Self.unschedulableTaint
            taint["timeAdded"] = .string(Self.timestamp())
            taints.append(taint)
        case (false, let index?):
            taints.remove(at: index)
        default:
            return
        }
        var updated = node
        updated[path: ["spec", "taints"]] = taints.isEmpty ? nil : .array(taints)
        commitPut(.nodes, updated, previous: node)
    }

    // MARK: Garbage collection

    /// Deletes the objects whose owners (by uid) are all gone once `uid` is removed.
    func collectDependents(of uid: String, propagation: DeleteRequest.Propagation) {
        for (key, objectsOfKind) in objects {
            for (objectKey, object) in objectsOfKind {
                let owners = object.ownerReferences.compactMap { $0["uid"]?.stringValue }
                guard owners.contains(uid) else { continue }
                let remaining = owners.filter { $0 != uid && objectExists(uid: $0) }
                if remaining.isEmpty, object.deletionTimestamp == nil {
                    deleteStored(key, objectKey, propagation: propagation)
                }
            }
        }
    }

    /// Removes the owner reference to `uid` from every dependent (`propagationPolicy=Orphan`).
    func orphanDependents(of uid: String) {
        for (key, objectsOfKind) in objects {
            for (_, object) in objectsOfKind where object.ownerReferences.contains(where: { $0["uid"]?.stringValue == uid }) {
                var updated = object
                let references = object.ownerReferences.filter { $0["uid"]?.stringValue != uid }
                updated[path: ["metadata", "ownerReferences"]] = references.isEmpty ? nil : .array(references)
                commitPut(key, updated, previous: object)
            }
        }
    }

    private func objectExists(uid: String) -> Bool {
        objects.values.contains { objectsOfKind in objectsOfKind.values.contains { $0.uid == uid } }
    }

    // MARK: Namespaces

    /// Marks a namespace Terminating, deletes everything in it, and removes it once empty.
    func terminateNamespace(_ namespace: JSONValue) -> DeleteOutcome {
        let name = namespace.name ?? ""
        var marked = namespace
        if namespace.deletionTimestamp == nil {
            marked[path: ["metadata", "deletionTimestamp"]] = .string(Self.timestamp())
            marked[path: ["metadata", "deletionGracePeriodSeconds"]] = 0
            marked[path: ["status", "phase"]] = "Terminating"
            marked = commitPut(.namespaces, marked, previous: namespace)
        }
        for key in objects.keys where key != .namespaces {
            for (objectKey, object) in objects[key] ?? [:] where object.namespace == name && object.deletionTimestamp == nil {
                deleteStored(key, objectKey)
            }
        }
        if let removed = finishNamespaceTermination(name) { return .removed(removed) }
        return .markedForDeletion(objects[.namespaces]?[ObjectKey(name: name)] ?? marked)
    }

    /// Removes a terminating namespace that holds no more objects; returns its last state if it did.
    @discardableResult
    func finishNamespaceTermination(_ name: String) -> JSONValue? {
        guard let namespace = objects[.namespaces]?[ObjectKey(name: name)], namespace.deletionTimestamp != nil else { return nil }
        let isEmpty = objects.allSatisfy { key, objectsOfKind in
            key == .namespaces || !objectsOfKind.values.contains { $0.namespace == name }
        }
        guard isEmpty else { return nil }
        return commitRemove(.namespaces, namespace, previous: namespace)
    }

    // MARK: PodDisruptionBudgets

    /// Recomputes the status of every PodDisruptionBudget in `namespace` from the pods it selects; writes only
    /// the ones that changed.
    func updateDisruptionBudgets(in namespace: String) {
        let pods = storedObjects(.pods, namespace: namespace)
        let statefulSets = storedObjects(.statefulSets, namespace: namespace)
        for budget in storedObjects(.podDisruptionBudgets, namespace: namespace) {
            let status = DisruptionBudgetStatus.compute(budget: budget, pods: pods, statefulSets: statefulSets,
                                                        previous: budget["status"], now: Self.timestamp())
            if status != budget["status"] {
                var updated = budget
                updated["status"] = status
                commitPut(.podDisruptionBudgets, updated, previous: budget)
            }
        }
    }

    /// `POST pods/{name}/eviction`: deletes the pod unless a PodDisruptionBudget forbids it (spec/kubernetes.md 3.13).
    /// With `dryRun` every check runs but nothing is written.
    func evict(namespace: String, podName: String, podKind: RegisteredKind, dryRun: Bool = false) throws(APIError) {
        let podKey = ObjectKey(namespace: namespace, name: podName)
        guard let pod = objects[.pods]?[podKey] else { throw .notFound(podKind.resource, name: podName) }
        let phase = pod[path: ["status", "phase"]]?.stringValue ?? "Pending"
        if pod.deletionTimestamp != nil || ["Pending", "Succeeded", "Failed"].contains(phase) {
            if !dryRun { deleteStored(.pods, podKey) }
            return
        }
        let budgets = storedObjects(.podDisruptionBudgets, namespace: namespace)
            .filter { DisruptionBudgetStatus.selectsForEviction(budget: $0, pod: pod) }
        if budgets.count > 1 {
            throw .internalError("This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.")
        }
        guard let budget = budgets.first else {
            if !dryRun { deleteStored(.pods, podKey) }
            return
        }
        let budgetName = budget.name ?? ""
        let status = budget["status"] ?? [:]
        let policy = budget[path: ["spec", "unhealthyPodEvictionPolicy"]]?.stringValue ?? "IfHealthyBudget"
        let currentHealthy = status["currentHealthy"]?.intValue ?? 0
        let desiredHealthy = status["desiredHealthy"]?.intValue ?? 0
        if !DisruptionBudgetStatus.isReady(pod) && (policy == "AlwaysAllow" || currentHealthy >= desiredHealthy) {
            if !dryRun { deleteStored(.pods, podKey) }
            return
        }
        if (status["observedGeneration"]?.intValue ?? 0) < budget.generation {
            throw .tooManyRequests("Cannot evict pod as it would violate the pod's disruption budget.",
                                   details: ["causes": [["reason": "DisruptionBudget", "message": .string("The disruption budget \(budgetName) is still being processed by the server.")]],
                                             "retryAfterSeconds": 10],
                                   retryAfterSeconds: 10)
        }
        let allowed = status["disruptionsAllowed"]?.intValue ?? 0
        if allowed < 0 {
            throw .forbidden(podKind.resource, name: podName, detail: "pdb disruptions allowed is negative")
        }
        if allowed == 0 {
            throw .tooManyRequests("Cannot evict pod as it would violate the pod's disruption budget.",
                                   details: ["causes": [["reason": "DisruptionBudget",
                                                         "message": .string("The disruption budget \(budgetName) needs \(desiredHealthy) healthy pods and has \(currentHealthy) currently")]]])
        }
        var updated = budget
        updated[path: ["status", "disruptionsAllowed"]] = .int(allowed - 1)
        updated[path: ["status", "disruptedPods", podName]] = .string(Self.timestamp())
        guard !dryRun else { return }
        commitPut(.podDisruptionBudgets, updated, previous: budget)
        deleteStored(.pods, podKey)
    }
}
