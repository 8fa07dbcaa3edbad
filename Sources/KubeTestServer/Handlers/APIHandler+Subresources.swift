import KubeClient

extension APIHandler {
    // MARK: Scale

    /// The `autoscaling/v1` Scale view of an object with a `scale` subresource.
    static func scaleObject(of object: JSONValue, kind: RegisteredKind) -> JSONValue {
        let scale = kind.scale ?? RegisteredKind.ScaleSubresource()
        var selector = ""
        if kind.isCustom, let path = scale.labelSelectorPath {
            selector = object[path: Self.keys(path)]?.stringValue ?? ""
        } else if let structured = object[path: ["spec", "selector"]] {
            selector = (try? structured.decode(as: KubeLabelSelector.self))?.queryString ?? ""
        }
        var metadata: JSONValue = [:]
        for field in ["name", "namespace", "uid", "resourceVersion", "creationTimestamp"] {
            metadata[field] = object["metadata"]?[field]
        }
        return [
            "kind": "Scale", "apiVersion": "autoscaling/v1", "metadata": metadata,
            "spec": ["replicas": object[path: Self.keys(scale.specReplicasPath)] ?? 0],
            "status": ["replicas": object[path: Self.keys(scale.statusReplicasPath)] ?? 0, "selector": .string(selector)],
        ]
    }

    /// `.spec.replicas` → `["spec", "replicas"]`.
    static func keys(_ path: String) -> [String] {
        path.split(separator: ".").map(String.init)
    }

    func getScale(_ target: ResourceTarget, name: String) async throws(APIError) -> APIResponse {
        guard let object = await store.get(target.kind, namespace: target.namespace, name: name) else {
            throw .notFound(target.kind.resource, name: name)
        }
        return .ok(Self.scaleObject(of: object, kind: target.kind))
    }

    func updateScale(_ target: ResourceTarget, name: String, request: APIRequest) async throws(APIError) -> APIResponse {
        let body = try request.jsonBody()
        return try await writeScale(target, name: name, request: request) { _ throws(APIError) in body }
    }

    func patchScale(_ target: ResourceTarget, name: String, request: APIRequest) async throws(APIError) -> APIResponse {
        let patch = try request.jsonBody()
        let mediaType = request.mediaType
        return try await writeScale(target, name: name, request: request) { scale throws(APIError) in
            switch mediaType {
            case "application/json-patch+json": return try Surface.jsonPatch(patch, to: scale)
            case "application/merge-patch+json", "application/strategic-merge-patch+json": return Surface.mergePatch(patch, to: scale)
            default: throw .unsupportedMediaType(mediaType, accepted: ["application/json-patch+json", "application/merge-patch+json"])
            }
        }
    }

    private func writeScale(_ target: ResourceTarget, name: String, request: APIRequest,
                            change: @escaping @Sendable (JSONValue) throws(APIError) -> JSONValue) async throws(APIError) -> APIResponse {
        let kind = target.kind
        let specPath = Self.keys(kind.scale?.specReplicasPath ?? ".spec.replicas")
        let manager = request.fieldManager
        let outcome = try await store.update(kind, namespace: target.namespace, name: name, dryRun: request.isDryRun) { current throws(APIError) in
            let scale = try change(Self.scaleObject(of: current, kind: kind))
            guard let replicas = scale[path: ["spec", "replicas"]]?.intValue, replicas >= 0 else {
                throw .invalidField(ResourceDescription(group: "autoscaling", version: "v1", kind: "Scale", plural: "scale", isNamespaced: true),
                                    name: name, field: "spec.replicas", type: "FieldValueInvalid", detail: "Invalid value: must be greater than or equal to 0")
            }
            var updated = current
            updated[path: specPath] = .int(replicas)
            if let version = scale.resourceVersion, !version.isEmpty { updated.resourceVersion = version }
            return FieldManager.recordUpdate(old: current, new: updated, manager: manager, kind: kind, subresource: "scale", now: ObjectStore.timestamp())
        }
        return .ok(Self.scaleObject(of: outcome.object, kind: kind))
    }

    // MARK: Eviction

    /// `POST pods/{name}/eviction` (spec/kubernetes.md 3.13): 201 with a Success Status when the pod was deleted.
    func evict(_ target: ResourceTarget, name: String, request: APIRequest) async throws(APIError) -> APIResponse {
        let body = try request.jsonBody()
        if let bodyName = body.name, bodyName != name {
            throw .badRequest("name in URL does not match name in Eviction object")
        }
        guard let namespace = target.namespace else { throw .pathNotFound(request.path) }
        let dryRun = request.isDryRun || (body[path: ["deleteOptions", "dryRun"]]?.arrayValue?.contains("All") ?? false)
        try await store.evict(namespace: namespace, podName: name, podKind: target.kind,
                              gracePeriodSeconds: body[path: ["deleteOptions", "gracePeriodSeconds"]]?.intValue, dryRun: dryRun)
        return .ok(["kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Success", "code": 201], code: 201)
    }
}
