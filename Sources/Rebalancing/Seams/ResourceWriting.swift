import KubeClient

/// What the reconcilers write to Kubernetes: about the project's own resources (finalizers, status, annotations, the
/// NodeEvacuations drain protection creates) and, for drain protection, a label on broker pods and one
/// PodDisruptionBudget per BrokerCluster. ``KubeResourceWriter`` is the implementation over the API server; tests
/// substitute an in-memory one.
///
/// ## Guarantees every implementation gives
/// - Each write changes only what it names (patches, never whole-object updates), so it cannot undo a concurrent
///   edit of another field.
/// - ``patchStatus(of:from:to:preconditioned:)`` sends nothing when `from` equals `to`, and, when preconditioned,
///   writes only if the object still has the resourceVersion of `object` (``StatusWrite/conflict`` otherwise).
/// - A write to an object that is gone is not an error (``StatusWrite/gone``, or nothing for the others).
public protocol ResourceWriting: Sendable {
    func addFinalizer<Object: RebalancingResource>(_ finalizer: String, to object: Object) async throws
    func removeFinalizer<Object: RebalancingResource>(_ finalizer: String, from object: Object) async throws
    func patchStatus<Object: RebalancingResource>(of object: Object, from cached: Object.Status?, to desired: Object.Status, preconditioned: Bool) async throws -> StatusWrite
    /// Sets the annotation `key` to `value`, or removes it when `value` is `nil`.
    func annotate<Object: RebalancingResource>(_ object: Object, key: String, value: String?) async throws
    /// Creates `object` (owned resources: drain evacuations, automatic rebalances); returns it as stored.
    func create<Object: RebalancingResource>(_ object: Object) async throws -> Object
    func delete<Object: RebalancingResource>(_ object: Object) async throws

    // Drain protection: the guard label on broker pods and the guard budget.

    /// Sets the label `key` of pod `name` to `value`, or removes it when `value` is `nil`; a pod that is gone is no
    /// error.
    func label(pod name: String, namespace: String, key: String, value: String?) async throws
    /// Creates `budget`, or gives the existing one of that name `budget`'s spec, labels and owners.
    func put(_ budget: PodDisruptionBudget) async throws
    func deleteBudget(named name: String, namespace: String) async throws
}

/// What a status write did.
public enum StatusWrite: Sendable, Hashable {
    /// Nothing differed; nothing was sent.
    case unchanged
    case written
    /// The precondition failed: someone wrote the object since it was read. Read it again and decide again.
    case conflict
    /// The object no longer exists.
    case gone
}
