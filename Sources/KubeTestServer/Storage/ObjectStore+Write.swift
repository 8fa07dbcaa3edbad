import Foundation
import KubeClient

extension ObjectStore {
    /// What an update did.
    enum WriteOutcome: Sendable {
        /// The stored object after the write (unchanged when the write changed nothing).
        case updated(JSONValue)
        /// The write emptied the finalizers of an object being deleted, which removed it (its last state).
        case removed(JSONValue)
    }

    /// What a DELETE did.
    enum DeleteOutcome: Sendable {
        /// Removed at once; the last state, carrying the deletion revision.
        case removed(JSONValue)
        /// Finalizers pending: the object now carries a `deletionTimestamp`.
        case markedForDeletion(JSONValue)
    }

    /// `DeleteOptions` as far as this server honours them.
    struct DeleteRequest: Sendable {
        enum Propagation: String, Sendable {
            case background = "Background"
            case foreground = "Foreground"
            case orphan = "Orphan"
        }

        var preconditionUID: String?
        var preconditionResourceVersion: String?
        var propagation: Propagation = .background
        /// For pods: the grace period the answer reports (the pod is removed at once; there is no kubelet).
        var gracePeriodSeconds: Int64?
        var dryRun = false
    }

    // MARK: Create

    /// Creates `object` (already pruned, defaulted and validated by the caller): assigns the name (from
    /// `generateName` if needed), uid, creationTimestamp, generation 1 (for kinds that track it, see
    /// ``ObjectStrategy/tracksGeneration(_:)``) and the next resourceVersion.
    func create(_ kind: RegisteredKind, namespace: String?, object incoming: JSONValue, dryRun: Bool) throws(APIError) -> JSONValue {
        let key = StorageKey(kind.resource)
        var object = incoming
        if kind.resource.isNamespaced {
            guard let namespace, !namespace.isEmpty else { throw .badRequest("the namespace of the object must be set in the request path") }
            if let bodyNamespace = object.namespace, !bodyNamespace.isEmpty, bodyNamespace != namespace {
                throw .badRequest("the namespace of the provided object does not match the namespace sent on the request")
            }
            object.namespace = namespace
            try checkNamespaceAcceptsObjects(namespace, kind: kind, name: object.name ?? "")
        } else {
            object[path: ["metadata", "namespace"]] = nil
        }
        if object.name?.isEmpty ?? true {
            guard let prefix = object[path: ["metadata", "generateName"]]?.stringValue, !prefix.isEmpty else {
                throw .invalidField(kind.resource, name: "", field: "metadata.name", type: "FieldValueRequired",
                                    detail: "Required value: name or generateName is required")
            }
            var candidate = prefix + Self.randomSuffix()
            while objects[key]?[ObjectKey(namespace: object.namespace, name: candidate)] != nil { candidate = prefix + Self.randomSuffix() }
            object.name = candidate
        }
        let name = object.name ?? ""
        if let problem = NameValidation.problem(with: name, kind: kind) {
            throw .invalidField(kind.resource, name: name, field: "metadata.name", type: "FieldValueInvalid", detail: problem)
        }
        if objects[key]?[object.objectKey] != nil { throw .alreadyExists(kind.resource, name: name) }

        let now = Self.timestamp()
        object[path: ["metadata", "uid"]] = .string(Self.newUID())
        object[path: ["metadata", "creationTimestamp"]] = .string(now)
        object[path: ["metadata", "generation"]] = ObjectStrategy.tracksGeneration(kind) ? 1 : nil
        object[path: ["metadata", "resourceVersion"]] = nil
        object[path: ["metadata", "deletionTimestamp"]] = nil
        object[path: ["metadata", "deletionGracePeriodSeconds"]] = nil
        object = Self.stored(ObjectStrategy.prepareForCreate(object, kind: kind, now: now), as: kind)

        var registeredKinds: [RegisteredKind] = []
        if key == .customResourceDefinitions {
            registeredKinds = try Surface.kinds(fromCustomResourceDefinition: object)
            object = ObjectStrategy.establishedCustomResourceDefinition(object, now: now)
        }
        if dryRun { return Self.served(object, as: kind) }

        let stored = commitPut(key, object, previous: nil)
        if !registeredKinds.isEmpty { register(registeredKinds) }
        return Self.served(stored, as: kind)
    }

    private func checkNamespaceAcceptsObjects(_ namespace: String, kind: RegisteredKind, name: String) throws(APIError) {
        guard let namespaceObject = objects[.namespaces]?[ObjectKey(name: namespace)] else {
            throw .notFound(ResourceDescription(group: "", version: "v1", kind: "Namespace", plural: "namespaces", isNamespaced: false), name: namespace)
        }
        if namespaceObject.deletionTimestamp != nil {
            throw .forbidden(kind.resource, name: name,
                             detail: "unable to create new content in namespace \(namespace) because it is being terminated",
                             causes: [.init(type: "NamespaceTerminating", message: "namespace \(namespace) is being terminated", field: "metadata.namespace")])
        }
    }

    static func randomSuffix() -> String {
        let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")
        return String((0..<5).map { _ in alphabet[Int.random(in: 0..<alphabet.count)] })
    }

    // MARK: Update

    /// Replaces an object with what `transform` makes of the stored one (served in `kind`'s version), applying the
    /// rules every update obeys: resourceVersion precondition (409; 422 when a custom resource omits it), immutable
    /// metadata, generation bumps only on changes outside `metadata` (and `status` when it is a subresource), no new
    /// finalizers while deleting, removal when the last finalizer of a deleting object goes. A write that changes
    /// nothing keeps the resourceVersion and emits no event.
    func update(
        _ kind: RegisteredKind, namespace: String?, name: String, dryRun: Bool,
        transform: @Sendable (JSONValue) throws(APIError) -> JSONValue
    ) throws(APIError) -> WriteOutcome {
        let key = StorageKey(kind.resource)
        let objectKey = ObjectKey(namespace: kind.resource.isNamespaced ? namespace : nil, name: name)
        guard let current = objects[key]?[objectKey] else { throw .notFound(kind.resource, name: name) }
        var desired = ObjectStrategy.defaulted(Self.stored(try transform(Self.served(current, as: kind)), as: kind), kind: kind)
        if key == .services {
            // The allocated addresses stay when an update leaves them out (`patchAllocatedValues`).
            for field in ["clusterIP", "clusterIPs", "ipFamilies", "ipFamilyPolicy"] where desired[path: ["spec", field]] == nil {
                desired[path: ["spec", field]] = current[path: ["spec", field]]
            }
        }

        if let desiredName = desired.name, !desiredName.isEmpty, desiredName != name {
            throw .badRequest("the name of the object (\(desiredName)) does not match the name on the URL (\(name))")
        }
        if kind.resource.isNamespaced, let desiredNamespace = desired.namespace, !desiredNamespace.isEmpty, desiredNamespace != namespace {
            throw .badRequest("the namespace of the provided object does not match the namespace sent on the request")
        }
        let requestedVersion = desired.resourceVersion ?? ""
        if requestedVersion.isEmpty {
            if kind.isCustom {
                throw .invalidField(kind.resource, name: name, field: "metadata.resourceVersion", type: "FieldValueInvalid",
                                    detail: "Invalid value: 0x0: must be specified for an update")
            }
        } else if requestedVersion != current.resourceVersion {
            throw .conflict(kind.resource, name: name)
        }
        if let uid = desired.uid, !uid.isEmpty, uid != current.uid {
            throw .invalidField(kind.resource, name: name, field: "metadata.uid", type: "FieldValueInvalid",
                                detail: "Invalid value: \"\(uid)\": field is immutable")
        }
        if current.deletionTimestamp != nil {
            let added = desired.finalizers.filter { !current.finalizers.contains($0) }
            if !added.isEmpty {
                throw .invalidField(kind.resource, name: name, field: "metadata.finalizers", type: "FieldValueForbidden",
                                    detail: "Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{" + added.map { "\"\($0)\"" }.joined(separator: ", ") + "}")
            }
        }
        for field in ["name", "namespace", "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "resourceVersion", "generation"] {
            desired[path: ["metadata", field]] = current[path: ["metadata", field]]
        }
        desired["apiVersion"] = current["apiVersion"]
        desired["kind"] = current["kind"]
        if ObjectStrategy.tracksGeneration(kind), ObjectStrategy.specChanged(from: current, to: desired, kind: kind) {
            desired[path: ["metadata", "generation"]] = .int(current.generation + 1)
            if key == .deployments { desired = WorkloadDefaults.deploymentStatus(desired) }
        }
        if let finalizers = desired[path: ["metadata", "finalizers"]]?.arrayValue, finalizers.isEmpty {
            desired[path: ["metadata", "finalizers"]] = nil
        }
        var registeredKinds: [RegisteredKind] = []
        if key == .customResourceDefinitions {
            registeredKinds = try Surface.kinds(fromCustomResourceDefinition: desired)
        }
        // `ShouldDeleteDuringUpdate`: being deleted, no finalizers left, and no grace period still running.
        let isRemoval = desired.deletionTimestamp != nil && desired.finalizers.isEmpty
            && (desired[path: ["metadata", "deletionGracePeriodSeconds"]]?.intValue ?? 0) == 0
        if desired == current && !isRemoval { return .updated(Self.served(current, as: kind)) }
        if dryRun { return .updated(Self.served(desired, as: kind)) }

        if isRemoval {
            let removed = commitRemove(key, desired, previous: current)
            return .removed(Self.served(removed, as: kind))
        }
        let stored = commitPut(key, desired, previous: current)
        if !registeredKinds.isEmpty { register(registeredKinds) }
        return .updated(Self.served(stored, as: kind))
    }

    // MARK: Delete

    /// Deletes an object: checks the preconditions (409), then removes it at once, or, while finalizers remain,
    /// sets `deletionTimestamp` (bumping generation) and leaves removal to whoever clears the finalizers.
    /// Dependents (through `ownerReferences`) are deleted, or orphaned with `propagationPolicy=Orphan`.
    func delete(_ kind: RegisteredKind, namespace: String?, name: String, options: DeleteRequest) throws(APIError) -> DeleteOutcome {
        let key = StorageKey(kind.resource)
        let objectKey = ObjectKey(namespace: kind.resource.isNamespaced ? namespace : nil, name: name)
        guard let current = objects[key]?[objectKey] else { throw .notFound(kind.resource, name: name) }
        if let uid = options.preconditionUID, uid != current.uid {
            throw .conflict(kind.resource, name: name, detail: "Precondition failed: UID in precondition: \(uid), UID in object meta: \(current.uid ?? "")")
        }
        if let version = options.preconditionResourceVersion, version != current.resourceVersion {
            throw .conflict(kind.resource, name: name, detail: "Precondition failed: ResourceVersion in precondition: \(version), ResourceVersion in object meta: \(current.resourceVersion ?? "")")
        }
        if options.dryRun {
            var marked = current
            if current.finalizers.isEmpty { return .removed(Self.served(current, as: kind)) }
            marked[path: ["metadata", "deletionTimestamp"]] = .string(Self.timestamp())
            return .markedForDeletion(Self.served(marked, as: kind))
        }
        switch deleteStored(key, objectKey, propagation: options.propagation, gracePeriodSeconds: options.gracePeriodSeconds) {
        case .removed(let object): return .removed(Self.served(object, as: kind))
        case .markedForDeletion(let object): return .markedForDeletion(Self.served(object, as: kind))
        }
    }

    /// Deletes one stored object (used by DELETE, garbage collection, namespace termination and eviction).
    @discardableResult
    func deleteStored(_ key: StorageKey, _ objectKey: ObjectKey, propagation: DeleteRequest.Propagation = .background,
                      gracePeriodSeconds: Int64? = nil) -> DeleteOutcome {
        guard let current = objects[key]?[objectKey] else { return .removed(.null) }
        if key == .namespaces {
            return terminateNamespace(current)
        }
        if propagation == .orphan, let uid = current.uid {
            orphanDependents(of: uid)
        } else if propagation == .foreground, let uid = current.uid {
            collectDependents(of: uid, propagation: .foreground)
        }
        guard current.finalizers.isEmpty else {
            if current.deletionTimestamp != nil { return .markedForDeletion(current) }
            var marked = current
            marked[path: ["metadata", "deletionTimestamp"]] = .string(Self.timestamp())
            marked[path: ["metadata", "deletionGracePeriodSeconds"]] = 0
            // `markAsDeleting`: generation+1 only where the kind has one.
            if current.generation > 0 { marked[path: ["metadata", "generation"]] = .int(current.generation + 1) }
            return .markedForDeletion(commitPut(key, marked, previous: current))
        }
        if key == .pods, podDeletion == .awaitKubelet, let marked = markPodTerminating(current, gracePeriodSeconds: gracePeriodSeconds) {
            return .markedForDeletion(marked)
        }
        var last = current
        if key == .pods, last.deletionTimestamp == nil {
            // What a graceful pod deletion answers: the deadline the kubelet would have; the pod goes at once here.
            let grace = max(0, gracePeriodSeconds ?? current[path: ["spec", "terminationGracePeriodSeconds"]]?.intValue ?? 30)
            last[path: ["metadata", "deletionTimestamp"]] = .string(Self.timestamp(Date().addingTimeInterval(Double(grace))))
            last[path: ["metadata", "deletionGracePeriodSeconds"]] = .int(grace)
        }
        return .removed(commitRemove(key, last, previous: current))
    }

    /// `.awaitKubelet`: marks a running, scheduled pod Terminating (or shortens its grace period); `nil` when the
    /// pod is to be removed now.
    private func markPodTerminating(_ pod: JSONValue, gracePeriodSeconds: Int64?) -> JSONValue? {
        let grace = max(0, gracePeriodSeconds ?? pod[path: ["spec", "terminationGracePeriodSeconds"]]?.intValue ?? 30)
        let phase = pod[path: ["status", "phase"]]?.stringValue ?? "Pending"
        let node = pod[path: ["spec", "nodeName"]]?.stringValue ?? ""
        guard grace > 0, !node.isEmpty, phase != "Succeeded", phase != "Failed" else { return nil }
        if pod.deletionTimestamp != nil, let current = pod[path: ["metadata", "deletionGracePeriodSeconds"]]?.intValue, current <= grace {
            return pod
        }
        var marked = pod
        marked[path: ["metadata", "deletionTimestamp"]] = .string(Self.timestamp(Date().addingTimeInterval(Double(grace))))
        marked[path: ["metadata", "deletionGracePeriodSeconds"]] = .int(grace)
        if pod.deletionTimestamp == nil, pod.generation > 0 { marked[path: ["metadata", "generation"]] = .int(pod.generation + 1) }
        return commitPut(.pods, marked, previous: pod)
    }

    // MARK: Commit

    /// Stores `object` under the next revision and records ADDED or MODIFIED; runs the controllers' reactions.
    @discardableResult
    func commitPut(_ key: StorageKey, _ object: JSONValue, previous: JSONValue?) -> JSONValue {
        revision += 1
        var stored = object
        stored.resourceVersion = String(revision)
        objects[key, default: [:]][stored.objectKey] = stored
        record(StoredEvent(revision: revision, kind: key, type: previous == nil ? .added : .modified, object: stored, previous: previous))
        react(to: key, namespace: stored.namespace, name: stored.name)
        return stored
    }

    /// Removes `object` under the next revision and records DELETED with its last state; collects dependents.
    @discardableResult
    func commitRemove(_ key: StorageKey, _ object: JSONValue, previous: JSONValue) -> JSONValue {
        revision += 1
        var last = object
        last.resourceVersion = String(revision)
        objects[key]?[last.objectKey] = nil
        record(StoredEvent(revision: revision, kind: key, type: .deleted, object: last, previous: previous))
        if key == .customResourceDefinitions {
            for registered in (try? Surface.kinds(fromCustomResourceDefinition: last)) ?? [] {
                unregister(group: registered.resource.group, plural: registered.resource.plural)
            }
        }
        if let uid = last.uid { collectDependents(of: uid, propagation: .background) }
        react(to: key, namespace: last.namespace)
        if let namespace = last.namespace { finishNamespaceTermination(namespace) }
        return last
    }
}
