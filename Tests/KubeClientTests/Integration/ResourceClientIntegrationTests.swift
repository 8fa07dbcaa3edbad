import Foundation
import KubeClient
import KubeTestServer
import Testing

@Suite("KubeClient against the test API server", .timeLimit(.minutes(1)))
struct ResourceClientIntegrationTests {
    @Test("create, get, update, list and delete a ConfigMap")
    func crud() async throws {
        try await withServerAndClient { _, client in
            let configMaps = client.resources(ConfigMap.self, namespace: "default")
            let created = try await configMaps.create(ConfigMap(metadata: ObjectMeta(name: "settings", labels: ["app": "emqx"]), data: ["a": "1"]))
            #expect(created.metadata.uid != nil)
            #expect(created.metadata.resourceVersion != nil)
            #expect(created.metadata.creationTimestamp != nil)

            var fetched = try await configMaps.get("settings")
            #expect(fetched.data == ["a": "1"])
            fetched.data?["b"] = "2"
            let updated = try await configMaps.update(fetched)
            #expect(updated.data == ["a": "1", "b": "2"])
            #expect(updated.metadata.resourceVersion != created.metadata.resourceVersion)

            let list = try await configMaps.list()
            #expect(list.items.map(\.metadata.name) == ["settings"])
            #expect(list.metadata.resourceVersion != nil)

            try await configMaps.delete("settings")
            #expect(try await configMaps.getIfExists("settings") == nil)
        }
    }

    @Test("typed errors: Conflict on a stale resourceVersion, AlreadyExists, NotFound, Invalid")
    func typedErrors() async throws {
        try await withServerAndClient { _, client in
            let configMaps = client.resources(ConfigMap.self, namespace: "default")
            let first = try await configMaps.create(ConfigMap(metadata: ObjectMeta(name: "c"), data: ["v": "1"]))
            var second = first
            second.data = ["v": "2"]
            _ = try await configMaps.update(second)

            var stale = first
            stale.data = ["v": "3"]
            let conflict = await #expect(throws: KubeAPIError.self) { try await configMaps.update(stale) }
            #expect(conflict?.reason == .conflict)
            #expect(conflict?.code == 409)

            let exists = await #expect(throws: KubeAPIError.self) { try await configMaps.create(ConfigMap(metadata: ObjectMeta(name: "c"))) }
            #expect(exists?.reason == .alreadyExists)

            let missing = await #expect(throws: KubeAPIError.self) { try await configMaps.get("nope") }
            #expect(missing?.reason == .notFound)
            #expect(missing?.code == 404)
            #expect(missing?.details?.name == "nope")

            let invalid = await #expect(throws: KubeAPIError.self) { try await configMaps.create(ConfigMap(metadata: ObjectMeta(name: "Not_Valid"))) }
            #expect(invalid?.reason == .invalid)
            #expect(invalid?.code == 422)

            let failedTest = await #expect(throws: KubeAPIError.self) {
                try await configMaps.patch("c", .json([.test(path: "/data/v", value: "1"), .replace(path: "/data/v", value: "9")]))
            }
            #expect(failedTest?.reason == .invalid)
        }
    }

    @Test("delete preconditions: a wrong uid is refused with Conflict, the right one deletes")
    func deletePreconditions() async throws {
        try await withServerAndClient { _, client in
            let configMaps = client.resources(ConfigMap.self, namespace: "default")
            let created = try await configMaps.create(ConfigMap(metadata: ObjectMeta(name: "guarded")))
            let refused = await #expect(throws: KubeAPIError.self) {
                try await configMaps.delete("guarded", options: DeleteOptions(preconditions: .init(uid: "not-the-uid")))
            }
            #expect(refused?.reason == .conflict)
            try await configMaps.delete("guarded", options: DeleteOptions(preconditions: .init(uid: created.metadata.uid), propagationPolicy: .background))
            #expect(try await configMaps.getIfExists("guarded") == nil)
        }
    }

    @Test("paging reads one snapshot with limit and continue; listAll follows the tokens")
    func paging() async throws {
        try await withServerAndClient { _, client in
            let configMaps = client.resources(ConfigMap.self, namespace: "default")
            for index in 0..<7 {
                _ = try await configMaps.create(ConfigMap(metadata: ObjectMeta(name: "page-\(index)")))
            }
            let firstPage = try await configMaps.list(ListOptions(limit: 3))
            #expect(firstPage.items.count == 3)
            let token = try #require(firstPage.metadata.continue)
            _ = try await configMaps.create(ConfigMap(metadata: ObjectMeta(name: "page-late")))
            let secondPage = try await configMaps.list(ListOptions(limit: 3, continueToken: token))
            #expect(secondPage.items.count == 3)
            #expect(secondPage.metadata.resourceVersion == firstPage.metadata.resourceVersion)

            let all = try await configMaps.listAll(ListOptions(limit: 2))
            #expect(all.items.count == 8)
            #expect(Set(all.items.compactMap(\.metadata.name)).count == 8)
            #expect(all.metadata.continue == nil)
        }
    }

    @Test("label and field selectors filter lists")
    func selectors() async throws {
        try await withServerAndClient { _, client in
            let configMaps = client.resources(ConfigMap.self, namespace: "default")
            _ = try await configMaps.create(ConfigMap(metadata: ObjectMeta(name: "a", labels: ["app": "emqx", "tier": "core"])))
            _ = try await configMaps.create(ConfigMap(metadata: ObjectMeta(name: "b", labels: ["app": "emqx", "tier": "replicant"])))
            _ = try await configMaps.create(ConfigMap(metadata: ObjectMeta(name: "c", labels: ["app": "other"])))
            func names(_ options: ListOptions) async throws -> [String] {
                try await configMaps.list(options).items.compactMap(\.metadata.name).sorted()
            }
            #expect(try await names(ListOptions(labelSelector: "app=emqx")) == ["a", "b"])
            #expect(try await names(ListOptions(labelSelector: "app=emqx,tier!=core")) == ["b"])
            #expect(try await names(ListOptions(labelSelector: "tier in (core,replicant)")) == ["a", "b"])
            #expect(try await names(ListOptions(labelSelector: "!tier")) == ["c"])
            #expect(try await names(ListOptions(fieldSelector: "metadata.name=c")) == ["c"])
            let bad = await #expect(throws: KubeAPIError.self) { try await configMaps.list(ListOptions(labelSelector: "app in (")) }
            #expect(bad?.reason == .badRequest)
        }
    }

    @Test("merge, JSON and strategic merge patches, and cluster-scoped nodes")
    func patches() async throws {
        try await withServerAndClient { _, client in
            let configMaps = client.resources(ConfigMap.self, namespace: "default")
            _ = try await configMaps.create(ConfigMap(metadata: ObjectMeta(name: "p", labels: ["keep": "1", "drop": "1"]), data: ["a": "1"]))
            let merged = try await configMaps.patch("p", .merge(["metadata": ["labels": ["drop": nil, "new": "2"]], "data": ["b": "2"]]), fieldManager: "tests")
            #expect(merged.metadata.labels == ["keep": "1", "new": "2"])
            #expect(merged.data == ["a": "1", "b": "2"])
            let patched = try await configMaps.patch("p", .json([.test(path: "/data/a", value: "1"), .remove(path: "/data/a")]))
            #expect(patched.data == ["b": "2"])

            let nodes = client.resources(KubeNode.self)
            _ = try await nodes.create(KubeNode(metadata: ObjectMeta(name: "node-1")))
            let cordoned = try await nodes.patch("node-1", .strategicMerge(["spec": ["unschedulable": true]]))
            #expect(cordoned.isUnschedulable)
            #expect(try await nodes.list().items.map(\.metadata.name) == ["node-1"])
        }
    }

    @Test("status subresource, scale subresource and eviction")
    func subresources() async throws {
        try await withServerAndClient { _, client in
            let sets = client.resources(StatefulSet.self, namespace: "default")
            let template = PodTemplateSpec(
                metadata: ObjectMeta(labels: ["app": "emqx"]),
                spec: PodSpec(containers: [Container(name: "emqx", image: "emqx/emqx:5.8")])
            )
            _ = try await sets.create(StatefulSet(
                metadata: ObjectMeta(name: "emqx"),
                spec: .init(replicas: 1, selector: KubeLabelSelector(matchLabels: ["app": "emqx"]), serviceName: "emqx-headless", template: template)
            ))
            let scale = try await sets.getScale("emqx")
            #expect(scale.spec.replicas == 1)
            var larger = scale
            larger.spec.replicas = 3
            let scaled = try await sets.updateScale("emqx", larger)
            #expect(scaled.spec.replicas == 3)
            #expect(try await sets.get("emqx").spec?.replicas == 3)

            var current = try await sets.get("emqx")
            current.status = StatefulSet.Status(observedGeneration: current.metadata.generation, replicas: 3, readyReplicas: 2)
            let withStatus = try await sets.updateStatus(current)
            #expect(withStatus.status?.readyReplicas == 2)

            let pods = client.resources(Pod.self, namespace: "default")
            _ = try await pods.create(Pod(metadata: ObjectMeta(name: "victim"), spec: PodSpec(containers: [Container(name: "c", image: "busybox")])))
            let status = try await pods.evict("victim")
            #expect(status.status == "Success")
            let gone = await #expect(throws: KubeAPIError.self) { try await pods.evict("victim") }
            #expect(gone?.reason == .notFound)
        }
    }

    @Test("dynamic objects read and write any kind as JSON, keeping every field")
    func dynamic() async throws {
        try await withServerAndClient { _, client in
            let configMaps = client.dynamic(ConfigMap.resource, namespace: "default")
            let created = try await configMaps.create(DynamicObject(resource: ConfigMap.resource, metadata: ObjectMeta(name: "d"), body: ["data": ["x": "1"]]))
            #expect(created.json[path: ["data", "x"]] == "1")
            #expect(created.kind == "ConfigMap")
            var changed = created
            changed[path: ["data", "y"]] = "2"
            let updated = try await configMaps.update(changed)
            #expect(updated.json["data"] == ["x": "1", "y": "2"])
            #expect(try await client.resources(ConfigMap.self, namespace: "default").get("d").data == ["x": "1", "y": "2"])
        }
    }

    @Test("reads turned away with 503 are retried; writes are not; retries are bounded")
    func readRetries() async throws {
        try await TestAPIServer.withRunning { server in
            let client = KubeClient(config: try loadConfig(of: server), readRetry: ReadRetryPolicy(maximumRetries: 3, initialDelay: .milliseconds(5)))
            do {
                let configMaps = client.resources(ConfigMap.self, namespace: "default")
                _ = try await configMaps.create(ConfigMap(metadata: ObjectMeta(name: "r")))

                server.faults.failRequests(matching: RequestMatcher(method: "GET", resource: "configmaps"), status: 503, count: 2)
                #expect(try await configMaps.get("r").metadata.name == "r")

                server.faults.failRequests(matching: RequestMatcher(method: "GET", resource: "configmaps"), status: 429, count: 4)
                let exhausted = await #expect(throws: KubeAPIError.self) { try await configMaps.list() }
                #expect(exhausted?.reason == .tooManyRequests)
                #expect(server.faults.pendingFailures == 0)

                server.faults.failRequests(matching: RequestMatcher(method: "POST", resource: "configmaps"), status: 503, count: 1)
                let refused = await #expect(throws: KubeAPIError.self) { try await configMaps.create(ConfigMap(metadata: ObjectMeta(name: "w"))) }
                #expect(refused?.reason == .serviceUnavailable)
                #expect(try await configMaps.getIfExists("w") == nil)
            } catch {
                try? await client.shutdown()
                throw error
            }
            try await client.shutdown()
        }
    }

    @Test("a rotated token file is re-read after a 401 and the request retried once")
    func tokenRotation() async throws {
        try await TestAPIServer.withRunning { server in
            try await withTemporaryDirectory { directory in
                let tokenPath = try write("stale-token", to: "token", in: directory)
                let config = KubeConfig(server: server.url, tls: .init(certificateAuthorityPEM: server.caCertificatePEM), credentials: .bearerTokenFile(tokenPath))
                try await withKubeClient(config: config) { client in
                    let configMaps = client.resources(ConfigMap.self, namespace: "default")
                    let denied = await #expect(throws: KubeAPIError.self) { try await configMaps.list() }
                    #expect(denied?.reason == .unauthorized)
                    try write(server.token, to: "token", in: directory)
                    #expect(try await configMaps.list().items.isEmpty)
                }
            }
        }
    }

    @Test("Leases keep MicroTime to the microsecond and conflict on a stale version; Events are recorded and seen as core/v1 too")
    func leasesAndEvents() async throws {
        try await withServerAndClient { _, client in
            let leases = client.resources(Lease.self, namespace: "default")
            let renew = MicroTimestamp(Date(timeIntervalSince1970: 1_800_000_000.123456))
            let lease = try await leases.create(Lease(
                metadata: ObjectMeta(name: "rebalance-operator"),
                spec: .init(holderIdentity: "pod-a", leaseDurationSeconds: 15, acquireTime: renew, renewTime: renew, leaseTransitions: 0)
            ))
            #expect(lease.spec?.renewTime == renew)
            var taken = lease
            taken.spec?.holderIdentity = "pod-b"
            _ = try await leases.update(taken)
            var stale = lease
            stale.spec?.holderIdentity = "pod-c"
            let conflict = await #expect(throws: KubeAPIError.self) { try await leases.update(stale) }
            #expect(conflict?.reason == .conflict)

            let events = client.resources(Event.self, namespace: "default")
            let now = MicroTimestamp.now
            let recorded = try await events.create(Event(
                metadata: ObjectMeta(name: "emqx-0.evacuating"),
                eventTime: now,
                reportingController: "rebalance.brokers.dev/operator",
                reportingInstance: "pod-a",
                action: "Evacuate",
                reason: "EvacuationStarted",
                regarding: ObjectReference(apiVersion: "v1", kind: "Pod", namespace: "default", name: "emqx-0"),
                note: "moving clients off emqx-0",
                type: "Normal"
            ))
            #expect(recorded.eventTime == now)
            let repeated = try await events.patch(
                "emqx-0.evacuating",
                .merge(["series": ["count": 2, "lastObservedTime": .string(MicroTimestamp.now.description)]])
            )
            #expect(repeated.series?.count == 2)
            let legacy = try await client.resources(CoreEvent.self, namespace: "default").get("emqx-0.evacuating")
            #expect(legacy.involvedObject.name == "emqx-0")
            #expect(legacy.message == "moving clients off emqx-0")
        }
    }

    @Test("a typed read-modify-write keeps the fields the Swift type does not model")
    func unknownFieldsSurviveUpdate() async throws {
        try await withServerAndClient { _, client in
            let dynamicPods = client.dynamic(Pod.resource, namespace: "default")
            _ = try await dynamicPods.create(DynamicObject(
                resource: Pod.resource,
                metadata: ObjectMeta(name: "rich"),
                body: ["spec": [
                    "restartPolicy": "Always",
                    "volumes": [["name": "data", "emptyDir": [:]]],
                    "containers": [["name": "emqx", "image": "emqx:5", "resources": ["limits": ["cpu": "1"]]]],
                ]]
            ))
            let pods = client.resources(Pod.self, namespace: "default")
            var pod = try await pods.get("rich")
            pod.metadata.labels = ["evacuating": "true"]
            _ = try await pods.update(pod)

            let stored = try await dynamicPods.get("rich")
            #expect(stored.metadata.labels == ["evacuating": "true"])
            #expect(stored[path: ["spec", "restartPolicy"]] == "Always")
            #expect(stored[path: ["spec", "volumes"]] == [["name": "data", "emptyDir": [:]]])
            #expect(stored.json["spec"]?["containers"]?[0]?["resources"] == ["limits": ["cpu": "1"]])
        }
    }
}
