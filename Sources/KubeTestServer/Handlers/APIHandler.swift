import Foundation
import KubeClient

/// Answers every API request: authentication, injected faults, then discovery, OpenAPI, resources and the
/// `/testserver/v1` control endpoints. Independent of HTTP, so it can be driven directly.
struct APIHandler: Sendable {
    let store: ObjectStore
    let faults: FaultInjector
    let token: String
    let serverAddress: @Sendable () -> String
    let bookmarkInterval: Duration

    func handle(_ request: APIRequest) async -> APIResponse {
        let path = APIPath(request.path)
        if path == .health { return .text(code: 200, "ok") }
        guard request.authorization == "Bearer \(token)" else { return .failure(.unauthorized) }
        if case .testServer(let segments) = path {
            return await handleTestServer(segments, request: request)
        }
        faults.requests.record(method: request.method, path: request.path, query: request.query, userAgent: request.userAgent)
        if let injected = faults.injectedFailure(method: request.method, path: request.path) {
            return .failure(injected)
        }
        do {
            return try await route(path, request: request)
        } catch {
            return .failure(error)
        }
    }

    private func route(_ path: APIPath, request: APIRequest) async throws(APIError) -> APIResponse {
        switch path {
        case .version:
            return .ok(Surface.version())
        case .health:
            return .text(code: 200, "ok")
        case .coreVersions:
            return .ok(Surface.apiVersions(serverAddress: serverAddress()))
        case .groupList:
            return .ok(Surface.apiGroupList(kinds: await store.allKinds()))
        case .group(let name):
            guard let group = Surface.apiGroup(name, kinds: await store.allKinds()) else { throw .pathNotFound(request.path) }
            return .ok(group)
        case .resourceList(let group, let version):
            let groupVersion = group.isEmpty ? version : "\(group)/\(version)"
            guard let list = Surface.apiResourceList(groupVersion: groupVersion, kinds: await store.allKinds()) else {
                throw .pathNotFound(request.path)
            }
            return .ok(list)
        case .openAPIIndex:
            return .ok(Surface.openAPIIndex(kinds: await store.allKinds()))
        case .openAPIDocument(let documentPath):
            guard let document = Surface.openAPIDocument(path: documentPath, kinds: await store.allKinds()) else {
                throw .pathNotFound(request.path)
            }
            return .ok(document)
        case .resource(let resourcePath):
            return try await handleResource(resourcePath, request: request)
        case .testServer, .unknown:
            throw .pathNotFound(request.path)
        }
    }

    private func handleResource(_ path: APIPath.ResourcePath, request: APIRequest) async throws(APIError) -> APIResponse {
        if path.group == "authorization.k8s.io", path.plural == "selfsubjectaccessreviews", path.name == nil, request.method == "POST" {
            // One token, all rights: every access review is allowed (what `kubectl auth can-i` asks).
            return .ok(["kind": "SelfSubjectAccessReview", "apiVersion": "authorization.k8s.io/v1", "metadata": [:],
                        "status": ["allowed": true, "reason": "kube-test-server grants every request made with its token"]], code: 201)
        }
        guard let kind = await store.kind(group: path.group, version: path.version, plural: path.plural) else {
            throw .pathNotFound(request.path)
        }
        if !kind.resource.isNamespaced && path.namespace != nil { throw .pathNotFound(request.path) }
        let target = ResourceTarget(kind: kind, namespace: path.namespace, name: path.name)
        if let subresource = path.subresource {
            guard let name = path.name else { throw .pathNotFound(request.path) }
            return try await handleSubresource(subresource, target: target, name: name, request: request)
        }
        switch (request.method, path.name) {
        case ("GET", nil):
            return request.isWatch ? try await watch(target, request: request) : try await list(target, request: request)
        case ("POST", nil):
            return try await create(target, request: request)
        case ("DELETE", nil):
            return try await deleteCollection(target, request: request)
        case ("GET", let name?):
            return try await get(target, name: name, request: request)
        case ("PUT", let name?):
            return try await update(target, name: name, request: request, subresource: nil)
        case ("PATCH", let name?):
            return try await patch(target, name: name, request: request, subresource: nil)
        case ("DELETE", let name?):
            return try await delete(target, name: name, request: request)
        default:
            throw .methodNotAllowed()
        }
    }

    private func handleSubresource(_ subresource: String, target: ResourceTarget, name: String, request: APIRequest) async throws(APIError) -> APIResponse {
        let kind = target.kind
        switch subresource {
        case "status" where kind.hasStatusSubresource, "finalize" where StorageKey(kind.resource) == .namespaces:
            switch request.method {
            case "GET": return try await get(target, name: name, request: request)
            case "PUT": return try await update(target, name: name, request: request, subresource: "status")
            case "PATCH": return try await patch(target, name: name, request: request, subresource: "status")
            default: throw .methodNotAllowed()
            }
        case "scale" where kind.scale != nil:
            switch request.method {
            case "GET": return try await getScale(target, name: name)
            case "PUT": return try await updateScale(target, name: name, request: request)
            case "PATCH": return try await patchScale(target, name: name, request: request)
            default: throw .methodNotAllowed()
            }
        case "eviction" where StorageKey(kind.resource) == .pods:
            guard request.method == "POST" else { throw .methodNotAllowed() }
            return try await evict(target, name: name, request: request)
        case "exec", "attach", "portforward", "log" where StorageKey(kind.resource) == .pods:
            throw .kubeletSubresourceNotServed(subresource, pod: name)
        default:
            throw .pathNotFound(request.path)
        }
    }
}
