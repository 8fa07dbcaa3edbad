import KubeClient

/// Owner references as controller-runtime's `controllerutil` writes them.
public enum OwnerReferences {
    /// The reference that makes `owner` the controller of a dependent (`controller: true`,
    /// `blockOwnerDeletion: true`), as `SetControllerReference` writes it.
    /// - Throws: ``OwnerReferenceError/ownerHasNoUID`` when the owner has not been stored yet.
    public static func controllerReference<Owner: Resource>(to owner: Owner) throws(OwnerReferenceError) -> OwnerReference {
        guard let uid = owner.metadata.uid, let name = owner.metadata.name else {
            throw .ownerHasNoUID(kind: Owner.kind, name: owner.metadata.name ?? "")
        }
        return OwnerReference(apiVersion: Owner.apiVersion, kind: Owner.kind, name: name, uid: uid, controller: true, blockOwnerDeletion: true)
    }

    /// Sets `owner` as the controller of `metadata`, replacing an earlier reference to the same owner.
    /// - Throws: ``OwnerReferenceError/alreadyControlled(by:)`` when another object is the controller already.
    public static func setController<Owner: Resource>(_ owner: Owner, of metadata: inout ObjectMeta) throws(OwnerReferenceError) {
        let reference = try controllerReference(to: owner)
        var references = metadata.ownerReferences ?? []
        if let existing = references.first(where: { $0.controller == true }), existing.uid != reference.uid {
            throw .alreadyControlled(by: existing)
        }
        references.removeAll { $0.uid == reference.uid }
        references.append(reference)
        metadata.ownerReferences = references
    }

    /// Whether `metadata` lists `uid` among its owners.
    public static func isOwned(_ metadata: ObjectMeta, by uid: String) -> Bool {
        metadata.ownerReferences?.contains { $0.uid == uid } == true
    }
}

/// Why an owner reference could not be set.
public enum OwnerReferenceError: Error, Sendable, Hashable {
    /// The owner has no UID (it was never created on the server), so a reference to it would be dangling.
    case ownerHasNoUID(kind: String, name: String)
    /// The dependent has another controller; an object can have only one.
    case alreadyControlled(by: OwnerReference)
}
