import KubeClient

/// The leader-election fields of a `coordination.k8s.io/v1` Lease `spec` (client-go's `LeaderElectionRecord`): the
/// Lease's spec as KubeClient models it, so the lock writes it as it is.
///
/// Times are `MicroTime` (six fractional digits), as the API server requires for Leases; an empty or `nil`
/// `holderIdentity` means released.
public typealias LeaderElectionRecord = Lease.Spec

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
