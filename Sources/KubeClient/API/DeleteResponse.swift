/// What a DELETE answered.
public enum DeleteResponse<Object: Sendable>: Sendable {
    /// The object is gone (custom resources and most kinds answer with a `Success` status).
    case status(KubeStatus)
    /// The object as it is now: still present with a deletionTimestamp while finalizers or a grace period are
    /// pending, or its last state for kinds that return the deleted object.
    case object(Object)
}
