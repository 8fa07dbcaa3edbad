import Foundation
import KubeClient

/// Finalizer bookkeeping in the manner of kube-rs's `finalizer()`: what to do with an object given whether it
/// carries our finalizer and whether it is being deleted, and the guarded JSON patches that add or remove it.
///
/// ## Expected flow
/// 1. Object without our finalizer and not deleting: send ``addPatch(_:to:)``; the patch triggers the next reconcile.
/// 2. Finalizer present, not deleting: reconcile normally (``State/apply``).
/// 3. Finalizer present, deleting: clean up, and only after the cleanup succeeded send ``removePatch(_:from:)``.
/// 4. No finalizer, deleting: nothing to do; the object is going away.
///
/// ## Guarantees
/// Every patch starts with a `test` of what it assumes (the whole finalizer list, or our name at its index), so a
/// concurrent edit makes the API server reject it with 422 instead of the patch overwriting another finalizer;
/// re-read the object from the cache and retry.
///
/// ## Assumptions
/// Cleanup is idempotent and tolerates cancellation: it may run more than once.
public enum Finalizer {
    /// The four cases of (has our finalizer, is deleting).
    public enum State: Sendable, Hashable {
        /// Not deleting and no finalizer yet: add it first.
        case needsFinalizer
        /// Not deleting and the finalizer is present: reconcile.
        case apply
        /// Deleting with our finalizer at `index`: clean up, then remove it.
        case cleanup(index: Int)
        /// Deleting without our finalizer: nothing to do.
        case deleted
    }

    /// Classifies `metadata` for finalizer `name`.
    public static func state(of metadata: ObjectMeta, finalizer name: String) -> State {
        let index = metadata.finalizers?.firstIndex(of: name)
        switch (index, metadata.deletionTimestamp != nil) {
        case (nil, false): return .needsFinalizer
        case (.some, false): return .apply
        case (.some(let index), true): return .cleanup(index: index)
        case (nil, true): return .deleted
        }
    }

    /// The patch that appends `name`, guarded by a test of the current list (or its absence); `nil` when present.
    public static func addPatch(_ name: String, to metadata: ObjectMeta) -> [PatchOperation]? {
        guard let finalizers = metadata.finalizers, !finalizers.isEmpty else {
            // An absent list and an empty list both read as "no finalizers"; `add` of the whole array covers both.
            return [
                .test(path: "/metadata/finalizers", value: metadata.finalizers == nil ? .null : .array([])),
                .add(path: "/metadata/finalizers", value: [.string(name)]),
            ]
        }
        guard !finalizers.contains(name) else { return nil }
        return [
            .test(path: "/metadata/finalizers", value: .array(finalizers.map(JSONValue.string))),
            .add(path: "/metadata/finalizers/-", value: .string(name)),
        ]
    }

    /// The patch that removes `name`, guarded by a test that it is still at its index; `nil` when absent.
    public static func removePatch(_ name: String, from metadata: ObjectMeta) -> [PatchOperation]? {
        guard let index = metadata.finalizers?.firstIndex(of: name) else { return nil }
        let path = "/metadata/finalizers/\(index)"
        return [.test(path: path, value: .string(name)), .remove(path: path)]
    }
}
