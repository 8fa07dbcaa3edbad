import Foundation
import KubeClient
import KubeTestServer
import Testing

/// The test server driven by the real `kubectl` (1.32 through the dispatcher), with the repository's CRDs.
@Suite("kubectl against the test server")
struct KubectlTests {
    static let evacuation = """
        apiVersion: rebalance.brokers.dev/v1alpha1
        kind: NodeEvacuation
        metadata:
          name: evacuate-worker-1
          namespace: default
        spec:
          clusterRef: emqx
          target:
            node: worker-1
          connEvictRate: 1000
          sessEvictRate: 1000

        """

    static let builtins = """
        apiVersion: v1
        kind: Node
        metadata:
          name: worker-1
          labels:
            kubernetes.io/hostname: worker-1
        ---
        apiVersion: v1
        kind: Node
        metadata:
          name: worker-2
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
        data:
          mode: test
        ---
        apiVersion: v1
        kind: Secret
        metadata:
          name: emqx-api
        stringData:
          key: rebalance-operator
          secret: s3cret
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: emqx
        spec:
          selector:
            app: emqx
          ports:
          - name: api
            port: 18083
        ---
        apiVersion: apps/v1
        kind: StatefulSet
        metadata:
          name: emqx
        spec:
          replicas: 2
          serviceName: emqx-headless
          selector:
            matchLabels:
              app: emqx
          template:
            metadata:
              labels:
                app: emqx
            spec:
              containers:
              - name: emqx
                image: emqx/emqx:5.9
        ---
        apiVersion: policy/v1
        kind: PodDisruptionBudget
        metadata:
          name: emqx
        spec:
          minAvailable: 1
          selector:
            matchLabels:
              app: emqx
        ---
        apiVersion: coordination.k8s.io/v1
        kind: Lease
        metadata:
          name: rebalance-operator
        spec:
          holderIdentity: operator-0
          leaseDurationSeconds: 15

        """

    /// `kubectl apply -f crds/` and one NodeEvacuation.
    func withEvacuation(_ body: (TestEnvironment) async throws -> Void) async throws {
        try await TestEnvironment.with { env in
            try await env.kubectl("apply", "-f", TestEnvironment.crdsDirectory)
            try await env.kubectl("apply", "-f", try env.file("nevac.yaml", Self.evacuation))
            try await body(env)
        }
    }

    @Test("kubectl apply -f crds/, then apply a custom object: created, unchanged, configured")
    func applyCRDsAndCustomObject() async throws {
        try await TestEnvironment.with { env in
            let crds = try await env.kubectl("apply", "-f", TestEnvironment.crdsDirectory)
            #expect(crds.contains("customresourcedefinition.apiextensions.k8s.io/nodeevacuations.rebalance.brokers.dev created"))
            #expect(crds.contains("customresourcedefinition.apiextensions.k8s.io/brokerclusters.rebalance.brokers.dev created"))
            let path = try env.file("nevac.yaml", Self.evacuation)
            #expect(try await env.kubectl("apply", "-f", path).contains("nodeevacuation.rebalance.brokers.dev/evacuate-worker-1 created"))
            #expect(try await env.kubectl("apply", "-f", path).contains("nodeevacuation.rebalance.brokers.dev/evacuate-worker-1 unchanged"))
            let changed = try env.file("nevac2.yaml", Self.evacuation.replacingOccurrences(of: "connEvictRate: 1000", with: "connEvictRate: 2000"))
            #expect(try await env.kubectl("apply", "-f", changed).contains("nodeevacuation.rebalance.brokers.dev/evacuate-worker-1 configured"))
            let rate = try await env.kubectl("get", "nevac", "evacuate-worker-1", "-o", "jsonpath={.spec.connEvictRate} {.metadata.generation}")
            #expect(rate == "2000 2")
            #expect(try await env.kubectl("apply", "-f", TestEnvironment.crdsDirectory).contains("unchanged"))
        }
    }

    @Test("kubectl get prints the CRD's printer columns; -o wide adds priority columns; categories work")
    func getWithPrinterColumns() async throws {
        try await withEvacuation { env in
            let output = try await env.kubectl("get", "nevac")
            let lines = output.split(separator: "\n")
            #expect(lines.count == 2)
            #expect(lines.first?.split(separator: " ", omittingEmptySubsequences: true).map(String.init) == ["NAME", "CLUSTER", "PHASE", "PROGRESS", "READY", "AGE"])
            #expect(lines.last?.hasPrefix("evacuate-worker-1") == true)
            #expect(lines.last?.contains("emqx") == true)
            let wide = try await env.kubectl("get", "nodeevacuations", "-o", "wide")
            #expect(wide.contains("BROKER-NODE"))
            #expect(wide.contains("worker-1"))
            let category = try await env.kubectl("get", "brokers")
            #expect(category.contains("nodeevacuation.rebalance.brokers.dev/evacuate-worker-1"))
            let resources = try await env.kubectl("api-resources", "--api-group=rebalance.brokers.dev")
            #expect(resources.contains("nevac"))
            #expect(resources.contains("NodeEvacuation"))
        }
    }

    @Test("kubectl get -o yaml shows the stored object with defaults and server-set fields")
    func getYAML() async throws {
        try await withEvacuation { env in
            let yaml = try await env.kubectl("get", "nevac", "evacuate-worker-1", "-o", "yaml")
            #expect(yaml.contains("kind: NodeEvacuation"))
            #expect(yaml.contains("clusterRef: emqx"))
            #expect(yaml.contains("uid: "))
            #expect(yaml.contains("generation: 1"))
            #expect(yaml.contains("resourceVersion: "))
            #expect(yaml.contains("kubectl.kubernetes.io/last-applied-configuration"))
        }
    }

    @Test("kubectl get -w prints the table and then each change")
    func getWatch() async throws {
        try await withEvacuation { env in
            let watcher = try env.startKubectl("get", "nevac", "-w")
            while await env.server.openWatchCount() == 0 { try await Task.sleep(for: .milliseconds(20)) }
            try await env.kubectl("patch", "nevac", "evacuate-worker-1", "--subresource=status", "--type=merge",
                                  "-p", #"{"status":{"phase":"EvictingConnections","progress":40}}"#)
            var output = ""
            for _ in 0..<400 where !output.contains("EvictingConnections") {
                try await Task.sleep(for: .milliseconds(25))
                output = watcher.stdout
            }
            watcher.terminate()
            _ = await watcher.wait()
            let lines = output.split(separator: "\n")
            #expect(lines.first?.hasPrefix("NAME") == true)
            #expect(lines.count >= 3)
            #expect(lines.last?.contains("EvictingConnections") == true)
            #expect(lines.last?.contains("40") == true)
        }
    }

    @Test("kubectl label, patch --type=merge and patch --subresource=status")
    func labelAndPatch() async throws {
        try await withEvacuation { env in
            #expect(try await env.kubectl("label", "nevac", "evacuate-worker-1", "team=brokers").contains("labeled"))
            #expect(try await env.kubectl("get", "nevac", "-l", "team=brokers", "-o", "name") == "nodeevacuation.rebalance.brokers.dev/evacuate-worker-1\n")
            #expect(try await env.kubectl("get", "nevac", "-l", "team!=brokers", "-o", "name").isEmpty)
            let patched = try await env.kubectl("patch", "nevac", "evacuate-worker-1", "--type=merge", "-p", #"{"spec":{"sessEvictRate":250}}"#)
            #expect(patched.contains("nodeevacuation.rebalance.brokers.dev/evacuate-worker-1 patched"))
            #expect(try await env.kubectl("get", "nevac", "evacuate-worker-1", "-o", "jsonpath={.spec.sessEvictRate} {.metadata.generation}") == "250 2")
            try await env.kubectl("patch", "nevac", "evacuate-worker-1", "--subresource=status", "--type=merge",
                                  "-p", #"{"status":{"phase":"Evacuated"},"spec":{"sessEvictRate":1}}"#)
            #expect(try await env.kubectl("get", "nevac", "evacuate-worker-1", "-o", "jsonpath={.status.phase} {.spec.sessEvictRate} {.metadata.generation}") == "Evacuated 250 2")
            let rejected = try await env.kubectlResult(["patch", "nevac", "evacuate-worker-1", "--type=merge", "-p", #"{"spec":{"sessEvictRate":0}}"#])
            #expect(rejected.status != 0)
            #expect(rejected.stderr.contains("spec.sessEvictRate"))
        }
    }

    @Test("kubectl explain reads the CRD schema from OpenAPI v3")
    func explain() async throws {
        try await withEvacuation { env in
            let output = try await env.kubectl("explain", "nevac.spec")
            #expect(output.contains("KIND:"))
            #expect(output.contains("NodeEvacuation"))
            #expect(output.contains("connEvictRate"))
            #expect(output.contains("Connections evicted per second"))
        }
    }

    @Test("kubectl delete removes the object; with a finalizer it waits for it")
    func delete() async throws {
        try await withEvacuation { env in
            #expect(try await env.kubectl("delete", "nevac", "evacuate-worker-1").contains("nodeevacuation.rebalance.brokers.dev \"evacuate-worker-1\" deleted"))
            let missing = try await env.kubectlResult(["get", "nevac", "evacuate-worker-1"])
            #expect(missing.status != 0)
            #expect(missing.stderr.contains("NotFound") || missing.stderr.contains("not found"))
            try await env.kubectl("apply", "-f", try env.file("again.yaml", Self.evacuation))
            try await env.kubectl("patch", "nevac", "evacuate-worker-1", "--type=merge", "-p", #"{"metadata":{"finalizers":["rebalance.brokers.dev/cleanup"]}}"#)
            try await env.kubectl("delete", "nevac", "evacuate-worker-1", "--wait=false")
            #expect(try await env.kubectl("get", "nevac", "evacuate-worker-1", "-o", "jsonpath={.metadata.deletionTimestamp}").isEmpty == false)
            try await env.kubectl("patch", "nevac", "evacuate-worker-1", "--type=json", "-p", #"[{"op":"remove","path":"/metadata/finalizers"}]"#)
            #expect(try await env.kubectl("get", "nevac", "--ignore-not-found").isEmpty)
        }
    }

    @Test("kubectl wait --for=condition=Ready returns once the status condition is set")
    func waitForCondition() async throws {
        try await withEvacuation { env in
            let waiter = try env.startKubectl("wait", "--for=condition=Ready", "nevac/evacuate-worker-1", "--timeout=60s")
            while await env.server.openWatchCount() == 0 { try await Task.sleep(for: .milliseconds(20)) }
            try await env.kubectl("patch", "nevac", "evacuate-worker-1", "--subresource=status", "--type=merge", "-p",
                                  #"{"status":{"conditions":[{"type":"Ready","status":"True","reason":"Evacuated","message":"","lastTransitionTime":"2026-01-01T00:00:00Z"}]}}"#)
            let result = await waiter.wait()
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("nodeevacuation.rebalance.brokers.dev/evacuate-worker-1 condition met"))
        }
    }

    @Test("kubectl create -f of built-in kinds, cordon and uncordon, scale")
    func builtinsCordonScale() async throws {
        try await TestEnvironment.with { env in
            let created = try await env.kubectl("create", "-f", try env.file("builtins.yaml", Self.builtins))
            for line in ["node/worker-1 created", "configmap/settings created", "secret/emqx-api created", "service/emqx created",
                         "statefulset.apps/emqx created", "poddisruptionbudget.policy/emqx created", "lease.coordination.k8s.io/rebalance-operator created"] {
                #expect(created.contains(line), "\(line) in \(created)")
            }
            #expect(try await env.kubectl("cordon", "worker-1").contains("node/worker-1 cordoned"))
            #expect(try await env.kubectl("get", "node", "worker-1", "-o", "jsonpath={.spec.unschedulable}") == "true")
            #expect(try await env.kubectl("get", "nodes").contains("SchedulingDisabled"))
            #expect(try await env.kubectl("get", "node", "worker-1", "-o", "jsonpath={.spec.taints[*].key}") == "node.kubernetes.io/unschedulable")
            #expect(try await env.kubectl("uncordon", "worker-1").contains("node/worker-1 uncordoned"))
            #expect(try await env.kubectl("get", "node", "worker-1", "-o", "jsonpath={.spec.unschedulable}") != "true")
            #expect(try await env.kubectl("get", "node", "worker-1", "-o", "jsonpath={.spec.taints}").isEmpty)
            #expect(try await env.kubectl("scale", "statefulset", "emqx", "--replicas=3").contains("statefulset.apps/emqx scaled"))
            #expect(try await env.kubectl("get", "sts", "emqx", "-o", "jsonpath={.spec.replicas}") == "3")
            let secret = try await env.kubectl("get", "secret", "emqx-api", "-o", "jsonpath={.data.key}")
            #expect(secret == Data("rebalance-operator".utf8).base64EncodedString())
            // Imperative creates go through typed clients, which send protobuf bodies.
            #expect(try await env.kubectl("create", "namespace", "brokers").contains("namespace/brokers created"))
            #expect(try await env.kubectl("create", "secret", "generic", "key", "-n", "brokers", "--from-literal=secret=s3cret").contains("secret/key created"))
            #expect(try await env.kubectl("get", "secret", "key", "-n", "brokers", "-o", "jsonpath={.data.secret}") == Data("s3cret".utf8).base64EncodedString())
            #expect(try await env.kubectl("create", "configmap", "flags", "--from-literal=a=b", "-n", "brokers").contains("configmap/flags created"))
            #expect(try await env.kubectl("get", "configmap", "flags", "-n", "brokers", "-o", "jsonpath={.data.a}") == "b")
            #expect(try await env.kubectl("create", "service", "clusterip", "api", "--tcp=18083:18083", "-n", "brokers").contains("service/api created"))
            #expect(try await env.kubectl("get", "service", "api", "-n", "brokers", "-o", "jsonpath={.spec.ports[0].port}") == "18083")
        }
    }

    @Test("kubectl drain evicts through the PodDisruptionBudget and is refused when no disruption is allowed")
    func drain() async throws {
        try await TestEnvironment.with { env in
            try await env.kubectl("create", "-f", try env.file("builtins.yaml", Self.builtins))
            let statefulSetUID = try await env.kubectl("get", "sts", "emqx", "-o", "jsonpath={.metadata.uid}")
            for (index, node) in ["worker-1", "worker-2"].enumerated() {
                let pod = Fixtures.pod("emqx-\(index)", node: node, ownerUID: statefulSetUID)
                try await env.create("/api/v1/namespaces/default/pods", pod)
                let status = try await env.request(.PATCH, "/api/v1/namespaces/default/pods/emqx-\(index)/status",
                                                   body: ["status": Fixtures.readyStatus], contentType: "application/merge-patch+json")
                #expect(status.status == 200)
            }
            #expect(try await env.kubectl("get", "pdb", "emqx", "-o", "jsonpath={.status.disruptionsAllowed}") == "1")
            let drained = try await env.kubectl("drain", "worker-1", "--ignore-daemonsets", "--delete-emptydir-data", "--timeout=30s")
            #expect(drained.contains("node/worker-1 cordoned"))
            #expect(drained.contains("pod/emqx-0 evicted"))
            #expect(drained.contains("node/worker-1 drained"))
            #expect(try await env.kubectl("get", "pods", "-o", "name") == "pod/emqx-1\n")
            #expect(try await env.kubectl("get", "pdb", "emqx", "-o", "jsonpath={.status.disruptionsAllowed}") == "0")
            let blocked = try await env.kubectlResult(["drain", "worker-2", "--ignore-daemonsets", "--timeout=4s"])
            #expect(blocked.status != 0)
            #expect((blocked.stdout + blocked.stderr).contains("Cannot evict pod as it would violate the pod's disruption budget"))
            #expect(try await env.kubectl("get", "pods", "-o", "name") == "pod/emqx-1\n")
        }
    }

    @Test("kubectl describe shows the object and its core/v1 events; kubectl get events; --dry-run=server stores nothing")
    func describeAndEvents() async throws {
        try await withEvacuation { env in
            let uid = try await env.kubectl("get", "nevac", "evacuate-worker-1", "-o", "jsonpath={.metadata.uid}")
            let event: JSONValue = [
                "apiVersion": "v1", "kind": "Event", "metadata": ["name": "evacuate-worker-1.started"],
                "involvedObject": ["apiVersion": "rebalance.brokers.dev/v1alpha1", "kind": "NodeEvacuation", "name": "evacuate-worker-1",
                                   "namespace": "default", "uid": .string(uid)],
                "reason": "EvacuationStarted", "message": "evicting connections from emqx@emqx-1", "type": "Normal",
                "source": ["component": "rebalance-operator"], "firstTimestamp": "2026-01-01T00:00:00Z", "lastTimestamp": "2026-01-01T00:00:00Z", "count": 1,
            ]
            try await env.create("/api/v1/namespaces/default/events", event)
            let described = try await env.kubectl("describe", "nevac", "evacuate-worker-1")
            #expect(described.contains("Name:         evacuate-worker-1"))
            #expect(described.contains("Conn Evict Rate:  1000"))
            #expect(described.contains("EvacuationStarted"))
            let events = try await env.kubectl("get", "events")
            #expect(events.contains("EvacuationStarted"))
            #expect(try await env.kubectl("auth", "can-i", "delete", "pods") == "yes\n")
            let dry = try await env.kubectl("create", "configmap", "dry", "--from-literal=a=b", "--dry-run=server")
            #expect(dry.contains("configmap/dry created (server dry run)"))
            #expect(try await env.kubectl("get", "configmaps", "--ignore-not-found", "-o", "name").isEmpty)
        }
    }
}
