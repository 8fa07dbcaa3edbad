import KubeClient

/// The leader-election fields of a `coordination.k8s.io/v1` Lease `spec` (client-go's `LeaderElectionRecord`).
///
/// Times are `MicroTime` (six fractional digits), as the API server requires for Leases.
public struct LeaderElectionRecord: Codable, Sendable, Hashable {
    /// The current holder; empty or `nil` when released.
    public var holderIdentity: String?
    public var leaseDurationSeconds: Int?
    public var acquireTime: MicroTimestamp?
    public var renewTime: MicroTimestamp?
    public var leaseTransitions: Int?

    public init(
        holderIdentity: String? = nil,
        leaseDurationSeconds: Int? = nil,
        acquireTime: MicroTimestamp? = nil,
        renewTime: MicroTimestamp? = nil,
        leaseTransitions: Int? = nil
    ) {
        self.holderIdentity = holderIdentity
        self.leaseDurationSeconds = leaseDurationSeconds
        self.acquireTime = acquireTime
        self.renewTime = renewTime
        self.leaseTransitions = leaseTransitions
    }
}

/// A Lease as last read or written: its record and the resourceVersion an update must name.
public struct ObservedLease: Sendable, Hashable {
    public var record: LeaderElectionRecord
    /// The Lease's `metadata.resourceVersion`, for optimistic concurrency.
    public var version: String

    public init(record: LeaderElectionRecord, version: String) {
        self.record = record
        self.version = version
    }
}

/// The Lease I/O a ``LeaderElector`` needs: get, create and a conditional update.
///
/// Implementations map a missing Lease to `nil` and make ``update(_:version:)`` fail when the Lease's
/// resourceVersion is no longer `version` (HTTP 409), so that two candidates cannot both win a round.
public protocol LeaseLock: Sendable {
    /// The Lease, or `nil` when it does not exist.
    func get() async throws -> ObservedLease?
    /// Creates the Lease with `record`; fails when it exists already.
    func create(_ record: LeaderElectionRecord) async throws -> ObservedLease
    /// Replaces the record if the Lease is still at `version`; fails otherwise.
    func update(_ record: LeaderElectionRecord, version: String) async throws -> ObservedLease
}
