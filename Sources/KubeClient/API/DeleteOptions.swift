/// `metav1.DeleteOptions`, sent as the body of a DELETE (and inside an Eviction).
public struct DeleteOptions: Codable, Sendable, Hashable {
    /// Always `DeleteOptions` / `v1` on the wire.
    public var kind: String? = "DeleteOptions"
    public var apiVersion: String? = "v1"
    /// Seconds before the object is removed; `0` means at once. `nil`: the object's own default.
    public var gracePeriodSeconds: Int?
    /// Delete only if the object still has this UID and/or resourceVersion, otherwise 409 Conflict.
    public var preconditions: Preconditions?
    /// What happens to dependents (objects whose ownerReferences point here).
    public var propagationPolicy: PropagationPolicy?
    /// `["All"]` to validate without deleting.
    public var dryRun: [String]?

    public init(
        gracePeriodSeconds: Int? = nil,
        preconditions: Preconditions? = nil,
        propagationPolicy: PropagationPolicy? = nil,
        dryRun: Bool = false
    ) {
        self.gracePeriodSeconds = gracePeriodSeconds
        self.preconditions = preconditions
        self.propagationPolicy = propagationPolicy
        self.dryRun = dryRun ? ["All"] : nil
    }

    /// Conditions checked by the server before deleting.
    public struct Preconditions: Codable, Sendable, Hashable {
        public var uid: String?
        public var resourceVersion: String?

        public init(uid: String? = nil, resourceVersion: String? = nil) {
            self.uid = uid
            self.resourceVersion = resourceVersion
        }
    }

    public enum PropagationPolicy: String, Codable, Sendable, Hashable {
        /// Dependents are deleted before the owner disappears (`foregroundDeletion` finalizer).
        case foreground = "Foreground"
        /// The owner goes at once; the garbage collector deletes dependents afterwards.
        case background = "Background"
        /// Dependents are kept and lose the owner reference.
        case orphan = "Orphan"
    }
}
