import Foundation
import KubeClient

/// The namespace controller's part: a deleted namespace empties, then goes.
extension ObjectStore {
    /// Marks a namespace Terminating, deletes everything in it, and removes it once empty.
    func terminateNamespace(_ namespace: JSONValue) -> DeleteOutcome {
        let name = namespace.name ?? ""
        var marked = namespace
        if namespace.deletionTimestamp == nil {
            marked[path: ["metadata", "deletionTimestamp"]] = .string(Self.timestamp())
            marked[path: ["metadata", "deletionGracePeriodSeconds"]] = 0
            marked[path: ["status", "phase"]] = "Terminating"
            marked = commitPut(.namespaces, marked, previous: namespace)
        }
        for key in objects.keys where key != .namespaces {
            for (objectKey, object) in objects[key] ?? [:] where object.namespace == name && object.deletionTimestamp == nil {
                deleteStored(key, objectKey)
            }
        }
        if let removed = finishNamespaceTermination(name) { return .removed(removed) }
        return .markedForDeletion(objects[.namespaces]?[ObjectKey(name: name)] ?? marked)
    }

    /// Removes a terminating namespace that holds no more objects; returns its last state if it did.
    @discardableResult
    func finishNamespaceTermination(_ name: String) -> JSONValue? {
        guard let namespace = objects[.namespaces]?[ObjectKey(name: name)], namespace.deletionTimestamp != nil else { return nil }
        let isEmpty = objects.allSatisfy { key, objectsOfKind in
            key == .namespaces || !objectsOfKind.values.contains { $0.namespace == name }
        }
        guard isEmpty else { return nil }
        return commitRemove(.namespaces, namespace, previous: namespace)
    }
}

/// The service account controller's part: every active namespace has a `default` ServiceAccount.
extension ObjectStore {
    static let serviceAccounts = StorageKey(group: "", plural: "serviceaccounts")

    /// The `default` ServiceAccount of `namespace` as the controller creates it.
    static func defaultServiceAccount(in namespace: String, now: String) -> JSONValue {
        ["apiVersion": "v1", "kind": "ServiceAccount",
         "metadata": ["name": "default", "namespace": .string(namespace), "uid": .string(newUID()), "creationTimestamp": .string(now)]]
    }

    /// Creates the `default` ServiceAccount of an active namespace that has none (once, when the namespace appears).
    func ensureDefaultServiceAccount(in namespace: String) {
        guard let object = objects[.namespaces]?[ObjectKey(name: namespace)], object.deletionTimestamp == nil,
              objects[Self.serviceAccounts]?[ObjectKey(namespace: namespace, name: "default")] == nil else { return }
        commitPut(Self.serviceAccounts, Self.defaultServiceAccount(in: namespace, now: Self.timestamp()), previous: nil)
    }
}
