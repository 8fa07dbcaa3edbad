import Foundation
import KubeClient

/// The disruption controller's part (PodDisruptionBudget status) and the eviction subresource.
extension ObjectStore {
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
    func evict(namespace: String, podName: String, podKind: RegisteredKind, gracePeriodSeconds: Int64? = nil, dryRun: Bool = false) throws(APIError) {
        let podKey = ObjectKey(namespace: namespace, name: podName)
        guard let pod = objects[.pods]?[podKey] else { throw .notFound(podKind.resource, name: podName) }
        let phase = pod[path: ["status", "phase"]]?.stringValue ?? "Pending"
        if pod.deletionTimestamp != nil || ["Pending", "Succeeded", "Failed"].contains(phase) {
            if !dryRun { deleteStored(.pods, podKey, gracePeriodSeconds: gracePeriodSeconds) }
            return
        }
        let budgets = storedObjects(.podDisruptionBudgets, namespace: namespace)
            .filter { DisruptionBudgetStatus.selectsForEviction(budget: $0, pod: pod) }
        if budgets.count > 1 {
            throw .internalError("This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.")
        }
        guard let budget = budgets.first else {
            if !dryRun { deleteStored(.pods, podKey, gracePeriodSeconds: gracePeriodSeconds) }
            return
        }
        let budgetName = budget.name ?? ""
        let status = budget["status"] ?? [:]
        let policy = budget[path: ["spec", "unhealthyPodEvictionPolicy"]]?.stringValue ?? "IfHealthyBudget"
        let currentHealthy = status["currentHealthy"]?.intValue ?? 0
        let desiredHealthy = status["desiredHealthy"]?.intValue ?? 0
        if !DisruptionBudgetStatus.isReady(pod) && (policy == "AlwaysAllow" || currentHealthy >= desiredHealthy) {
            if !dryRun { deleteStored(.pods, podKey, gracePeriodSeconds: gracePeriodSeconds) }
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
        deleteStored(.pods, podKey, gracePeriodSeconds: gracePeriodSeconds)
    }
}
