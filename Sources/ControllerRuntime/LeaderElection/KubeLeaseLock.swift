import KubeClient
import Synchronization

/// A ``LeaseLock`` over one `coordination.k8s.io/v1` Lease on the API server (client-go's `LeaseLock`).
///
/// ## Guarantees
/// - ``get()`` answers `nil` when the Lease does not exist (HTTP 404) and throws every other failure.
/// - ``create(_:)`` POSTs the Lease; it throws ``KubeAPIError`` with reason `.alreadyExists` when another candidate
///   created it first.
/// - ``update(_:version:)`` PUTs the Lease with `metadata.resourceVersion = version`, so a write based on a stale read
///   throws ``KubeAPIError`` with reason `.conflict` (409): two candidates cannot both win one round.
/// - `acquireTime` and `renewTime` go on the wire as MicroTime (six fractional digits).
/// - Fields outside the leader-election record (labels, annotations, `spec.strategy`, `spec.preferredHolder`) are kept
///   when the lock updates the Lease it last read.
///
/// RBAC: `get`, `create` and `update` on `leases.coordination.k8s.io` in `namespace`.
public final class KubeLeaseLock: LeaseLock {
    /// The Lease's namespace.
    public let namespace: String
    /// The Lease's name.
    public let name: String
    private let leases: ResourceClient<Lease>
    /// The Lease as last read or written, so an update keeps the fields this lock does not model.
    private let lastSeen = Mutex<Lease?>(nil)

    /// - Parameters:
    ///   - client: The API client.
    ///   - namespace: Where the Lease lives (usually the operator's namespace).
    ///   - name: The Lease's name, shared by every candidate (e.g. `rebalance-operator-leader`).
    public init(client: KubeClient, namespace: String, name: String) {
        self.namespace = namespace
        self.name = name
        self.leases = client.resources(Lease.self, namespace: namespace)
    }

    public func get() async throws -> ObservedLease? {
        guard let lease = try await leases.getIfExists(name) else {
            lastSeen.withLock { $0 = nil }
            return nil
        }
        return remember(lease)
    }

    public func create(_ record: LeaderElectionRecord) async throws -> ObservedLease {
        let lease = Lease(metadata: ObjectMeta(name: name, namespace: namespace), spec: record)
        return remember(try await leases.create(lease))
    }

    public func update(_ record: LeaderElectionRecord, version: String) async throws -> ObservedLease {
        var lease = lastSeen.withLock { seen in
            seen.flatMap { $0.metadata.resourceVersion == version ? $0 : nil }
        } ?? Lease(metadata: ObjectMeta(name: name, namespace: namespace))
        lease.metadata.resourceVersion = version
        lease.spec = record
        return remember(try await leases.update(lease))
    }

    private func remember(_ lease: Lease) -> ObservedLease {
        lastSeen.withLock { $0 = lease }
        return ObservedLease(record: lease.spec ?? LeaderElectionRecord(), version: lease.metadata.resourceVersion ?? "")
    }
}
