import Foundation
import KubeClient
import Logging

/// The log metadata of the reconcile running in the current task, with controller-runtime's keys, so that every line
/// logged during a reconcile (by the reconciler, the clients it calls, the controller) says which object it is about.
///
/// For a NodeEvacuation `default/evacuate-emqx-0` reconciled by the controller `nodeevacuation`:
///
/// ```json
/// {"controller":"nodeevacuation","controllerGroup":"rebalance.brokers.dev","controllerKind":"NodeEvacuation",
///  "NodeEvacuation":{"name":"evacuate-emqx-0","namespace":"default"},"namespace":"default",
///  "name":"evacuate-emqx-0","reconcileID":"5c0f…"}
/// ```
///
/// ## Guarantees
/// - ``Controller`` sets it around each reconcile (a fresh `reconcileID` per reconcile) and around its own log lines
///   about that reconcile; outside a reconcile it is empty.
/// - Loggers pick it up only through ``provider``: bootstrap the logging backend with it (the operator's `run` does).
///   Metadata given at the call site wins over these keys.
public enum ReconcileLogMetadata {
    @TaskLocal public static var current: Logger.Metadata = [:]

    /// Adds ``current`` to every log line of a handler bootstrapped with it.
    public static let provider = Logger.MetadataProvider { current }

    /// The keys of one reconcile of `key` by `controller`, for objects of `resource`.
    public static func metadata(controller: String, resource: ResourceDescription, key: ObjectKey, reconcileID: String) -> Logger.Metadata {
        var object: Logger.Metadata = ["name": .string(key.name)]
        var metadata: Logger.Metadata = [
            "controller": .string(controller),
            "controllerGroup": .string(resource.group),
            "controllerKind": .string(resource.kind),
            "name": .string(key.name),
            "reconcileID": .string(reconcileID),
        ]
        if let namespace = key.namespace {
            object["namespace"] = .string(namespace)
            metadata["namespace"] = .string(namespace)
        }
        metadata[resource.kind] = .dictionary(object)
        return metadata
    }
}
