@testable import ControllerRuntime
import Foundation
import KubeClient
import Rebalancing
import Synchronization

/// An in-memory Kubernetes API for the reconcilers' seams (``ResourceWriting``, ``SecretReading``): BrokerClusters,
/// NodeEvacuations, ClusterRebalances and Pods, written straight into the caches the controllers read, as a watch
/// with no latency would.
///
/// ## Fidelity
/// Reproduced: `resourceVersion` increases with every write; `metadata.generation` increases when the spec changes
/// (not on status or metadata writes); `uid` and `creationTimestamp` are set on create; deleting an object with
/// finalizers sets `deletionTimestamp` and the object goes when its last finalizer is removed; status writes change
/// only the status; a preconditioned status write fails with a conflict when the resourceVersion moved; a write
/// to an object that is gone does nothing. Not reproduced: schema validation and defaulting (the deciders default
/// absent fields themselves), admission, field managers, watch latency. The real writer is tested end to end against
/// the test API server.
final class InMemoryKubernetes: ResourceWriting, SecretReading, Sendable {
    let clusters = Store<BrokerCluster>()
    let evacuations = Store<NodeEvacuation>()
    let rebalances = Store<ClusterRebalance>()
    let pods = Store<Pod>()
    let nodes = Store<KubeNode>()
    let budgets = Store<PodDisruptionBudget>()
    let statefulSets = Store<StatefulSet>()
    private let secrets = Mutex<[ObjectKey: Secret]>([:])
    private let version = Mutex<Int>(0)
    private let writes = Mutex<[String]>([])
    /// Serialises writes, as the API server's storage does: a precondition is checked and the write made atomically.
    private let serial = Mutex(())
    let now: @Sendable () -> Date

    init(now: @escaping @Sendable () -> Date) {
        self.now = now
        notify(clusters.replaceAll(with: [:]), clusters)
        notify(evacuations.replaceAll(with: [:]), evacuations)
        notify(rebalances.replaceAll(with: [:]), rebalances)
        notify(pods.replaceAll(with: [:]), pods)
        notify(nodes.replaceAll(with: [:]), nodes)
        notify(budgets.replaceAll(with: [:]), budgets)
        notify(statefulSets.replaceAll(with: [:]), statefulSets)
    }

    /// Every write the reconcilers made, as `verb kind/name`, in order.
    var writeLog: [String] { writes.withLock { $0 } }

    private func notify<Object>(_ changes: [StoreChange<Object>], _ store: Store<Object>) {
        store.notify(changes)
    }

    private func nextVersion() -> String {
        version.withLock { version in
            version += 1
            return String(version)
        }
    }

    private func store<Object: RebalancingResource>(_ type: Object.Type) -> Store<Object> {
        switch type {
        case is BrokerCluster.Type: clusters as! Store<Object>
        case is NodeEvacuation.Type: evacuations as! Store<Object>
        case is ClusterRebalance.Type: rebalances as! Store<Object>
        default: fatalError("InMemoryKubernetes does not store \(type)")
        }
    }

    /// Writes `object` as the API server would store it, and tells the cache's subscribers.
    private func put<Object: Resource>(_ object: Object, into store: Store<Object>) {
        var object = object
        object.metadata.resourceVersion = nextVersion()
        store.notify([store.apply(object)])
    }

    private func remove<Object: Resource>(_ object: Object, from store: Store<Object>) {
        store.notify([store.delete(object)])
    }

    /// Changes the stored object `key` with `change`; returns `false` when it does not exist.
    @discardableResult
    private func modify<Object: RebalancingResource>(_ type: Object.Type, _ key: ObjectKey, precondition: String? = nil, _ change: (inout Object) -> Void) -> Bool {
        serial.withLock { _ in modifyLocked(type, key, precondition: precondition, change) }
    }

    private func modifyLocked<Object: RebalancingResource>(_ type: Object.Type, _ key: ObjectKey, precondition: String?, _ change: (inout Object) -> Void) -> Bool {
        let store = store(type)
        guard var object = store.object(for: key) else { return false }
        if let precondition, object.metadata.resourceVersion != precondition { return false }
        let spec = object.spec
        change(&object)
        if object.spec != spec { object.metadata.generation = (object.metadata.generation ?? 1) + 1 }
        if object.metadata.deletionTimestamp != nil, object.metadata.finalizers?.isEmpty ?? true {
            remove(object, from: store)
        } else {
            put(object, into: store)
        }
        return true
    }

    // MARK: - What a user does

    /// Creates `object` (uid, creationTimestamp and generation 1 set), as `kubectl apply` of a new object.
    @discardableResult
    func create<Object: RebalancingResource>(_ object: Object) async throws -> Object {
        var object = object
        object.metadata.namespace = object.metadata.namespace ?? "default"
        object.metadata.uid = object.metadata.uid ?? UUID().uuidString
        object.metadata.creationTimestamp = Timestamp(now())
        object.metadata.generation = 1
        writes.withLock { $0.append("create \(Object.kind)/\(object.metadata.name ?? "")") }
        put(object, into: store(Object.self))
        return store(Object.self).object(for: object.key) ?? object
    }

    /// Changes the spec of `key`, as `kubectl apply` or `kubectl patch` of an existing object.
    func update<Object: RebalancingResource>(_ type: Object.Type, _ key: ObjectKey, _ change: (inout Object.Spec) -> Void) {
        modify(type, key) { change(&$0.spec) }
    }

    /// Deletes `key`: gone at once without finalizers, otherwise marked with a deletionTimestamp.
    func delete<Object: RebalancingResource>(_ type: Object.Type, _ key: ObjectKey) {
        let store = store(type)
        guard let object = store.object(for: key) else { return }
        if object.metadata.finalizers?.isEmpty ?? true {
            remove(object, from: store)
        } else {
            modify(type, key) { $0.metadata.deletionTimestamp = Timestamp(now()) }
        }
    }

    func put(_ pod: Pod) {
        var pod = pod
        pod.metadata.uid = pod.metadata.uid ?? UUID().uuidString
        put(pod, into: pods)
    }

    func put(_ node: KubeNode) {
        var node = node
        node.metadata.uid = node.metadata.uid ?? UUID().uuidString
        put(node, into: nodes)
    }

    /// Creates or replaces a StatefulSet (`kubectl scale`, `kubectl apply`); the generation moves with the spec.
    func put(_ set: StatefulSet) {
        var set = set
        let stored = statefulSets.object(for: set.key)
        set.metadata.uid = stored?.metadata.uid ?? set.metadata.uid ?? UUID().uuidString
        set.metadata.generation = (stored?.metadata.generation ?? 0) + (stored?.spec == set.spec ? 0 : 1)
        put(set, into: statefulSets)
    }

    func put(_ budget: PodDisruptionBudget, as user: Bool) {
        var budget = budget
        budget.metadata.uid = budget.metadata.uid ?? UUID().uuidString
        put(budget, into: budgets)
    }

    /// Changes the stored node `name`, as `kubectl cordon` or `kubectl taint` would.
    func modifyNode(_ name: String, _ change: (inout KubeNode) -> Void) {
        serial.withLock { _ in
            guard var node = nodes.object(for: ObjectKey(namespace: nil, name: name)) else { return }
            change(&node)
            put(node, into: nodes)
        }
    }

    /// Changes the stored pod `name`, as the kubelet or a user would.
    func modifyPod(_ name: String, namespace: String = "default", _ change: (inout Pod) -> Void) {
        serial.withLock { _ in
            guard var pod = pods.object(for: ObjectKey(namespace: namespace, name: name)) else { return }
            change(&pod)
            put(pod, into: pods)
        }
    }

    /// Removes the pod `name` for good (the kubelet confirmed its deletion).
    func removePod(_ name: String, namespace: String = "default") {
        guard let pod = pods.object(for: ObjectKey(namespace: namespace, name: name)) else { return }
        remove(pod, from: pods)
    }

    func pod(_ name: String, namespace: String = "default") -> Pod? { pods.object(for: ObjectKey(namespace: namespace, name: name)) }

    /// The eviction API as the API server answers it: 429 while a budget with no disruption allowed selects the pod,
    /// 500 when two budgets select it; otherwise the pod is marked for deletion.
    enum EvictionAnswer: Equatable { case evicted, tooManyRequests, twoBudgets }

    func evict(_ name: String, namespace: String = "default") -> EvictionAnswer {
        guard let pod = pod(name, namespace: namespace) else { return .evicted }
        let selecting = budgets.objects.filter { budget in
            guard budget.metadata.namespace == namespace, let selector = budget.spec?.selector else { return false }
            return selector.matches(pod.metadata.labels ?? [:])
        }
        if selecting.count > 1 { return .twoBudgets }
        if let budget = selecting.first, budget.spec?.maxUnavailable == .int(0) { return .tooManyRequests }
        modifyPod(name, namespace: namespace) { $0.metadata.deletionTimestamp = Timestamp(now()) }
        return .evicted
    }

    func put(_ secret: Secret) {
        secrets.withLock { $0[secret.key] = secret }
    }

    func object<Object: RebalancingResource>(_ type: Object.Type, _ key: ObjectKey) -> Object? {
        store(type).object(for: key)
    }

    // MARK: - ResourceWriting

    func addFinalizer<Object: RebalancingResource>(_ finalizer: String, to object: Object) async throws {
        writes.withLock { $0.append("addFinalizer \(Object.kind)/\(object.metadata.name ?? "")") }
        modify(Object.self, object.key) { stored in
            if !(stored.metadata.finalizers ?? []).contains(finalizer) { stored.metadata.finalizers = (stored.metadata.finalizers ?? []) + [finalizer] }
        }
    }

    func removeFinalizer<Object: RebalancingResource>(_ finalizer: String, from object: Object) async throws {
        writes.withLock { $0.append("removeFinalizer \(Object.kind)/\(object.metadata.name ?? "")") }
        modify(Object.self, object.key) { stored in stored.metadata.finalizers?.removeAll { $0 == finalizer } }
    }

    func patchStatus<Object: RebalancingResource>(of object: Object, from cached: Object.Status?, to desired: Object.Status, preconditioned: Bool) async throws -> StatusWrite {
        guard cached != desired else { return .unchanged }
        guard store(Object.self).object(for: object.key) != nil else { return .gone }
        let precondition = preconditioned ? object.metadata.resourceVersion : nil
        guard modify(Object.self, object.key, precondition: precondition, { $0.status = desired }) else {
            return store(Object.self).object(for: object.key) == nil ? .gone : .conflict
        }
        writes.withLock { $0.append("patchStatus \(Object.kind)/\(object.metadata.name ?? "")") }
        return .written
    }

    func annotate<Object: RebalancingResource>(_ object: Object, key: String, value: String?) async throws {
        writes.withLock { $0.append("annotate \(Object.kind)/\(object.metadata.name ?? "")") }
        modify(Object.self, object.key) { stored in
            var annotations = stored.metadata.annotations ?? [:]
            annotations[key] = value
            stored.metadata.annotations = annotations
        }
    }

    func delete<Object: RebalancingResource>(_ object: Object) async throws {
        delete(Object.self, object.key)
    }

    func label(pod name: String, namespace: String, key: String, value: String?) async throws {
        writes.withLock { $0.append("label Pod/\(name) \(key)=\(value ?? "-")") }
        modifyPod(name, namespace: namespace) { pod in
            var labels = pod.metadata.labels ?? [:]
            labels[key] = value
            pod.metadata.labels = labels
        }
    }

    func put(_ budget: PodDisruptionBudget) async throws {
        writes.withLock { $0.append("put PodDisruptionBudget/\(budget.metadata.name ?? "")") }
        serial.withLock { _ in
            var stored = budgets.object(for: budget.key) ?? budget
            stored.metadata.uid = stored.metadata.uid ?? UUID().uuidString
            stored.metadata.labels = budget.metadata.labels
            stored.metadata.ownerReferences = budget.metadata.ownerReferences
            stored.spec = budget.spec
            put(stored, into: budgets)
        }
    }

    func deleteBudget(named name: String, namespace: String) async throws {
        writes.withLock { $0.append("delete PodDisruptionBudget/\(name)") }
        guard let budget = budgets.object(for: ObjectKey(namespace: namespace, name: name)) else { return }
        remove(budget, from: budgets)
    }

    // MARK: - SecretReading

    func secret(named name: String, in namespace: String) async throws -> Secret? {
        secrets.withLock { $0[ObjectKey(namespace: namespace, name: name)] }
    }
}
