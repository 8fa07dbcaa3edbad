import Foundation
import KubeClient

/// The garbage collector's part: dependents follow their owners through `ownerReferences`.
extension ObjectStore {
    /// Deletes the objects whose owners (by uid) are all gone once `uid` is removed.
    func collectDependents(of uid: String, propagation: DeleteRequest.Propagation) {
        for (key, objectsOfKind) in objects {
            for (objectKey, object) in objectsOfKind {
                let owners = object.ownerReferences.compactMap { $0["uid"]?.stringValue }
                guard owners.contains(uid) else { continue }
                let remaining = owners.filter { $0 != uid && objectExists(uid: $0) }
                if remaining.isEmpty, object.deletionTimestamp == nil {
                    deleteStored(key, objectKey, propagation: propagation)
                }
            }
        }
    }

    /// Removes the owner reference to `uid` from every dependent (`propagationPolicy=Orphan`).
    func orphanDependents(of uid: String) {
        for (key, objectsOfKind) in objects {
            for (_, object) in objectsOfKind where object.ownerReferences.contains(where: { $0["uid"]?.stringValue == uid }) {
                var updated = object
                let references = object.ownerReferences.filter { $0["uid"]?.stringValue != uid }
                updated[path: ["metadata", "ownerReferences"]] = references.isEmpty ? nil : .array(references)
                commitPut(key, updated, previous: object)
            }
        }
    }

    private func objectExists(uid: String) -> Bool {
        objects.values.contains { objectsOfKind in objectsOfKind.values.contains { $0.uid == uid } }
    }
}
