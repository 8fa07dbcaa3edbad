import Foundation

/// Reads and writes the objects of one kind, typed (`Object` a ``Resource``) or as JSON (``DynamicObject``),
/// in one namespace or across all.
///
/// ## Namespaces
/// `namespace: nil` lists and watches across all namespaces. Single-object calls on a namespaced kind use, in order:
/// this client's namespace, the object's `metadata.namespace` (create, update), the config's default namespace.
/// Cluster-scoped kinds ignore namespaces.
///
/// ## Errors
/// Answers other than 2xx throw ``KubeAPIError`` (switch on its `reason`); failures to reach the server or to
/// decode its answer throw ``KubeClientError``.
public struct ResourceClient<Object: KubernetesObject>: Sendable {
    public let client: KubeClient
    public let resource: ResourceDescription
    /// `nil`: all namespaces for list and watch.
    public let namespace: String?

    public init(client: KubeClient, resource: ResourceDescription, namespace: String?) {
        self.client = client
        self.resource = resource
        self.namespace = namespace
    }

    /// The same kind in another namespace (`nil`: all namespaces for list and watch).
    public func inNamespace(_ namespace: String?) -> ResourceClient<Object> {
        ResourceClient(client: client, resource: resource, namespace: namespace)
    }

    var coder: ObjectCoder { ObjectCoder(resource: resource) }
    var transport: HTTPTransport { client.transport }

    /// The namespace of a single-object call (see the type's documentation).
    func effectiveNamespace(objectNamespace: String? = nil) -> String? {
        guard resource.isNamespaced else { return nil }
        if let namespace, !namespace.isEmpty { return namespace }
        if let objectNamespace, !objectNamespace.isEmpty { return objectNamespace }
        return client.defaultNamespace
    }

    func objectPath(_ name: String, objectNamespace: String? = nil, subresource: String? = nil) -> String {
        ResourcePath.object(resource, namespace: effectiveNamespace(objectNamespace: objectNamespace), name: name, subresource: subresource)
    }

    var collectionPath: String { ResourcePath.collection(resource, namespace: namespace) }

    func name(of object: Object, for operation: String) throws(KubeClientError) -> String {
        guard let name = object.metadata.name, !name.isEmpty else { throw .missingName(operation: operation) }
        return name
    }

    // MARK: - Read

    /// The object named `name`. Throws ``KubeAPIError`` with reason `.notFound` when it does not exist.
    public func get(_ name: String) async throws -> Object {
        let request = KubeRequest(method: .GET, path: objectPath(name))
        return try coder.decode(Object.self, from: try await transport.data(request), path: request.summary)
    }

    /// The object named `name`, or `nil` when it does not exist.
    public func getIfExists(_ name: String) async throws -> Object? {
        do {
            return try await get(name)
        } catch let error as KubeAPIError where error.reason == .notFound {
            return nil
        }
    }

    /// One page of objects. With `options.limit`, follow `metadata.continue` for the next page (or use ``listAll(_:)``).
    public func list(_ options: ListOptions = .init()) async throws -> ObjectList<Object> {
        let request = KubeRequest(method: .GET, path: collectionPath, query: options.queryParameters)
        return try coder.decodeList(Object.self, from: try await transport.data(request), path: request.summary)
    }

    /// Every object, read in pages of `options.limit` (default 500) from one snapshot. The result's
    /// `metadata.resourceVersion` is the snapshot's, the version to watch from. A continue token that expires midway
    /// throws ``KubeAPIError`` with reason `.gone`; list again.
    public func listAll(_ options: ListOptions = .init()) async throws -> ObjectList<Object> {
        var pageOptions = options
        if pageOptions.limit == nil { pageOptions.limit = 500 }
        var all = try await list(pageOptions)
        var next = all.metadata.continue
        while let token = next, !token.isEmpty {
            pageOptions.continueToken = token
            pageOptions.resourceVersion = nil
            pageOptions.resourceVersionMatch = nil
            let page = try await list(pageOptions)
            all.items += page.items
            next = page.metadata.continue
        }
        all.metadata.continue = nil
        all.metadata.remainingItemCount = nil
        return all
    }

    // MARK: - Write

    /// Creates `object` (POST). `metadata.name` or `generateName` must be set. Throws `.alreadyExists` when the name
    /// is taken.
    public func create(_ object: Object, options: WriteOptions = .init()) async throws -> Object {
        let path = ResourcePath.collection(resource, namespace: effectiveNamespace(objectNamespace: object.metadata.namespace))
        let request = KubeRequest(method: .POST, path: path, query: options.queryParameters, body: try coder.encodeObject(object))
        return try coder.decode(Object.self, from: try await transport.data(request), path: request.summary)
    }

    /// Replaces `object` (PUT), checked against its `metadata.resourceVersion`: a stale version throws `.conflict`
    /// (re-read and retry). On kinds with a status subresource the server ignores changes to `status` here.
    public func update(_ object: Object, options: WriteOptions = .init()) async throws -> Object {
        let name = try name(of: object, for: "update")
        let request = KubeRequest(
            method: .PUT,
            path: objectPath(name, objectNamespace: object.metadata.namespace),
            query: options.queryParameters,
            body: try coder.encodeObject(object)
        )
        return try coder.decode(Object.self, from: try await transport.data(request), path: request.summary)
    }

    /// Deletes the object named `name`. With finalizers pending, the server only marks it (deletionTimestamp) and
    /// answers with the object; otherwise it answers with a `Status` (custom resources) or the object (some
    /// built-ins). `options.preconditions` make the delete conditional (`.conflict` when they fail).
    @discardableResult
    public func delete(_ name: String, options: DeleteOptions = .init()) async throws -> DeleteResponse<Object> {
        let request = KubeRequest(method: .DELETE, path: objectPath(name), body: try coder.encode(options))
        let data = try await transport.data(request)
        let json: JSONValue
        do {
            json = try JSONValue(parsing: data)
        } catch {
            throw KubeClientError.decoding(type: "delete answer", path: request.summary, reason: "not JSON: \(error)")
        }
        if json["kind"]?.stringValue == "Status" {
            return .status(try coder.decode(KubeStatus.self, from: json, path: request.summary))
        }
        return .object(try coder.decode(Object.self, from: json, path: request.summary))
    }
}
