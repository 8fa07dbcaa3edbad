import Foundation
import KubeClient
import KubeTestServer
import NIOHTTP1
import Testing

/// Behaviour beyond the 3.15 checklist that the operator, the dev environment and other tests rely on.
@Suite("server behaviour: garbage collection, namespaces, faults, dry run, scale, KubeClient")
struct ServerBehaviourTests {
    static let pods = "/api/v1/namespaces/default/pods"
    static let statefulSets = "/apis/apps/v1/namespaces/default/statefulsets"

    func statefulSet(_ name: String) -> JSONValue {
        ["apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": ["name": .string(name)],
         "spec": ["replicas": 2, "selector": ["matchLabels": ["app": "emqx"]], "template": ["metadata": ["labels": ["app": "emqx"]]]]]
    }

    @Test("deleting an owner deletes its dependents in the background; Orphan keeps them without the reference")
    func garbageCollection() async throws {
        try await TestEnvironment.with { env in
            let owner = try await env.create(Self.statefulSets, statefulSet("emqx"))
            let uid = owner[path: ["metadata", "uid"]]?.stringValue ?? ""
            try await env.create(Self.pods, Fixtures.pod("emqx-0", node: "n1", ownerUID: uid))
            try await env.create(Self.pods, Fixtures.pod("other", node: "n1"))
            let deleted = try await env.request(.DELETE, Self.statefulSets + "/emqx")
            #expect(deleted.status == 200)
            #expect(try await env.request(.GET, Self.pods + "/emqx-0").status == 404)
            #expect(try await env.request(.GET, Self.pods + "/other").status == 200)

            let second = try await env.create(Self.statefulSets, statefulSet("kept"))
            try await env.create(Self.pods, Fixtures.pod("kept-0", node: "n1", ownerUID: second[path: ["metadata", "uid"]]?.stringValue))
            let orphaning = try await env.request(.DELETE, Self.statefulSets + "/kept", body: ["propagationPolicy": "Orphan"])
            #expect(orphaning.status == 200)
            let orphan = try await env.request(.GET, Self.pods + "/kept-0")
            #expect(orphan.status == 200)
            #expect(orphan.json[path: ["metadata", "ownerReferences"]] == nil)
        }
    }

    @Test("DELETE preconditions on uid and resourceVersion give 409; Foreground deletes dependents first")
    func deletePreconditionsAndForeground() async throws {
        try await TestEnvironment.with { env in
            let owner = try await env.create(Self.statefulSets, statefulSet("emqx"))
            let uid = owner[path: ["metadata", "uid"]]?.stringValue ?? ""
            try await env.create(Self.pods, Fixtures.pod("emqx-0", node: "n1", ownerUID: uid))
            let wrongUID = try await env.request(.DELETE, Self.statefulSets + "/emqx", body: ["preconditions": ["uid": "nope"]])
            #expect(wrongUID.status == 409)
            #expect(wrongUID.json["message"]?.stringValue?.contains("Precondition failed: UID in precondition: nope") == true)
            let wrongVersion = try await env.request(.DELETE, Self.statefulSets + "/emqx", body: ["preconditions": ["resourceVersion": "1"]])
            #expect(wrongVersion.status == 409)
            #expect(wrongVersion.json["reason"] == "Conflict")
            let foreground = try await env.request(.DELETE, Self.statefulSets + "/emqx",
                                                   body: ["propagationPolicy": "Foreground", "preconditions": ["uid": .string(uid)]])
            #expect(foreground.status == 200)
            #expect(try await env.request(.GET, Self.pods + "/emqx-0").status == 404)
            #expect(try await env.request(.GET, Self.statefulSets + "/emqx").status == 404)
        }
    }

    @Test("with podDeletion .awaitKubelet a deleted or evicted pod stays Terminating until deleted with grace 0")
    func podsAwaitKubelet() async throws {
        try await TestEnvironment.with(TestAPIServer.Configuration(podDeletion: .awaitKubelet)) { env in
            for name in ["a", "b"] {
                try await env.create(Self.pods, Fixtures.pod(name, node: "n1"))
                _ = try await env.request(.PATCH, Self.pods + "/\(name)/status", body: ["status": Fixtures.readyStatus],
                                          contentType: "application/merge-patch+json")
            }
            let deleted = try await env.request(.DELETE, Self.pods + "/a", body: ["gracePeriodSeconds": 20])
            #expect(deleted.status == 200)
            #expect(deleted.json[path: ["metadata", "deletionGracePeriodSeconds"]] == 20)
            let terminating = try await env.request(.GET, Self.pods + "/a")
            #expect(terminating.status == 200)
            #expect(terminating.json[path: ["metadata", "deletionTimestamp"]] != nil)
            let evicted = try await env.request(.POST, Self.pods + "/b/eviction", body: ["metadata": ["name": "b"]])
            #expect(evicted.status == 201)
            #expect(try await env.request(.GET, Self.pods + "/b").json[path: ["metadata", "deletionGracePeriodSeconds"]] == 30)
            let statusWrite = try await env.request(.PATCH, Self.pods + "/b/status", body: ["status": ["phase": "Running"]],
                                                    contentType: "application/merge-patch+json")
            #expect(statusWrite.status == 200)
            #expect(try await env.request(.GET, Self.pods + "/b").status == 200)
            #expect(try await env.request(.DELETE, Self.pods + "/a?gracePeriodSeconds=0").status == 200)
            #expect(try await env.request(.GET, Self.pods + "/a").status == 404)
        }
    }

    @Test("deleting a namespace deletes its objects, then the namespace; creating in it meanwhile is refused")
    func namespaceDeletion() async throws {
        try await TestEnvironment.with { env in
            try await env.create("/api/v1/namespaces", ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "tenant"]])
            var held = Fixtures.pod("held", node: "n1")
            held[path: ["metadata", "finalizers"]] = ["kts.dev/hold"]
            try await env.create("/api/v1/namespaces/tenant/pods", held)
            try await env.create("/api/v1/namespaces/tenant/configmaps", ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "c"]])
            let deleting = try await env.request(.DELETE, "/api/v1/namespaces/tenant")
            #expect(deleting.status == 200)
            #expect(deleting.json[path: ["status", "phase"]] == "Terminating")
            #expect(try await env.request(.GET, "/api/v1/namespaces/tenant/configmaps/c").status == 404)
            let refused = try await env.request(.POST, "/api/v1/namespaces/tenant/configmaps",
                                                body: ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "d"]])
            #expect(refused.status == 403)
            #expect((refused.json[path: ["details", "causes"]]?[0]?["reason"]) == "NamespaceTerminating")
            let released = try await env.request(.PATCH, "/api/v1/namespaces/tenant/pods/held", body: ["metadata": ["finalizers": nil]],
                                                 contentType: "application/merge-patch+json")
            #expect(released.status == 200)
            #expect(try await env.request(.GET, "/api/v1/namespaces/tenant").status == 404)
            let missing = try await env.request(.POST, "/api/v1/namespaces/tenant/configmaps",
                                                body: ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "e"]])
            #expect(missing.status == 404)
            #expect(missing.json["message"] == "namespaces \"tenant\" not found")
        }
    }

    @Test("injected failures answer matching requests N times, in process and over HTTP")
    func injectedFailures() async throws {
        try await TestEnvironment.with { env in
            env.server.faults.failRequests(matching: RequestMatcher(method: "GET", resource: "configmaps"), status: 500, count: 2)
            #expect(try await env.request(.GET, "/api/v1/namespaces/default/configmaps").status == 500)
            #expect(try await env.request(.GET, "/api/v1/namespaces/default/pods").status == 200)
            #expect(try await env.request(.GET, "/api/v1/namespaces/default/configmaps").status == 500)
            #expect(try await env.request(.GET, "/api/v1/namespaces/default/configmaps").status == 200)
            let injected = try await env.request(.POST, "/testserver/v1/failures", body: ["status": 429, "count": 1, "pathSuffix": "/eviction"])
            #expect(injected.status == 201)
            let throttled = try await env.request(.POST, "/api/v1/namespaces/default/pods/p/eviction", body: ["metadata": ["name": "p"]])
            #expect(throttled.status == 429)
            #expect(throttled.json["reason"] == "TooManyRequests")
            #expect(throttled.header("Retry-After") == "1")
            #expect(try await env.request(.POST, "/testserver/v1/failures", body: ["status": 409], authorized: false).status == 401)
            env.server.faults.failRequests(matching: .any, status: 409, count: 5)
            #expect(try await env.request(.DELETE, "/testserver/v1/failures").status == 200)
            #expect(try await env.request(.GET, "/api/v1/namespaces").status == 200)
        }
    }

    @Test("dryRun=All stores nothing; fieldValidation=Warn answers with a Warning header")
    func dryRunAndWarnings() async throws {
        try await TestEnvironment.with { env in
            try await env.server.registerCustomResourceDefinition(Fixtures.widgetCRD)
            let before = await env.server.currentResourceVersion()
            let dry = try await env.request(.POST, Fixtures.widgets + "?dryRun=All", body: Fixtures.widget("dry"))
            #expect(dry.status == 201)
            #expect(dry.json[path: ["spec", "rate"]] == 10)
            #expect(try await env.request(.GET, Fixtures.widgets + "/dry").status == 404)
            #expect(await env.server.currentResourceVersion() == before)
            var extra = Fixtures.widget("warned")
            extra[path: ["spec", "colour"]] = "blue"
            let warned = try await env.request(.POST, Fixtures.widgets + "?fieldValidation=Warn", body: extra)
            #expect(warned.status == 201)
            #expect(warned.header("Warning")?.contains("unknown field \\\"spec.colour\\\"") == true)
            #expect(warned.json[path: ["spec", "colour"]] == nil)
        }
    }

    @Test("the scale subresource of a CRD reads and writes the declared paths")
    func customScale() async throws {
        try await TestEnvironment.with { env in
            try await env.server.registerCustomResourceDefinition(Fixtures.widgetCRD)
            var widget = Fixtures.widget("w")
            widget[path: ["spec", "replicas"]] = 1
            try await env.create(Fixtures.widgets, widget)
            _ = try await env.request(.PATCH, Fixtures.widgets + "/w/status", body: ["status": ["replicas": 1, "selector": "app=w"]],
                                      contentType: "application/merge-patch+json")
            let scale = try await env.request(.GET, Fixtures.widgets + "/w/scale")
            #expect(scale.json["kind"] == "Scale")
            #expect(scale.json["apiVersion"] == "autoscaling/v1")
            #expect(scale.json[path: ["spec", "replicas"]] == 1)
            #expect(scale.json[path: ["status", "selector"]] == "app=w")
            let scaled = try await env.request(.PATCH, Fixtures.widgets + "/w/scale", body: ["spec": ["replicas": 4]],
                                               contentType: "application/merge-patch+json")
            #expect(scaled.status == 200)
            #expect(try await env.request(.GET, Fixtures.widgets + "/w").json[path: ["spec", "replicas"]] == 4)
            #expect(try await env.request(.GET, Fixtures.gadgets + "/x/scale").status == 404)
        }
    }

    @Test("KubeClient talks to the server in process through kubeConfig()")
    func kubeClient() async throws {
        try await TestEnvironment.with { env in
            try await withKubeClient(config: env.server.kubeConfig()) { client in
                let configMaps = client.resources(ConfigMap.self, namespace: "default")
                let created = try await configMaps.create(ConfigMap(metadata: ObjectMeta(name: "settings"), data: ["a": "b"]))
                #expect(created.metadata.uid != nil)
                #expect(try await configMaps.get("settings").data == ["a": "b"])
                #expect(try await configMaps.list().items.count == 1)
            }
        }
    }

    @Test("deleting a CRD deletes its objects (DELETED events), ends its watches and stops serving it")
    func customResourceDefinitionDeletion() async throws {
        try await TestEnvironment.with { env in
            try await env.create("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", Fixtures.widgetCRD)
            try await env.create(Fixtures.widgets, Fixtures.widget("a"))
            let events = try await withThrowingTaskGroup(of: [JSONValue].self) { group in
                group.addTask { try await env.watchLines(Fixtures.widgets + "?watch=true").events }
                while await env.server.openWatchCount() == 0 { try await Task.sleep(for: .milliseconds(20)) }
                let deleted = try await env.request(.DELETE, "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.test.kts.dev")
                #expect(deleted.status == 200)
                return try await group.next() ?? []
            }
            #expect(events.map { $0["type"]?.stringValue ?? "" } == ["ADDED", "DELETED"])
            #expect(try await env.request(.GET, Fixtures.widgets).status == 404)
            let discovery = try await env.request(.GET, "/apis")
            #expect(discovery.body.contains("test.kts.dev") == false)
        }
    }

    @Test("a watch with bookmarks ends on the server once its client disconnects")
    func watchEndsWithClient() async throws {
        try await TestEnvironment.with(TestAPIServer.Configuration(bookmarkInterval: .milliseconds(100))) { env in
            // A client that opens a watch on a raw TLS socket, reads the response head and closes the socket.
            try await env.python(#"""
            import sys, ssl, socket, base64, yaml
            cfg = yaml.safe_load(open(sys.argv[1]))
            cluster, user = cfg["clusters"][0]["cluster"], cfg["users"][0]["user"]
            host, port = cluster["server"][len("https://"):].split(":")
            context = ssl.create_default_context(cadata=base64.b64decode(cluster["certificate-authority-data"]).decode())
            connection = context.wrap_socket(socket.create_connection((host, int(port))), server_hostname=host)
            connection.sendall(("GET /api/v1/namespaces/default/configmaps?watch=true&allowWatchBookmarks=true HTTP/1.1\r\n"
                                "Host: %s\r\nAuthorization: Bearer %s\r\n\r\n" % (host, user["token"])).encode())
            assert connection.recv(1000).startswith(b"HTTP/1.1 200")
            connection.close()
            """#)
            var open = await env.server.openWatchCount()
            for _ in 0..<500 where open > 0 {
                try await Task.sleep(for: .milliseconds(20))
                open = await env.server.openWatchCount()
            }
            #expect(open == 0)
        }
    }
}
