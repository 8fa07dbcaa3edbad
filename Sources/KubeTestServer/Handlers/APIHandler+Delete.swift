import KubeClient

extension APIHandler {
    /// `DeleteOptions` from the body (if any) and the query.
    func deleteRequest(_ request: APIRequest) throws(APIError) -> ObjectStore.DeleteRequest {
        var options = ObjectStore.DeleteRequest()
        let body: JSONValue = request.body.isEmpty ? [:] : try request.jsonBody()
        options.preconditionUID = body[path: ["preconditions", "uid"]]?.stringValue
        options.preconditionResourceVersion = body[path: ["preconditions", "resourceVersion"]]?.stringValue
        var policy = body["propagationPolicy"]?.stringValue ?? request.query["propagationPolicy"]
        if policy == nil, let orphan = body["orphanDependents"]?.boolValue ?? request.optionalFlag("orphanDependents") {
            policy = orphan ? "Orphan" : "Background"
        }
        if let policy {
            guard let propagation = ObjectStore.DeleteRequest.Propagation(rawValue: policy) else {
                throw .badRequest("DeleteOptions.meta.k8s.io \"\" is invalid: propagationPolicy: Unsupported value: \"\(policy)\": supported values: \"Foreground\", \"Background\", \"Orphan\"")
            }
            options.propagation = propagation
        }
        options.gracePeriodSeconds = body["gracePeriodSeconds"]?.intValue ?? request.query["gracePeriodSeconds"].flatMap { Int64($0) }
        let dryRun = body["dryRun"]?.arrayValue?.contains("All") ?? false
        options.dryRun = dryRun || request.isDryRun
        return options
    }

    func delete(_ target: ResourceTarget, name: String, request: APIRequest) async throws(APIError) -> APIResponse {
        let options = try deleteRequest(request)
        let outcome = try await store.delete(target.kind, namespace: target.namespace, name: name, options: options)
        switch outcome {
        case .markedForDeletion(let object):
            return .ok(object)
        case .removed(let object):
            if Self.returnsDeletedObject(target.kind) { return .ok(object) }
            return .ok(Self.successStatus(target.kind, name: name, uid: object.uid))
        }
    }

    func deleteCollection(_ target: ResourceTarget, request: APIRequest) async throws(APIError) -> APIResponse {
        let filter = try filter(for: target, request: request)
        let options = try deleteRequest(request)
        let matching = try await store.list(target.kind, filter: filter, limit: nil, continueToken: nil)
        var deleted: [JSONValue] = []
        for object in matching.items {
            guard let name = object.name else { continue }
            if let outcome = try? await store.delete(target.kind, namespace: object.namespace, name: name, options: options) {
                switch outcome {
                case .removed(let last), .markedForDeletion(let last): deleted.append(last)
                }
            }
        }
        return .ok(["kind": .string(target.kind.resource.kind + "List"), "apiVersion": .string(target.kind.resource.apiVersion),
                    "metadata": ["resourceVersion": .string(await store.currentResourceVersion)], "items": .array(deleted)])
    }

    /// Kinds whose registry answers a completed DELETE with the deleted object (`ReturnDeletedObject: true`): Pods,
    /// Services and Namespaces. Every other kind answers with a `Success` Status.
    static func returnsDeletedObject(_ kind: RegisteredKind) -> Bool {
        !kind.isCustom && [.pods, .services, .namespaces].contains(StorageKey(kind.resource))
    }

    static func successStatus(_ kind: RegisteredKind, name: String, uid: String?) -> JSONValue {
        ["kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Success",
         "details": APIError.details(kind.resource, name: name, uid: uid)]
    }
}
