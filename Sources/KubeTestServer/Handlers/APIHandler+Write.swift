import Foundation
import KubeClient

extension APIHandler {
    func create(_ target: ResourceTarget, request: APIRequest) async throws(APIError) -> APIResponse {
        let body = try Admission.checkTypeMeta(try request.jsonBody(), kind: target.kind)
        let admitted = try Admission.admit(body, old: nil, kind: target.kind, fieldValidation: request.query["fieldValidation"])
        let object = FieldManager.recordUpdate(old: nil, new: admitted.object, manager: request.fieldManager, kind: target.kind,
                                               subresource: nil, now: ObjectStore.timestamp())
        let created = try await store.create(target.kind, namespace: target.namespace, object: object, dryRun: request.isDryRun)
        return .ok(created, code: 201, warnings: admitted.warnings)
    }

    func update(_ target: ResourceTarget, name: String, request: APIRequest, subresource: String?) async throws(APIError) -> APIResponse {
        let body = try Admission.checkTypeMeta(try request.jsonBody(), kind: target.kind)
        let kind = target.kind
        let fieldValidation = request.query["fieldValidation"]
        let manager = request.fieldManager
        if subresource == nil, Self.allowsCreateOnUpdate(kind), await store.get(kind, namespace: target.namespace, name: name) == nil {
            var object = body
            object.name = object.name ?? name
            let admitted = try Admission.admit(object, old: nil, kind: kind, fieldValidation: fieldValidation)
            let recorded = FieldManager.recordUpdate(old: nil, new: admitted.object, manager: manager, kind: kind, subresource: nil, now: ObjectStore.timestamp())
            let created = try await store.create(kind, namespace: target.namespace, object: recorded, dryRun: request.isDryRun)
            return .ok(created, code: 201, warnings: admitted.warnings)
        }
        let warnings = WarningCollector()
        let outcome = try await store.update(kind, namespace: target.namespace, name: name, dryRun: request.isDryRun) { current throws(APIError) in
            let prepared = subresource == nil
                ? ObjectStrategy.prepareForMainUpdate(current: current, incoming: body, kind: kind)
                : ObjectStrategy.prepareForStatusUpdate(current: current, incoming: body)
            let admitted = try Admission.admit(prepared, old: current, kind: kind, fieldValidation: fieldValidation)
            warnings.append(admitted.warnings)
            return FieldManager.recordUpdate(old: current, new: admitted.object, manager: manager, kind: kind, subresource: subresource,
                                             now: ObjectStore.timestamp())
        }
        return .ok(outcome.object, warnings: warnings.all)
    }

    /// Kinds whose registry strategy allows a PUT to create a missing object (`AllowCreateOnUpdate`): Leases.
    static func allowsCreateOnUpdate(_ kind: RegisteredKind) -> Bool {
        kind.resource.group == "coordination.k8s.io" && kind.resource.plural == "leases"
    }

    func patch(_ target: ResourceTarget, name: String, request: APIRequest, subresource: String?) async throws(APIError) -> APIResponse {
        let kind = target.kind
        let mediaType = request.mediaType
        let accepted = ["application/json-patch+json", "application/merge-patch+json", "application/apply-patch+yaml"]
            + (kind.isCustom ? [] : ["application/strategic-merge-patch+json"])
        guard accepted.contains(mediaType) else {
            throw .unsupportedMediaType(request.contentType, accepted: accepted)
        }
        if mediaType == "application/apply-patch+yaml" {
            return try await apply(target, name: name, request: request, subresource: subresource)
        }
        if request.query["force"] != nil {
            throw APIError(code: 422, reason: "Invalid", message: "PatchOptions.meta.k8s.io \"\" is invalid: force: Forbidden: may not be specified for non-apply patch")
        }
        let patch = try request.jsonBody()
        let fieldValidation = request.query["fieldValidation"]
        let manager = request.fieldManager
        if mediaType == "application/json-patch+json", (patch.arrayValue?.count ?? 0) > 10000 {
            throw APIError(code: 413, reason: "RequestEntityTooLarge", message: "The request is too large: the allowed number of operations in a JSON patch is 10000")
        }
        let warnings = WarningCollector()
        let outcome = try await store.update(kind, namespace: target.namespace, name: name, dryRun: request.isDryRun) { current throws(APIError) in
            let patched: JSONValue
            switch mediaType {
            case "application/json-patch+json": patched = try Surface.jsonPatch(patch, to: current)
            case "application/strategic-merge-patch+json": patched = try Surface.strategicMergePatch(patch, to: current, kind: kind)
            default: patched = Surface.mergePatch(patch, to: current)
            }
            let prepared = subresource == nil
                ? ObjectStrategy.prepareForMainUpdate(current: current, incoming: patched, kind: kind)
                : ObjectStrategy.prepareForStatusUpdate(current: current, incoming: patched)
            let admitted = try Admission.admit(prepared, old: current, kind: kind, fieldValidation: fieldValidation)
            warnings.append(admitted.warnings)
            return FieldManager.recordUpdate(old: current, new: admitted.object, manager: manager, kind: kind, subresource: subresource,
                                             now: ObjectStore.timestamp())
        }
        return .ok(outcome.object, warnings: warnings.all)
    }

    /// Server-side apply (`application/apply-patch+yaml`, JSON or YAML): `fieldManager` is required (422); a missing
    /// object is created; conflicts with other managers give 409 unless `force=true` (``FieldManager``).
    func apply(_ target: ResourceTarget, name: String, request: APIRequest, subresource: String?) async throws(APIError) -> APIResponse {
        let kind = target.kind
        guard let manager = request.query["fieldManager"], !manager.isEmpty else {
            throw APIError(code: 422, reason: "Invalid",
                           message: "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch",
                           details: ["group": "meta.k8s.io", "kind": "PatchOptions",
                                     "causes": [["reason": "FieldValueRequired", "message": "Required value: is required for apply patch", "field": "fieldManager"]]])
        }
        let configuration = try Admission.checkTypeMeta(try request.applyBody(), kind: kind)
        if let bodyName = configuration.name, !bodyName.isEmpty, bodyName != name {
            throw .badRequest("the name of the object (\(bodyName)) does not match the name on the URL (\(name))")
        }
        let force = request.flag("force")
        let fieldValidation = request.query["fieldValidation"]
        if subresource == nil, await store.get(kind, namespace: target.namespace, name: name) == nil {
            var object = try FieldManager.apply(configuration, to: nil, manager: manager, force: force, kind: kind, subresource: nil,
                                                now: ObjectStore.timestamp())
            object.name = name
            let admitted = try Admission.admit(object, old: nil, kind: kind, fieldValidation: fieldValidation)
            let created = try await store.create(kind, namespace: target.namespace, object: FieldManager.pruningEntries(of: admitted.object),
                                                 dryRun: request.isDryRun)
            return .ok(created, code: 201, warnings: admitted.warnings)
        }
        let warnings = WarningCollector()
        let outcome = try await store.update(kind, namespace: target.namespace, name: name, dryRun: request.isDryRun) { current throws(APIError) in
            let merged = try FieldManager.apply(configuration, to: current, manager: manager, force: force, kind: kind, subresource: subresource,
                                                now: ObjectStore.timestamp())
            let prepared = subresource == nil
                ? ObjectStrategy.prepareForMainUpdate(current: current, incoming: merged, kind: kind)
                : ObjectStrategy.prepareForStatusUpdate(current: current, incoming: merged)
            let admitted = try Admission.admit(prepared, old: current, kind: kind, fieldValidation: fieldValidation)
            warnings.append(admitted.warnings)
            return FieldManager.pruningEntries(of: admitted.object)
        }
        return .ok(outcome.object, warnings: warnings.all)
    }
}

extension ObjectStore.WriteOutcome {
    var object: JSONValue {
        switch self {
        case .updated(let object), .removed(let object): object
        }
    }
}
