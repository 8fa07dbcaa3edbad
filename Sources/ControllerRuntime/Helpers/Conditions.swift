import KubeClient

/// `metav1.Condition` list updates with apimachinery's `meta.SetStatusCondition` semantics, as pure functions.
///
/// ## Guarantees
/// - `lastTransitionTime` changes only when `status` flips (or the condition is new); a change of reason, message
///   or observedGeneration alone keeps it.
/// - A condition type appears at most once; order of existing conditions is kept, new ones are appended.
extension Array where Element == Condition {
    /// The condition of `type`, if present.
    public func condition(ofType type: String) -> Condition? {
        first { $0.type == type }
    }

    /// Whether the condition of `type` is present with status `True`.
    public func isTrue(_ type: String) -> Bool {
        condition(ofType: type)?.status == .true
    }

    /// Sets `condition`; its `lastTransitionTime` is used only when the status flips or the type is new.
    /// - Returns: whether anything changed.
    @discardableResult
    public mutating func set(_ condition: Condition) -> Bool {
        guard let index = firstIndex(where: { $0.type == condition.type }) else {
            append(condition)
            return true
        }
        var updated = condition
        if self[index].status == condition.status {
            updated.lastTransitionTime = self[index].lastTransitionTime
        }
        guard updated != self[index] else { return false }
        self[index] = updated
        return true
    }

    /// Sets the condition of `type` from its parts, at `now`.
    /// - Returns: whether anything changed.
    @discardableResult
    public mutating func set(
        _ type: String,
        status: Condition.Status,
        reason: String,
        message: String = "",
        observedGeneration: Int64?,
        now: Timestamp
    ) -> Bool {
        set(Condition(type: type, status: status, observedGeneration: observedGeneration, lastTransitionTime: now, reason: reason, message: message))
    }

    /// Removes the condition of `type`; returns whether it was present.
    @discardableResult
    public mutating func remove(_ type: String) -> Bool {
        let before = count
        removeAll { $0.type == type }
        return count != before
    }

    /// The list with `condition` set (see ``set(_:)``).
    public func setting(_ condition: Condition) -> [Condition] {
        var copy = self
        copy.set(condition)
        return copy
    }
}
