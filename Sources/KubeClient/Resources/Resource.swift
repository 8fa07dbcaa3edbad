/// What the client needs to know to address a kind of object on the API server.
///
/// Built-in kinds and custom resources alike are described by one value, so that typed ``Resource`` types and
/// dynamic (JSON) access share the same path building.
public struct ResourceDescription: Sendable, Hashable, CustomStringConvertible {
    /// API group; empty for the core group (`/api/v1`).
    public var group: String
    public var version: String
    public var kind: String
    /// Lower-case plural used in URLs, e.g. `nodeevacuations`.
    public var plural: String
    public var isNamespaced: Bool

    public init(group: String, version: String, kind: String, plural: String, isNamespaced: Bool) {
        self.group = group
        self.version = version
        self.kind = kind
        self.plural = plural
        self.isNamespaced = isNamespaced
    }

    /// `group/version`, or just `version` for the core group.
    public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }

    /// `plural.group`, or just `plural` for the core group; the form the API server uses in messages.
    public var qualifiedResource: String { group.isEmpty ? plural : "\(plural).\(group)" }

    public var description: String { "\(kind) (\(qualifiedResource)/\(version))" }
}

/// A Kubernetes object kind with a Codable representation.
///
/// Conforming types give their ``ResourceDescription`` once; everything else (paths, list and watch decoding)
/// follows from it.
public protocol Resource: KubernetesObject {
    static var resource: ResourceDescription { get }
    var metadata: ObjectMeta { get set }
}

extension Resource {
    public static var apiVersion: String { resource.apiVersion }
    public static var kind: String { resource.kind }

    /// The object's key in a cache or work queue.
    public var key: ObjectKey { ObjectKey(namespace: metadata.namespace, name: metadata.name ?? "") }
}

/// Namespace and name: how a reconciler, a cache and a work queue refer to one object.
public struct ObjectKey: Sendable, Hashable, Codable, CustomStringConvertible, Comparable {
    /// `nil` for cluster-scoped objects.
    public var namespace: String?
    public var name: String

    public init(namespace: String? = nil, name: String) {
        self.namespace = namespace
        self.name = name
    }

    public var description: String { namespace.map { "\($0)/\(name)" } ?? name }

    public static func < (lhs: ObjectKey, rhs: ObjectKey) -> Bool { lhs.description < rhs.description }
}
