import KubeClient

/// The PodDisruptionBudget status a disruption controller computes, as a pure function of the budget and the pods.
///
/// - `expectedPods`: the selected pods, or, for `maxUnavailable` and percentages, the replicas of the StatefulSets
///   that control them (as the real controller takes the scale of the pods' controllers).
/// - `currentHealthy`: selected pods that are Ready and not being deleted.
/// - `desiredHealthy`: from `minAvailable` (percentages rounded up) or `expectedPods - maxUnavailable`.
/// - `disruptionsAllowed`: `max(0, currentHealthy - desiredHealthy)`.
/// The `DisruptionAllowed` condition keeps its `lastTransitionTime` while its status does not flip.
enum DisruptionBudgetStatus {
    static func compute(budget: JSONValue, pods: [JSONValue], statefulSets: [JSONValue], previous: JSONValue?, now: String) -> JSONValue {
        let selected = pods.filter { selectsForStatus(budget: budget, pod: $0) && $0.deletionTimestamp == nil }
        let healthy = selected.filter(isReady).count
        let minAvailable = budget[path: ["spec", "minAvailable"]]
        let maxUnavailable = budget[path: ["spec", "maxUnavailable"]]
        var expected = selected.count
        let usesScale = maxUnavailable != nil || minAvailable?.stringValue != nil
        if usesScale {
            let controllerUIDs = Set(selected.compactMap { pod in
                pod.ownerReferences.first { $0["controller"]?.boolValue == true }?["uid"]?.stringValue
            })
            let replicas = statefulSets.filter { controllerUIDs.contains($0.uid ?? "") }
                .map { Int($0[path: ["spec", "replicas"]]?.intValue ?? 1) }
            if !replicas.isEmpty { expected = replicas.reduce(0, +) }
        }
        var desired = 0
        if let minAvailable {
            desired = scaled(minAvailable, of: expected)
        } else if let maxUnavailable {
            desired = max(0, expected - scaled(maxUnavailable, of: expected))
        }
        let allowed = max(0, healthy - desired)

        let existing = Set(pods.compactMap(\.name))
        var disrupted: [String: JSONValue] = [:]
        for (pod, time) in previous?["disruptedPods"]?.objectValue ?? [:] where existing.contains(pod) { disrupted[pod] = time }

        let conditionStatus = allowed > 0 ? "True" : "False"
        let previousCondition = previous?["conditions"]?.arrayValue?.first { $0["type"]?.stringValue == "DisruptionAllowed" }
        let transition = previousCondition?["status"]?.stringValue == conditionStatus
            ? (previousCondition?["lastTransitionTime"] ?? .string(now)) : .string(now)
        var status: JSONValue = [
            "observedGeneration": .int(budget.generation),
            "disruptionsAllowed": .int(Int64(allowed)),
            "currentHealthy": .int(Int64(healthy)),
            "desiredHealthy": .int(Int64(desired)),
            "expectedPods": .int(Int64(expected)),
            "conditions": [[
                "type": "DisruptionAllowed", "status": .string(conditionStatus),
                "reason": .string(allowed > 0 ? "SufficientPods" : "InsufficientPods"), "message": "",
                "observedGeneration": .int(budget.generation), "lastTransitionTime": transition,
            ]],
        ]
        if !disrupted.isEmpty { status["disruptedPods"] = .object(disrupted) }
        return status
    }

    /// An integer, or a percentage of `total` rounded up (`intstr.GetScaledValueFromIntOrPercent(..., true)`).
    static func scaled(_ value: JSONValue, of total: Int) -> Int {
        if let number = value.intValue { return Int(number) }
        if let text = value.stringValue, text.hasSuffix("%"), let percent = Int(text.dropLast()) {
            return (percent * total + 99) / 100
        }
        if let text = value.stringValue, let number = Int(text) { return number }
        return 0
    }

    /// Whether the pod's `Ready` condition is `True`.
    static func isReady(_ pod: JSONValue) -> Bool {
        (pod[path: ["status", "conditions"]]?.arrayValue ?? []).contains {
            $0["type"]?.stringValue == "Ready" && $0["status"]?.stringValue == "True"
        }
    }

    /// The disruption controller's view: a missing selector selects nothing, an empty one every pod.
    static func selectsForStatus(budget: JSONValue, pod: JSONValue) -> Bool {
        guard pod.namespace == budget.namespace, let selector = budget[path: ["spec", "selector"]] else { return false }
        return (try? selector.decode(as: KubeLabelSelector.self))?.matches(pod.labels) ?? false
    }

    /// The eviction subresource's view: an empty or missing selector matches nothing.
    static func selectsForEviction(budget: JSONValue, pod: JSONValue) -> Bool {
        guard pod.namespace == budget.namespace, let selector = budget[path: ["spec", "selector"]],
              !(selector["matchLabels"]?.objectValue?.isEmpty ?? true) || !(selector["matchExpressions"]?.arrayValue?.isEmpty ?? true)
        else { return false }
        return (try? selector.decode(as: KubeLabelSelector.self))?.matches(pod.labels) ?? false
    }
}
