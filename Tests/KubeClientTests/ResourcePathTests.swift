import Testing

@testable import KubeClient

@Suite("paths and query parameters")
struct ResourcePathTests {
    static let evacuations = ResourceDescription(group: "rebalance.brokers.dev", version: "v1alpha1", kind: "NodeEvacuation", plural: "nodeevacuations", isNamespaced: true)

    @Test("core and group kinds, namespaced and cluster-scoped, with subresources")
    func paths() {
        #expect(ResourcePath.collection(Pod.resource, namespace: "default") == "/api/v1/namespaces/default/pods")
        #expect(ResourcePath.collection(Pod.resource, namespace: nil) == "/api/v1/pods")
        #expect(ResourcePath.object(Pod.resource, namespace: "ns", name: "emqx-0", subresource: "eviction") == "/api/v1/namespaces/ns/pods/emqx-0/eviction")
        #expect(ResourcePath.object(KubeNode.resource, namespace: "ignored", name: "n1") == "/api/v1/nodes/n1")
        #expect(ResourcePath.collection(StatefulSet.resource, namespace: "b") == "/apis/apps/v1/namespaces/b/statefulsets")
        #expect(ResourcePath.object(StatefulSet.resource, namespace: "b", name: "emqx", subresource: "scale") == "/apis/apps/v1/namespaces/b/statefulsets/emqx/scale")
        #expect(ResourcePath.object(Self.evacuations, namespace: "x", name: "e1", subresource: "status") == "/apis/rebalance.brokers.dev/v1alpha1/namespaces/x/nodeevacuations/e1/status")
        #expect(ResourcePath.collection(Lease.resource, namespace: "kube-system") == "/apis/coordination.k8s.io/v1/namespaces/kube-system/leases")
        #expect(ResourcePath.collection(Event.resource, namespace: "d") == "/apis/events.k8s.io/v1/namespaces/d/events")
        #expect(ResourcePath.collection(CoreEvent.resource, namespace: "d") == "/api/v1/namespaces/d/events")
        #expect(ResourcePath.object(Pod.resource, namespace: "d", name: "a b/c") == "/api/v1/namespaces/d/pods/a%20b%2Fc")
    }

    @Test("list, watch, write and delete options become the API's query parameters, escaped")
    func query() {
        let list = ListOptions(labelSelector: "app in (a,b),!canary", fieldSelector: "spec.nodeName=n1", limit: 50, continueToken: "tok=", resourceVersion: "0", resourceVersionMatch: .notOlderThan, timeoutSeconds: 10)
        #expect(list.queryParameters.queryString == "?labelSelector=app%20in%20%28a%2Cb%29%2C%21canary&fieldSelector=spec.nodeName%3Dn1&limit=50&continue=tok%3D&resourceVersion=0&resourceVersionMatch=NotOlderThan&timeoutSeconds=10")
        #expect(ListOptions().queryParameters.queryString == "")
        let watch = WatchOptions(resourceVersion: "42", labelSelector: "app=emqx")
        #expect(watch.queryParameters.queryString == "?watch=true&resourceVersion=42&labelSelector=app%3Demqx&allowWatchBookmarks=true&timeoutSeconds=290")
        let write = WriteOptions(fieldManager: "rebalance-operator", fieldValidation: .strict, dryRun: true)
        #expect(write.queryParameters.queryString == "?fieldManager=rebalance-operator&fieldValidation=Strict&dryRun=All")
    }

    @Test("DeleteOptions carry preconditions and propagation in the body")
    func deleteOptions() throws {
        let options = DeleteOptions(gracePeriodSeconds: 0, preconditions: .init(uid: "u1", resourceVersion: "7"), propagationPolicy: .foreground)
        let json = try JSONValue(encoding: options)
        #expect(json == ["kind": "DeleteOptions", "apiVersion": "v1", "gracePeriodSeconds": 0, "preconditions": ["uid": "u1", "resourceVersion": "7"], "propagationPolicy": "Foreground"])
        #expect(try JSONValue(encoding: DeleteOptions(dryRun: true))["dryRun"] == ["All"])
    }

    @Test("patches carry their content type and JSON patch operations their JSON form")
    func patches() {
        #expect(Patch.merge(["a": 1]).contentType == "application/merge-patch+json")
        #expect(Patch.strategicMerge(["a": 1]).contentType == "application/strategic-merge-patch+json")
        let json = Patch.json([
            .test(path: "/metadata/finalizers", value: .null),
            .add(path: "/metadata/finalizers", value: ["x"]),
            .remove(path: JSONPatchOperation.pointer(["metadata", "annotations", "a/b~c"])),
        ])
        #expect(json.contentType == "application/json-patch+json")
        #expect(json.body == [
            ["op": "test", "path": "/metadata/finalizers", "value": nil],
            ["op": "add", "path": "/metadata/finalizers", "value": ["x"]],
            ["op": "remove", "path": "/metadata/annotations/a~1b~0c"],
        ])
    }

    @Test("namespace rules: the client's namespace, then the object's, then the config's default; cluster-scoped kinds have none")
    func namespaceRules() async throws {
        try await withKubeClient(config: KubeConfig(server: "https://127.0.0.1:1", namespace: "fallback")) { client in
            let all = client.resources(Pod.self)
            #expect(all.collectionPath == "/api/v1/pods")
            #expect(all.objectPath("a") == "/api/v1/namespaces/fallback/pods/a")
            #expect(all.objectPath("a", objectNamespace: "own") == "/api/v1/namespaces/own/pods/a")
            let scoped = all.inNamespace("brokers")
            #expect(scoped.collectionPath == "/api/v1/namespaces/brokers/pods")
            #expect(scoped.objectPath("a", objectNamespace: "own") == "/api/v1/namespaces/brokers/pods/a")
            #expect(client.resources(KubeNode.self, namespace: "ignored").objectPath("n") == "/api/v1/nodes/n")
            #expect(client.dynamic(Lease.resource).inNamespace("x").collectionPath == "/apis/coordination.k8s.io/v1/namespaces/x/leases")
        }
    }
}
