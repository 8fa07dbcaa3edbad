import KubeClient
import Synchronization

/// A local cache of one kind of object, kept by a ``Reflector`` from a list-then-watch stream.
///
/// One writer (the reflector, through ``StoreWriter``) and any number of readers. Reads are cheap snapshots under a
/// lock; nothing a reader gets changes afterwards.
///
/// ## Staleness
/// The cache lags the API server by the watch latency. A reconciler that does not find an object should treat it as
/// deleted or not yet seen and wait for the next event, not conclude that it never existed; one that just wrote an
/// object may read the previous version until the watch delivers the write.
///
/// ## Guarantees
/// - ``isSynced`` turns true after the first complete list and stays true; ``waitUntilSynced()`` returns then.
/// - Secondary indexes (``StoreIndex``) always agree with the primary map.
/// - Subscribers are called synchronously, in order, after each change is visible to readers.
public final class Store<Object: Resource>: Sendable {
    /// A registered change handler; ``Store/unsubscribe(_:)`` removes it.
    public struct Subscription: Sendable, Hashable {
        let id: UInt64
    }

    struct State {
        var objects: [ObjectKey: Object] = [:]
        var index: [String: [String: Set<ObjectKey>]] = [:]
        var subscribers: [UInt64: @Sendable (StoreChange<Object>) -> Void] = [:]
        var nextID: UInt64 = 0
    }

    let indexes: [StoreIndex<Object>]
    let state = Mutex(State())
    private let synced = AsyncFlag()

    /// - Parameter indexes: Secondary indexes to maintain, looked up by name in ``objects(inIndex:value:)``.
    public init(indexes: [StoreIndex<Object>] = []) {
        self.indexes = indexes
    }

    /// The cached object with `key`, if any. See the staleness note of the type.
    public func object(for key: ObjectKey) -> Object? {
        state.withLock { $0.objects[key] }
    }

    /// All cached objects, in no particular order.
    public var objects: [Object] {
        state.withLock { Array($0.objects.values) }
    }

    /// The keys of all cached objects, sorted.
    public var keys: [ObjectKey] {
        state.withLock { $0.objects.keys.sorted() }
    }

    public var count: Int {
        state.withLock { $0.objects.count }
    }

    /// The cached objects whose index `name` holds `value`.
    /// - Precondition: an index of that name was given at init; otherwise the answer is empty.
    public func objects(inIndex name: String, value: String) -> [Object] {
        state.withLock { state in
            guard let keys = state.index[name]?[value] else { return [] }
            return keys.sorted().compactMap { state.objects[$0] }
        }
    }

    /// The cached objects in `index` under `value`.
    public func objects(in index: StoreIndex<Object>, value: String) -> [Object] {
        objects(inIndex: index.name, value: value)
    }

    /// The cached objects owned by the object with `uid`, through the ``StoreIndex/ownerUID`` index when present,
    /// otherwise by a scan.
    public func objects(ownedBy uid: String) -> [Object] {
        if indexes.contains(where: { $0.name == StoreIndex<Object>.ownerUIDName }) {
            return objects(inIndex: StoreIndex<Object>.ownerUIDName, value: uid)
        }
        return objects.filter { $0.metadata.ownerReferences?.contains { $0.uid == uid } == true }
            .sorted { $0.key < $1.key }
    }

    /// The cached objects whose labels include all of `selector`.
    public func objects(matchingLabels selector: [String: String]) -> [Object] {
        objects.filter { object in
            let labels = object.metadata.labels ?? [:]
            return selector.allSatisfy { labels[$0.key] == $0.value }
        }.sorted { $0.key < $1.key }
    }

    /// Whether the first complete list has been applied.
    public var isSynced: Bool { synced.isSet }

    /// Returns once the store has synced, or when the task is cancelled.
    public func waitUntilSynced() async {
        await synced.wait()
    }

    /// Registers `handler`, called synchronously with every change after it is applied. It must not block; a
    /// controller's handler only adds keys to its queue.
    public func subscribe(_ handler: @escaping @Sendable (StoreChange<Object>) -> Void) -> Subscription {
        state.withLock { state in
            state.nextID += 1
            state.subscribers[state.nextID] = handler
            return Subscription(id: state.nextID)
        }
    }

    public func unsubscribe(_ subscription: Subscription) {
        _ = state.withLock { $0.subscribers.removeValue(forKey: subscription.id) }
    }

    // MARK: - Writing (through StoreWriter)

    /// Replaces the whole content with `objects`; returns the changes (objects missing from `objects` are deleted;
    /// objects whose resourceVersion did not change are not reported).
    func replaceAll(with newObjects: [ObjectKey: Object]) -> [StoreChange<Object>] {
        let changes = state.withLock { state in
            var changes: [StoreChange<Object>] = []
            for (key, old) in state.objects where newObjects[key] == nil {
                removeFromIndexes(old, key: key, state: &state)
                changes.append(.deleted(old))
            }
            for (key, new) in newObjects {
                let old = state.objects[key]
                if let old {
                    if old.metadata.resourceVersion == new.metadata.resourceVersion, new.metadata.resourceVersion != nil {
                        continue
                    }
                    removeFromIndexes(old, key: key, state: &state)
                }
                addToIndexes(new, key: key, state: &state)
                changes.append(.applied(old: old, new: new))
            }
            state.objects = newObjects
            return changes
        }
        synced.set()
        return changes
    }

    func apply(_ object: Object) -> StoreChange<Object> {
        let key = object.key
        return state.withLock { state in
            let old = state.objects.updateValue(object, forKey: key)
            if let old { removeFromIndexes(old, key: key, state: &state) }
            addToIndexes(object, key: key, state: &state)
            return .applied(old: old, new: object)
        }
    }

    func delete(_ object: Object) -> StoreChange<Object> {
        let key = object.key
        return state.withLock { state in
            guard let old = state.objects.removeValue(forKey: key) else { return .deleted(object) }
            removeFromIndexes(old, key: key, state: &state)
            return .deleted(object)
        }
    }

    func notify(_ changes: [StoreChange<Object>]) {
        guard !changes.isEmpty else { return }
        let handlers = state.withLock { state in state.subscribers.sorted { $0.key < $1.key }.map(\.value) }
        for change in changes {
            for handler in handlers { handler(change) }
        }
    }

    private func addToIndexes(_ object: Object, key: ObjectKey, state: inout State) {
        for index in indexes {
            for value in index.values(object) {
                state.index[index.name, default: [:]][value, default: []].insert(key)
            }
        }
    }

    private func removeFromIndexes(_ object: Object, key: ObjectKey, state: inout State) {
        for index in indexes {
            for value in index.values(object) {
                state.index[index.name]?[value]?.remove(key)
                if state.index[index.name]?[value]?.isEmpty == true { state.index[index.name]?[value] = nil }
            }
        }
    }
}
