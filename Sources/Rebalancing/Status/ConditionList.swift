import Foundation
import KubeClient

/// `metav1.Condition` list updates with Kubernetes semantics: one entry per type, `lastTransitionTime` changes only
/// when the status flips, `observedGeneration` always follows the object's generation.
public enum ConditionList {
    /// Sets (adds or replaces) the condition of `type`; returns the new list.
    public static func setting(
        _ type: String,
        _ status: Condition.Status,
        reason: String,
        message: String,
        generation: Int64?,
        now: Date,
        in conditions: [Condition]?
    ) -> [Condition] {
        var list = conditions ?? []
        let previous = list.first { $0.type == type }
        let transition = previous.flatMap { $0.status == status ? $0.lastTransitionTime : nil } ?? Timestamp(now)
        let updated = Condition(type: type, status: status, observedGeneration: generation, lastTransitionTime: transition, reason: reason, message: message)
        if let index = list.firstIndex(where: { $0.type == type }) {
            list[index] = updated
        } else {
            list.append(updated)
        }
        return list
    }

    /// Removes the condition of `type`, if present.
    public static func removing(_ type: String, from conditions: [Condition]?) -> [Condition] {
        (conditions ?? []).filter { $0.type != type }
    }
}
