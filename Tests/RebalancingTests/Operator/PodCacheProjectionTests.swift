import Foundation
import KubeClient
import Testing

@testable import Rebalancing

@Suite("Pod cache projection")
struct PodCacheProjectionTests {
    @Test("keeps identity, labels, owners, lifecycle, node and readiness; drops annotations, containers and unmodelled fields")
    func projection() throws {
        let json = """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"emqx-0","namespace":"default","uid":"u1","resourceVersion":"7",
             "labels":{"app":"emqx"},"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{...}"},
             "ownerReferences":[{"apiVersion":"apps/v1","kind":"StatefulSet","name":"emqx","uid":"s1","controller":true}],
             "deletionTimestamp":"2026-11-25T10:00:00Z"},
             "spec":{"nodeName":"worker-0","hostname":"emqx-0","subdomain":"emqx-headless","containers":[{"name":"emqx","image":"emqx:5.9"}],"volumes":[{"name":"data"}]},
             "status":{"phase":"Running","podIP":"10.0.0.2","conditions":[{"type":"Ready","status":"True"}]}}
            """
        var pod = try JSONDecoder().decode(Pod.self, from: Data(json.utf8))
        pod.rawJSON = .object(["spec": .object(["volumes": .array([])])])
        let kept = pod.cacheProjection
        #expect(kept.rawJSON == nil)
        #expect(kept.metadata.annotations == nil)
        #expect(kept.metadata.labels == ["app": "emqx"])
        #expect(kept.metadata.uid == "u1" && kept.metadata.resourceVersion == "7")
        #expect(kept.metadata.ownerReferences?.first?.name == "emqx")
        #expect(kept.metadata.deletionTimestamp != nil)
        #expect(kept.spec?.nodeName == "worker-0" && kept.spec?.subdomain == "emqx-headless")
        #expect(kept.spec?.containers.isEmpty == true)
        #expect(kept.isReady && kept.status?.podIP == "10.0.0.2")
    }
}
