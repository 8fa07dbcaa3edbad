import ControllerRuntime
import Foundation
import KubeClient

/// Writes what the reconcilers decide, each write only when it changes something: the finalizer (guarded JSON
/// patches) and the status (a merge patch of the difference to the cached status, through `/status`).
struct ResourceWriter<Object: Resource> {
    let client: KubeClient

    private func resources(_ object: Object) -> ResourceClient<Object> {
        client.resources(Object.self, namespace: object.metadata.namespace)
    }

    /// Whether a reconcile goes on with `object`: one without the project's finalizer gets it first (the patch's watch
    /// event reconciles again), and one whose finalizer is already gone is left alone.
    func isReadyToReconcile(_ object: Object) async throws -> Bool {
        switch Finalizer.state(of: object.metadata, finalizer: RebalancingAPI.finalizer) {
        case .needsFinalizer:
            _ = try await addFinalizer(to: object)
            return false
        case .deleted:
            return false
        case .apply, .cleanup:
            return true
        }
    }

    /// Adds the project's finalizer; `true` when a patch was sent.
    func addFinalizer(to object: Object) async throws -> Bool {
        guard let name = object.metadata.name, let operations = Finalizer.addPatch(RebalancingAPI.finalizer, to: object.metadata) else { return false }
        _ = try await resources(object).patch(name, .json(operations.map(\.jsonPatchOperation)))
        return true
    }

    func removeFinalizer(from object: Object) async throws {
        guard let name = object.metadata.name, let operations = Finalizer.removePatch(RebalancingAPI.finalizer, from: object.metadata) else { return }
        do {
            _ = try await resources(object).patch(name, .json(operations.map(\.jsonPatchOperation)))
        } catch let error as KubeAPIError where error.reason == .notFound {
            return
        }
    }

    /// Patches `status` when it differs from `cached`; `true` when a patch was sent.
    @discardableResult
    func patchStatus<Status: Encodable>(of object: Object, cached: Status?, desired: Status) async throws -> Bool {
        guard let name = object.metadata.name, let patch = try StatusPatch.mergePatch(from: cached, to: desired) else { return false }
        do {
            _ = try await resources(object).patch(name, .merge(patch), subresource: "status")
        } catch let error as KubeAPIError where error.reason == .notFound {
            return false
        }
        return true
    }
}

extension PatchOperation {
    var jsonPatchOperation: JSONPatchOperation {
        switch self {
        case let .test(path, value): .test(path: path, value: value)
        case let .add(path, value): .add(path: path, value: value)
        case let .remove(path): .remove(path: path)
        case let .replace(path, value): .replace(path: path, value: value)
        }
    }
}
