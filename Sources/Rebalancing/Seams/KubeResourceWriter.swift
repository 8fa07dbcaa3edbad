import ControllerRuntime
import Foundation
import KubeClient

/// ``ResourceWriting`` over the API server: finalizers as guarded JSON patches (a `test` first, so a concurrent
/// edit fails the patch instead of being overwritten), status as a merge patch of the difference through
/// `/status`, with `metadata.resourceVersion` in the patch when preconditioned (the API server answers 409 when it
/// changed).
public struct KubeResourceWriter: ResourceWriting {
    let client: KubeClient

    public init(client: KubeClient) {
        self.client = client
    }

    private func resources<Object: RebalancingResource>(_ object: Object) -> ResourceClient<Object> {
        client.resources(Object.self, namespace: object.metadata.namespace)
    }

    public func addFinalizer<Object: RebalancingResource>(_ finalizer: String, to object: Object) async throws {
        guard let name = object.metadata.name, let operations = Finalizer.addPatch(finalizer, to: object.metadata) else { return }
        _ = try await resources(object).patch(name, .json(operations.map(\.jsonPatchOperation)))
    }

    public func removeFinalizer<Object: RebalancingResource>(_ finalizer: String, from object: Object) async throws {
        guard let name = object.metadata.name, let operations = Finalizer.removePatch(finalizer, from: object.metadata) else { return }
        do {
            _ = try await resources(object).patch(name, .json(operations.map(\.jsonPatchOperation)))
        } catch let error as KubeAPIError where error.reason == .notFound {
            return
        }
    }

    public func patchStatus<Object: RebalancingResource>(of object: Object, from cached: Object.Status?, to desired: Object.Status, preconditioned: Bool) async throws -> StatusWrite {
        guard let name = object.metadata.name, var patch = try StatusPatch.mergePatch(from: cached, to: desired) else { return .unchanged }
        if preconditioned, let version = object.metadata.resourceVersion, case var .object(fields) = patch {
            fields["metadata"] = .object(["resourceVersion": .string(version)])
            patch = .object(fields)
        }
        do {
            _ = try await resources(object).patch(name, .merge(patch), subresource: "status")
        } catch let error as KubeAPIError where error.reason == .notFound {
            return .gone
        } catch let error as KubeAPIError where error.reason == .conflict {
            return .conflict
        }
        return .written
    }

    public func annotate<Object: RebalancingResource>(_ object: Object, key: String, value: String?) async throws {
        guard let name = object.metadata.name else { return }
        _ = try await resources(object).patch(name, .merge(["metadata": ["annotations": .object([key: value.map(JSONValue.string) ?? .null])]]))
    }

    public func create<Object: RebalancingResource>(_ object: Object) async throws -> Object {
        try await resources(object).create(object)
    }

    public func delete<Object: RebalancingResource>(_ object: Object) async throws {
        guard let name = object.metadata.name else { return }
        do {
            _ = try await resources(object).delete(name)
        } catch let error as KubeAPIError where error.reason == .notFound {
            return
        }
    }
}

extension KubeResourceWriter {
    public func label(pod name: String, namespace: String, key: String, value: String?) async throws {
        do {
            _ = try await client.resources(Pod.self, namespace: namespace).patch(name, .merge(["metadata": ["labels": .object([key: value.map(JSONValue.string) ?? .null])]]))
        } catch let error as KubeAPIError where error.reason == .notFound {
            return
        }
    }

    public func put(_ budget: PodDisruptionBudget) async throws {
        guard let name = budget.metadata.name else { return }
        let budgets = client.resources(PodDisruptionBudget.self, namespace: budget.metadata.namespace)
        do {
            _ = try await budgets.create(budget)
        } catch let error as KubeAPIError where error.reason == .alreadyExists {
            let patch: JSONValue = [
                "metadata": ["labels": .object((budget.metadata.labels ?? [:]).mapValues(JSONValue.string)), "ownerReferences": try JSONValue(encoding: budget.metadata.ownerReferences ?? [])],
                "spec": try JSONValue(encoding: budget.spec),
            ]
            _ = try await budgets.patch(name, .merge(patch))
        }
    }

    public func deleteBudget(named name: String, namespace: String) async throws {
        do {
            _ = try await client.resources(PodDisruptionBudget.self, namespace: namespace).delete(name)
        } catch let error as KubeAPIError where error.reason == .notFound {
            return
        }
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
