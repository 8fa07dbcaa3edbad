import ControllerRuntime
import Foundation
import KubeClient

/// `metav1.Condition` list updates for the deciders, in the project's typed vocabulary (``ConditionType``,
/// ``ConditionReason``), on optional lists and `Date`s; the rules (one entry per type, `lastTransitionTime` kept
/// while the status holds) are ControllerRuntime's `[Condition].set`.
public enum ConditionList {
    /// Sets (adds or replaces) the condition of `type`; returns the new list.
    public static func setting(
        _ type: ConditionType,
        _ status: Condition.Status,
        reason: ConditionReason,
        message: String,
        generation: Int64?,
        now: Date,
        in conditions: [Condition]?
    ) -> [Condition] {
        var list = conditions ?? []
        list.set(type.rawValue, status: status, reason: reason.rawValue, message: message, observedGeneration: generation, now: Timestamp(now))
        return list
    }

    /// Removes the condition of `type`, if present.
    public static func removing(_ type: ConditionType, from conditions: [Condition]?) -> [Condition] {
        var list = conditions ?? []
        list.remove(type.rawValue)
        return list
    }
}

extension Array where Element == Condition {
    /// The condition of `type`, if present.
    public func condition(_ type: ConditionType) -> Condition? {
        condition(ofType: type.rawValue)
    }
}

extension Condition {
    /// The reason in the project's vocabulary; `nil` for a reason this version does not set.
    public var typedReason: ConditionReason? { ConditionReason(rawValue: reason) }
}
