import Foundation
import KubeClient

/// The reactions a real cluster's controllers would have, run synchronously inside the write that causes them:
/// garbage collection, namespace termination, default ServiceAccounts, PodDisruptionBudget status and the unschedulable
/// taint (one file each).
extension ObjectStore {
    /// Runs after every stored change of `key` in `namespace`.
    func react(to key: StorageKey, namespace: String?, name: String? = nil) {
        if key == .nodes, let name { updateUnschedulableTaint(of: name) }
        if key == .namespaces, let name { ensureDefaultServiceAccount(in: name) }
        guard let namespace else { return }
        if key == .pods || key == .podDisruptionBudgets || key == .statefulSets {
            updateDisruptionBudgets(in: namespace)
        }
    }
}
