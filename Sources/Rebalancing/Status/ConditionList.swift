import ControllerRuntime
import Foundation
import KubeClient

/// `metav1.Condition` list updates for the deciders, on optional lists and `Date`s; the rules (one entry per type,
/// `lastTransitionTime` kept while the status holds) are ControllerRuntime's `[Condition].set`.
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
        list.set(type, status: status, reason: reason, message: message, observedGeneration: generation, now: Timestamp(now))
        return list
    }

    /// Removes the condition of `type`, if present.
    public static func removing(_ type: String, from conditions: [Condition]?) -> [Condition] {
        var list = conditions ?? []
        list.remove(type)
        return list
    }
}
