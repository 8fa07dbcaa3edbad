import Foundation
import KubeClient

/// The node lifecycle controller's part: the unschedulable taint of cordoned nodes.
extension ObjectStore {
    static let unschedulableTaint: JSONValue = ["key": "node.kubernetes.io/unschedulable", "effect": "NoSchedule"]

    /// The node lifecycle controller's rule: a cordoned node (`spec.unschedulable`) carries the
    /// `node.kubernetes.io/unschedulable:NoSchedule` taint, an uncordoned one does not.
    func updateUnschedulableTaint(of name: String) {
        guard let node = objects[.nodes]?[ObjectKey(name: name)] else { return }
        let unschedulable = node[path: ["spec", "unschedulable"]]?.boolValue ?? false
        var taints = node[path: ["spec", "taints"]]?.arrayValue ?? []
        let index = taints.firstIndex { $0["key"] == Self.unschedulableTaint["key"] && $0["effect"] == "NoSchedule" }
        switch (unschedulable, index) {
        case (true, nil):
            var taint = Self.unschedulableTaint
            taint["timeAdded"] = .string(Self.timestamp())
            taints.append(taint)
        case (false, let index?):
            taints.remove(at: index)
        default:
            return
        }
        var updated = node
        updated[path: ["spec", "taints"]] = taints.isEmpty ? nil : .array(taints)
        commitPut(.nodes, updated, previous: node)
    }
}
