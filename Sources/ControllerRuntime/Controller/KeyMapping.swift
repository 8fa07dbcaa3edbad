import KubeClient

/// Event-to-key mappers: which primary keys a change of some kind should reconcile.
public enum KeyMapping {
    /// The key of the controller owner of `object` when that owner is of kind `Owner`; empty otherwise
    /// (controller-runtime's `EnqueueRequestForOwner(..., OnlyControllerOwner())`).
    public static func controllerOwner<Owner: Resource>(of object: some Resource, ownerType: Owner.Type) -> [ObjectKey] {
        guard let reference = object.metadata.controllerReference, reference.kind == Owner.kind,
            apiGroup(of: reference.apiVersion) == Owner.resource.group
        else { return [] }
        let namespace = Owner.resource.isNamespaced ? object.metadata.namespace : nil
        return [ObjectKey(namespace: namespace, name: reference.name)]
    }

    /// The group part of an `apiVersion` (`apps/v1` → `apps`, `v1` → empty).
    static func apiGroup(of apiVersion: String) -> String {
        guard let slash = apiVersion.firstIndex(of: "/") else { return "" }
        return String(apiVersion[..<slash])
    }
}
