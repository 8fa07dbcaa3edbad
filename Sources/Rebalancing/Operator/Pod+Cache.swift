import KubeClient

extension Pod {
    /// What the operator's Pod cache keeps of a Pod: its identity, labels, owners and lifecycle, where it runs and
    /// whether it is Ready. Annotations, containers and every unmodelled field are dropped, so the cache's memory
    /// stays proportional to the number of Pods, not to the size of their specs.
    var cacheProjection: Pod {
        var metadata = metadata
        metadata.annotations = nil
        let spec = spec.map { PodSpec(nodeName: $0.nodeName, hostname: $0.hostname, subdomain: $0.subdomain) }
        return Pod(metadata: metadata, spec: spec, status: status)
    }
}
