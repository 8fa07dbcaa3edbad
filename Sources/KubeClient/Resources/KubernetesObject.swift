/// Anything the API server stores: it has ``ObjectMeta``. Typed ``Resource``s and ``DynamicObject`` both conform, so
/// one ``ResourceClient`` serves both.
public protocol KubernetesObject: Codable, Sendable {
    var metadata: ObjectMeta { get set }
}

/// A typed object that keeps the JSON it was decoded from, so that fields its Swift type does not model survive a
/// read-modify-write.
///
/// ## Guarantees
/// When ``ResourceClient`` sends such an object (update, updateStatus, create) and ``rawJSON`` is set, the body is
/// `rawJSON` with the *changes made to the typed fields* applied as a JSON merge patch (a three-way merge: the
/// typed view of `rawJSON` → the typed view now). Unknown fields, and unknown members of known objects, are sent
/// back as received. A changed array is sent whole as the typed value has it, so unknown fields inside *changed*
/// array elements (e.g. containers) are lost; unchanged arrays keep them.
public protocol PreservesUnknownFields: KubernetesObject {
    /// The object as the server last sent it; `nil` for objects built in code. Set by the client when decoding.
    var rawJSON: JSONValue? { get set }
}

extension KubernetesObject {
    /// The object's key in a cache or work queue (namespace and name).
    public var objectKey: ObjectKey { ObjectKey(namespace: metadata.namespace, name: metadata.name ?? "") }
}
