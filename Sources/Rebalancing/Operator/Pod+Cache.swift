import KubeClient

extension Pod {
    /// What the operator's Pod cache keeps of a Pod: its identity, labels, owners and lifecycle, where it runs and
    /// whether it is Ready. Annotations, containers and every unmodelled field are dropped, so the cache's memory
    /// stays proportional to the number of Pods, not to the size of their specs.
    var cacheProjection: Pod {
        var metadata = metadata
        metadata.annotations = nil
        let spec = spec.map { PodSpec(nodeName: $0.nodeName, hostname: $0.hostname, subdomain: $0.subdomain, terminationGracePeriodSeconds: $0.terminationGracePeriodSeconds) }
        return Pod(metadata: metadata, spec: spec, status: status)
    }
}

extension KubeNode {
    /// What the operator's Node cache keeps: the name and the spec (cordon, taints). Status (heartbeats, images) and
    /// annotations are dropped.
    var cacheProjection: KubeNode {
        var kept = ObjectMeta(name: metadata.name)
        kept.uid = metadata.uid
        kept.resourceVersion = metadata.resourceVersion
        kept.deletionTimestamp = metadata.deletionTimestamp
        return KubeNode(metadata: kept, spec: spec)
    }
}

extension StatefulSet {
    /// What the operator's StatefulSet cache keeps: identity, lifecycle and the replica count (scale-down, removal of
    /// the whole cluster); the pod template is dropped.
    var cacheProjection: StatefulSet {
        var metadata = metadata
        metadata.annotations = nil
        let spec = spec.map { StatefulSet.Spec(replicas: $0.replicas, selector: $0.selector, serviceName: $0.serviceName, template: PodTemplateSpec(), podManagementPolicy: $0.podManagementPolicy) }
        return StatefulSet(metadata: metadata, spec: spec, status: status)
    }
}
