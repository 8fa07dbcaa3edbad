import Foundation
import KubeClient

/// The test API server's storage: every object of every served kind, held as JSON, with one increasing
/// resourceVersion (the "revision") for all writes.
///
/// ## Guarantees
/// - Every write (create, update, status write, deletion mark, removal) takes the next revision and records one
///   ``StoredEvent``; watches see the events in revision order.
/// - Reads see the latest state (consistent reads); lists are sorted by namespace and name.
/// - Continue tokens name a snapshot revision; later pages are computed against that snapshot by undoing newer
///   events, and are refused with 410 Expired once the history no longer reaches back to it.
/// - Side effects of the controllers a real cluster runs (garbage collection through `ownerReferences`, the
///   PodDisruptionBudget status, namespace termination, CRD registration) happen inside the same write, so a client
///   never sees a half-applied state.
///
/// Fidelity: objects are stored in the version they were written in and served in the requested version by
/// rewriting `apiVersion` only (no conversion), as a CRD with the `None` conversion strategy does. core/v1 and
/// events.k8s.io/v1 Events are stored apart.
actor ObjectStore {
    struct ListResult: Sendable {
        var items: [JSONValue]
        var resourceVersion: String
        var continueToken: String?
        var remainingItemCount: Int?
    }

    var kindsByPath: [String: RegisteredKind] = [:]
    /// Registration order, for discovery.
    var kindOrder: [String] = []
    var objects: [StorageKey: [ObjectKey: JSONValue]] = [:]
    var revision: Int64 = 1000
    var history: EventHistory
    var watches: [UUID: WatchRegistration] = [:]
    /// Set by ``beginShutdown()``: new watches end at once, so a client that reconnects cannot hold up shutdown.
    var isShuttingDown = false
    /// Called with the server's kinds whenever they change (CRD created, updated or deleted).
    private let onKindsChanged: @Sendable ([RegisteredKind]) -> Void

    /// What deleting a running, scheduled pod does (see ``TestAPIServer/PodDeletion``).
    let podDeletion: TestAPIServer.PodDeletion

    init(builtinKinds: [RegisteredKind], historyLimit: Int, podDeletion: TestAPIServer.PodDeletion = .immediate,
         onKindsChanged: @escaping @Sendable ([RegisteredKind]) -> Void = { _ in }) {
        self.history = EventHistory(limit: historyLimit)
        self.podDeletion = podDeletion
        self.onKindsChanged = onKindsChanged
        for kind in builtinKinds { Self.insert(kind, into: &kindsByPath, order: &kindOrder) }
        let now = Self.timestamp()
        for namespace in ["default", "kube-system", "kube-public", "kube-node-lease"] {
            revision += 1
            let object: JSONValue = [
                "apiVersion": "v1", "kind": "Namespace",
                "metadata": [
                    "name": .string(namespace), "uid": .string(Self.newUID()), "resourceVersion": .string(String(revision)),
                    "creationTimestamp": .string(now), "labels": ["kubernetes.io/metadata.name": .string(namespace)],
                ],
                "spec": ["finalizers": ["kubernetes"]],
                "status": ["phase": "Active"],
            ]
            objects[.namespaces, default: [:]][ObjectKey(name: namespace)] = object
            revision += 1
            var account = Self.defaultServiceAccount(in: namespace, now: now)
            account.resourceVersion = String(revision)
            objects[Self.serviceAccounts, default: [:]][ObjectKey(namespace: namespace, name: "default")] = account
        }
    }

    private static func insert(_ kind: RegisteredKind, into table: inout [String: RegisteredKind], order: inout [String]) {
        let path = pathKey(group: kind.resource.group, version: kind.resource.version, plural: kind.resource.plural)
        if table[path] == nil { order.append(path) }
        table[path] = kind
    }

    static func pathKey(group: String, version: String, plural: String) -> String { "\(group)/\(version)/\(plural)" }

    static func newUID() -> String { UUID().uuidString.lowercased() }

    /// `metav1.Time` now: RFC 3339, whole seconds.
    static func timestamp(_ date: Date = Date()) -> String { RFC3339.format(date, fractionalDigits: 0) }

    // MARK: Kinds

    func kind(group: String, version: String, plural: String) -> RegisteredKind? {
        kindsByPath[Self.pathKey(group: group, version: version, plural: plural)]
    }

    /// Every served kind, built-ins first, then custom kinds in registration order.
    func allKinds() -> [RegisteredKind] { kindOrder.compactMap { kindsByPath[$0] } }

    /// The kind stored under `key` in its first served version (for garbage collection and controllers).
    func anyKind(for key: StorageKey) -> RegisteredKind? {
        allKinds().first { StorageKey($0.resource) == key }
    }

    /// Serves `kinds` (replacing kinds with the same group, version and plural).
    func register(_ kinds: [RegisteredKind]) {
        for kind in kinds { Self.insert(kind, into: &kindsByPath, order: &kindOrder) }
        onKindsChanged(allKinds())
    }

    /// Stops serving a custom kind (its CRD was removed): deletes its objects, ends its watches, forgets it.
    func unregister(group: String, plural: String) {
        let removed = kindOrder.filter { path in
            guard let kind = kindsByPath[path] else { return false }
            return kind.isCustom && kind.resource.group == group && kind.resource.plural == plural
        }
        let key = StorageKey(group: group, plural: plural)
        // The CRD's objects go first (each one a DELETED event), then its watches end, as the real server's
        // `customresourcecleanup` finalizer and handler teardown do.
        for object in (objects[key] ?? [:]).values.sorted(by: { $0.objectKey < $1.objectKey }) {
            commitRemove(key, object, previous: object)
        }
        for (id, registration) in watches where StorageKey(registration.kind.resource) == key {
            registration.continuation.finish()
            watches[id] = nil
        }
        for path in removed { kindsByPath[path] = nil }
        kindOrder.removeAll { removed.contains($0) }
        objects[key] = nil
        onKindsChanged(allKinds())
    }

    // MARK: Reads

    var currentResourceVersion: String { String(revision) }

    func get(_ kind: RegisteredKind, namespace: String?, name: String) -> JSONValue? {
        objects[StorageKey(kind.resource)]?[ObjectKey(namespace: kind.resource.isNamespaced ? namespace : nil, name: name)]
            .map { Self.served($0, as: kind) }
    }

    func list(_ kind: RegisteredKind, filter: ObjectFilter, limit: Int?, continueToken: String?) throws(APIError) -> ListResult {
        let storageKey = StorageKey(kind.resource)
        var snapshotRevision = revision
        var startAfter: String?
        var source = objects[storageKey] ?? [:]
        if let continueToken, !continueToken.isEmpty {
            guard let token = ContinueToken(encoded: continueToken) else {
                throw .badRequest("continue key is not valid: illegal base64 data")
            }
            guard history.canServe(from: token.revision) else {
                throw .expired("The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.")
            }
            snapshotRevision = token.revision
            startAfter = token.lastKey
            source = snapshot(of: storageKey, at: token.revision)
        }
        let matching = source
            .map { ($0.key, Self.served($0.value, as: kind)) }
            .filter { filter.matches($0.1) }
            .sorted { $0.0.description < $1.0.description }
            .filter { startAfter == nil || $0.0.description > startAfter! }
        var page = matching
        var token: String?
        var remaining: Int?
        if let limit, limit > 0, matching.count > limit {
            page = Array(matching.prefix(limit))
            token = ContinueToken(revision: snapshotRevision, lastKey: page[page.count - 1].0.description).encoded
            remaining = matching.count - limit
        }
        return ListResult(items: page.map(\.1), resourceVersion: String(snapshotRevision),
                          continueToken: token, remainingItemCount: remaining)
    }

    /// The objects of `key` as they were at `target`, rebuilt by undoing newer events.
    private func snapshot(of key: StorageKey, at target: Int64) -> [ObjectKey: JSONValue] {
        var state = objects[key] ?? [:]
        for event in history.events(after: target).reversed() where event.kind == key {
            let objectKey = event.object.objectKey
            switch event.type {
            case .added: state[objectKey] = nil
            case .modified, .deleted: state[objectKey] = event.previous
            }
        }
        return state
    }

    /// The stored objects of one kind in one namespace (or all), unsorted, as stored.
    func storedObjects(_ key: StorageKey, namespace: String? = nil) -> [JSONValue] {
        let all = objects[key]?.values.map { $0 } ?? []
        guard let namespace else { return all }
        return all.filter { $0.namespace == namespace }
    }

    /// `object` with `apiVersion` and `kind` of the version it is served in.
    static func served(_ object: JSONValue, as kind: RegisteredKind) -> JSONValue {
        var copy = EventConversion.isEventsV1(kind.resource) ? EventConversion.toEventsV1(object) : object
        copy["apiVersion"] = .string(kind.resource.apiVersion)
        copy["kind"] = .string(kind.resource.kind)
        return copy
    }

    /// `object`, written through `kind`, in the shape it is stored in (only events.k8s.io/v1 Events differ).
    static func stored(_ object: JSONValue, as kind: RegisteredKind) -> JSONValue {
        guard EventConversion.isEventsV1(kind.resource) else { return object }
        var copy = EventConversion.toCore(object)
        copy["apiVersion"] = "v1"
        copy["kind"] = "Event"
        return copy
    }
}
