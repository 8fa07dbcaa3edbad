import Foundation
import KubeClient

extension APIHandler {
    /// The namespace and selectors of a list, watch or deletecollection; 400 for a selector that cannot be parsed.
    func filter(for target: ResourceTarget, request: APIRequest) throws(APIError) -> ObjectFilter {
        var filter = ObjectFilter(namespace: target.kind.resource.isNamespaced ? target.namespace : nil)
        if let text = request.query["labelSelector"], !text.isEmpty {
            filter.labels = try Surface.labelFilter(text)
        }
        if let text = request.query["fieldSelector"], !text.isEmpty {
            filter.fields = try Surface.fieldFilter(text, kind: target.kind)
        }
        return filter
    }

    func get(_ target: ResourceTarget, name: String, request: APIRequest) async throws(APIError) -> APIResponse {
        guard let object = await store.get(target.kind, namespace: target.namespace, name: name) else {
            throw .notFound(target.kind.resource, name: name)
        }
        switch try ResponseShape.negotiate(accept: request.accept, isList: false) {
        case .table:
            return .ok(Surface.table(kind: target.kind, objects: [object], listMetadata: ["resourceVersion": object["metadata"]?["resourceVersion"] ?? ""],
                                     includeObject: request.query["includeObject"]))
        case .partialMetadata, .partialMetadataList:
            return .ok(ResponseShape.partialMetadata(object))
        case .object:
            return .ok(object)
        }
    }

    func list(_ target: ResourceTarget, request: APIRequest) async throws(APIError) -> APIResponse {
        let shape = try ResponseShape.negotiate(accept: request.accept, isList: true)
        let filter = try filter(for: target, request: request)
        let limit = request.query["limit"].flatMap { Int($0) }
        let result = try await store.list(target.kind, filter: filter, limit: limit, continueToken: request.query["continue"])
        var metadata: JSONValue = ["resourceVersion": .string(result.resourceVersion)]
        if let token = result.continueToken { metadata["continue"] = .string(token) }
        if let remaining = result.remainingItemCount { metadata["remainingItemCount"] = .int(Int64(remaining)) }
        switch shape {
        case .table:
            return .ok(Surface.table(kind: target.kind, objects: result.items, listMetadata: metadata,
                                     includeObject: request.query["includeObject"]))
        case .partialMetadata, .partialMetadataList:
            return .ok(ResponseShape.partialMetadataList(result.items, listMetadata: metadata))
        case .object:
            break
        }
        return .ok([
            "kind": .string(target.kind.resource.kind + "List"), "apiVersion": .string(target.kind.resource.apiVersion),
            "metadata": metadata, "items": .array(result.items),
        ])
    }

    func watch(_ target: ResourceTarget, request: APIRequest) async throws(APIError) -> APIResponse {
        let shape = try ResponseShape.negotiate(accept: request.accept, isList: true, isWatch: true)
        let filter = try filter(for: target, request: request)
        let bookmarks = request.flag("allowWatchBookmarks")
        let sendInitialEvents = request.optionalFlag("sendInitialEvents")
        let start: ObjectStore.WatchStart
        let version = request.query["resourceVersion"] ?? ""
        if sendInitialEvents == true {
            start = .current(initialEventsEndBookmark: bookmarks)
        } else if version.isEmpty || version == "0" {
            start = sendInitialEvents == false ? .after(Int64(await store.currentResourceVersion) ?? 0) : .current(initialEventsEndBookmark: false)
        } else if let revision = Int64(version) {
            start = .after(revision)
        } else {
            throw .badRequest("resourceVersion: Invalid value: \"\(version)\": must be a non-negative integer")
        }
        let timeout: Duration = request.query["timeoutSeconds"].flatMap { Int($0) }.map { .seconds($0) } ?? .seconds(Int.random(in: 1800..<3600))
        let (id, stream) = await store.startWatch(target.kind, filter: filter, from: start)
        let kind = target.kind
        let includeObject = request.query["includeObject"]
        return .watch(WatchPlan(
            id: id, stream: stream, store: store, timeout: timeout, bookmarkInterval: bookmarks ? bookmarkInterval : nil,
            render: { message in
                guard shape != .object, ["ADDED", "MODIFIED", "DELETED"].contains(message.type) else { return message }
                if shape != .table { return WatchMessage(type: message.type, object: ResponseShape.partialMetadata(message.object)) }
                let table = Surface.table(kind: kind, objects: [message.object],
                                          listMetadata: ["resourceVersion": message.object["metadata"]?["resourceVersion"] ?? ""],
                                          includeObject: includeObject)
                return WatchMessage(type: message.type, object: table)
            }))
    }
}
