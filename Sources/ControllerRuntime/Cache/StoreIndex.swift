import KubeClient

/// A secondary index of a ``Store``: a name and the index values of each object.
///
/// An object appears under every value its function returns (none: not indexed). Index values are recomputed on
/// every write, so the function must be cheap and pure.
public struct StoreIndex<Object: Resource>: Sendable {
    public var name: String
    public var values: @Sendable (Object) -> [String]

    public init(name: String, values: @escaping @Sendable (Object) -> [String]) {
        self.name = name
        self.values = values
    }

    /// Name of ``ownerUID``.
    public static var ownerUIDName: String { "metadata.ownerReferences.uid" }
    /// Name of ``controllerUID``.
    public static var controllerUIDName: String { "metadata.ownerReferences.controller.uid" }

    /// Objects by the UID of each of their owners.
    public static var ownerUID: StoreIndex {
        StoreIndex(name: ownerUIDName) { object in object.metadata.ownerReferences?.map(\.uid) ?? [] }
    }

    /// Objects by the UID of their controller owner (the owner reference with `controller: true`).
    public static var controllerUID: StoreIndex {
        StoreIndex(name: controllerUIDName) { object in object.metadata.controllerReference.map { [$0.uid] } ?? [] }
    }

    /// Objects by the value of label `key` (objects without the label are not indexed).
    public static func label(_ key: String) -> StoreIndex {
        StoreIndex(name: "metadata.labels.\(key)") { object in object.metadata.labels?[key].map { [$0] } ?? [] }
    }

    /// Objects by an arbitrary field, e.g. `.field("spec.nodeName") { pod in pod.spec?.nodeName }`.
    public static func field(_ name: String, _ value: @escaping @Sendable (Object) -> String?) -> StoreIndex {
        StoreIndex(name: name) { object in value(object).map { [$0] } ?? [] }
    }
}
