import Foundation
import KubeClient
import KubeTestServer
import Testing

/// Built-in kinds as a real cluster serves them: server-set fields and defaults, Services' status and DELETE answer,
/// Deployments, ServiceAccounts and RBAC, and the wide table columns; driven by kubectl and the Python client.
@Suite("built-in kinds as a cluster serves them")
struct BuiltinKindsConformanceTests {
    static let workloads = """
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
              - name: exporter
                image: exporter:1
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: operator
        spec:
          replicas: 2
          selector:
            matchLabels:
              app: operator
          template:
            metadata:
              labels:
                app: operator
            spec:
              containers:
              - name: operator
                image: rebalance-operator:dev

        """

    @Test("Services: created with status.loadBalancer {}, defaults filled; DELETE answers with the Service; Secrets default to Opaque; no generation on ConfigMaps, Secrets, Services")
    func servicesAndServerSetFields() async throws {
        try await TestEnvironment.with { env in
            try await env.python(PythonPrelude.text + #"""
            service = core.create_namespaced_service(NS, {"metadata": {"name": "api"}, "spec": {"selector": {"app": "emqx"}, "ports": [{"port": 18083}]}})
            check(service.status.load_balancer is not None, service.status)
            raw_service = raw("GET", "/api/v1/namespaces/default/services/api")
            check(raw_service["status"] == {"loadBalancer": {}}, raw_service)
            check(raw_service["spec"]["type"] == "ClusterIP" and raw_service["spec"]["sessionAffinity"] == "None", raw_service["spec"])
            check(raw_service["spec"]["ports"][0] == {"port": 18083, "protocol": "TCP", "targetPort": 18083}, raw_service["spec"]["ports"])
            check("generation" not in raw_service["metadata"], raw_service["metadata"])
            deleted = core.delete_namespaced_service("api", NS)
            check(deleted.kind == "Service" and deleted.metadata.name == "api", deleted)
            secret = core.create_namespaced_secret(NS, {"metadata": {"name": "s"}, "stringData": {"k": "v"}})
            check(secret.type == "Opaque" and secret.metadata.generation is None, secret)
            cm = core.create_namespaced_config_map(NS, {"metadata": {"name": "c"}, "data": {"k": "v"}})
            check(cm.metadata.generation is None, cm.metadata)
            cm.data["k"] = "w"
            check(core.replace_namespaced_config_map("c", NS, cm).metadata.generation is None, "no generation after an update")
            print("ok")
            """#)
            // kubectl's typed creates send protobuf: empty strings (generateName, type) are unset, not kept.
            try await env.kubectl("create", "secret", "generic", "key", "--from-literal=k=v")
            let secret = try await env.request(.GET, "/api/v1/namespaces/default/secrets/key").json
            #expect(secret["type"] == "Opaque")
            #expect(secret[path: ["metadata", "generateName"]] == nil)
            #expect(secret[path: ["metadata", "generation"]] == nil)
            try await env.kubectl("create", "service", "clusterip", "web", "--tcp=80:8080")
            let service = try await env.request(.GET, "/api/v1/namespaces/default/services/web").json
            #expect(service[path: ["metadata", "generateName"]] == nil)
            #expect(service[path: ["spec", "externalName"]] == nil)
            #expect(service["status"] == ["loadBalancer": [:]])
            // A ConfigMap applied client-side shows no difference afterwards (no server-set generation).
            let path = try env.file("cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: diffed\ndata:\n  a: b\n")
            try await env.kubectl("apply", "-f", path)
            let diff = try await env.kubectlResult(["diff", "-f", path])
            #expect(diff.status == 0, "kubectl diff: \(diff.stdout)\(diff.stderr)")
            #expect(try await env.kubectl("delete", "service", "web").contains("service \"web\" deleted"))
        }
    }

    @Test("StatefulSets and Deployments get the apps/v1 defaults; kubectl rollout status accepts both; scale works on Deployments")
    func workloadDefaultsAndRollout() async throws {
        try await TestEnvironment.with { env in
            try await env.kubectl("apply", "-f", try env.file("workloads.yaml", Self.workloads))
            let set = try await env.request(.GET, "/apis/apps/v1/namespaces/default/statefulsets/emqx").json
            #expect(set[path: ["spec", "updateStrategy"]] == ["type": "RollingUpdate", "rollingUpdate": ["partition": 0]])
            #expect(set[path: ["spec", "podManagementPolicy"]] == "OrderedReady")
            #expect(set[path: ["spec", "revisionHistoryLimit"]] == 10)
            #expect(set[path: ["spec", "persistentVolumeClaimRetentionPolicy"]] == ["whenDeleted": "Retain", "whenScaled": "Retain"])
            // What the StatefulSet controller would report once both pods run the current revision.
            try await env.kubectl("patch", "sts", "emqx", "--subresource=status", "--type=merge", "-p",
                                  #"{"status":{"observedGeneration":1,"replicas":2,"readyReplicas":2,"currentReplicas":2,"updatedReplicas":2,"availableReplicas":2,"currentRevision":"emqx-1","updateRevision":"emqx-1"}}"#)
            let rollout = try await env.kubectl("rollout", "status", "statefulset/emqx", "--timeout=20s")
            #expect(rollout.contains("partitioned roll out complete") || rollout.contains("roll out complete"), "\(rollout)")
            let deployment = try await env.request(.GET, "/apis/apps/v1/namespaces/default/deployments/operator").json
            #expect(deployment[path: ["spec", "strategy"]] == ["type": "RollingUpdate", "rollingUpdate": ["maxSurge": "25%", "maxUnavailable": "25%"]])
            #expect(deployment[path: ["spec", "progressDeadlineSeconds"]] == 600)
            #expect(try await env.kubectl("rollout", "status", "deployment/operator", "--timeout=20s").contains("successfully rolled out"))
            #expect(try await env.kubectl("scale", "deployment", "operator", "--replicas=3").contains("deployment.apps/operator scaled"))
            #expect(try await env.kubectl("get", "deploy", "operator", "-o", "jsonpath={.spec.replicas} {.status.availableReplicas} {.metadata.generation} {.status.observedGeneration}") == "3 3 2 2")
            #expect(try await env.kubectl("get", "deploy", "operator").contains("3/3"))
            // Validation: the selector must select the template's labels.
            let mismatched = try await env.kubectlResult(["create", "-f", try env.file("bad.yaml", Self.workloads.components(separatedBy: "---\n")[1]
                .replacingOccurrences(of: "name: operator\n", with: "name: broken\n").replacingOccurrences(of: "      labels:\n        app: operator", with: "      labels:\n        app: other"))])
            #expect(mismatched.status != 0)
            #expect(mismatched.stderr.contains("`selector` does not match template `labels`"), "\(mismatched.stderr)")
        }
    }

    @Test("kubectl create deployment, serviceaccount, role, rolebinding, clusterrole, clusterrolebinding (protobuf bodies); default ServiceAccounts; discovery and explain")
    func deploymentsServiceAccountsAndRBAC() async throws {
        try await TestEnvironment.with { env in
            #expect(try await env.kubectl("get", "serviceaccount", "default", "-o", "name") == "serviceaccount/default\n")
            #expect(try await env.kubectl("create", "deployment", "web", "--image=nginx:1", "--replicas=2", "--port=80").contains("deployment.apps/web created"))
            let deployment = try await env.request(.GET, "/apis/apps/v1/namespaces/default/deployments/web").json
            #expect(deployment[path: ["spec", "template", "spec", "containers"]]?[0]?["image"] == "nginx:1")
            #expect(deployment[path: ["spec", "selector", "matchLabels", "app"]] == "web")
            #expect(deployment[path: ["spec", "paused"]] == nil)
            #expect(try await env.kubectl("rollout", "status", "deployment/web", "--timeout=20s").contains("successfully rolled out"))
            #expect(try await env.kubectl("create", "serviceaccount", "operator").contains("serviceaccount/operator created"))
            #expect(try await env.kubectl("create", "role", "reader", "--verb=get,list", "--resource=pods").contains("role.rbac.authorization.k8s.io/reader created"))
            #expect(try await env.kubectl("create", "rolebinding", "reader", "--role=reader", "--serviceaccount=default:operator").contains("rolebinding.rbac.authorization.k8s.io/reader created"))
            #expect(try await env.kubectl("create", "clusterrole", "nodes", "--verb=get", "--resource=nodes").contains("clusterrole.rbac.authorization.k8s.io/nodes created"))
            #expect(try await env.kubectl("create", "clusterrolebinding", "nodes", "--clusterrole=nodes", "--user=alice").contains("clusterrolebinding.rbac.authorization.k8s.io/nodes created"))
            let binding = try await env.request(.GET, "/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings/reader").json
            #expect(binding["roleRef"] == ["apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "reader"])
            #expect(binding["subjects"] == [["kind": "ServiceAccount", "name": "operator", "namespace": "default"]])
            let wide = try await env.kubectl("get", "rolebinding", "reader", "-o", "wide")
            #expect(wide.contains("Role/reader"))
            #expect(wide.contains("default:operator"))
            let changed = try await env.kubectlResult(["patch", "rolebinding", "reader", "--type=merge", "-p", #"{"roleRef":{"name":"other"}}"#])
            #expect(changed.status != 0)
            #expect(changed.stderr.contains("cannot change roleRef"))
            let invalid = try await env.request(.POST, "/apis/rbac.authorization.k8s.io/v1/namespaces/default/roles",
                                                body: ["metadata": ["name": "empty"], "rules": [["apiGroups": [""], "resources": ["pods"]]]])
            #expect(invalid.status == 422)
            let resources = try await env.kubectl("api-resources", "-o", "name")
            for name in ["deployments.apps", "serviceaccounts", "roles.rbac.authorization.k8s.io", "clusterroles.rbac.authorization.k8s.io",
                         "rolebindings.rbac.authorization.k8s.io", "clusterrolebindings.rbac.authorization.k8s.io"] {
                #expect(resources.contains(name + "\n"), "\(name) in api-resources")
            }
            #expect(try await env.kubectl("explain", "deployment.spec.strategy").contains("rollingUpdate"))
            #expect(try await env.kubectl("explain", "rolebinding.roleRef").contains("apiGroup"))
        }
    }

    @Test("-o wide: Pods add NOMINATED NODE and READINESS GATES, StatefulSets CONTAINERS and IMAGES, Events SUBOBJECT, SOURCE, FIRST SEEN, COUNT, NAME")
    func wideColumns() async throws {
        try await TestEnvironment.with { env in
            try await env.kubectl("apply", "-f", try env.file("workloads.yaml", Self.workloads))
            try await env.create("/api/v1/namespaces/default/pods", Fixtures.pod("emqx-0", node: "worker-1"))
            let pods = try await env.kubectl("get", "pods", "-o", "wide")
            let podHeader = pods.split(separator: "\n").first.map(String.init) ?? ""
            #expect(podHeader.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
                    == "NAME READY STATUS RESTARTS AGE IP NODE NOMINATED NODE READINESS GATES")
            #expect(pods.contains("worker-1"))
            let sets = try await env.kubectl("get", "sts", "-o", "wide")
            #expect(sets.split(separator: "\n").first?.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") == "NAME READY AGE CONTAINERS IMAGES")
            #expect(sets.contains("emqx,exporter"))
            #expect(sets.contains("emqx/emqx:5.9,exporter:1"))
            let deployments = try await env.kubectl("get", "deploy", "-o", "wide")
            #expect(deployments.split(separator: "\n").first?.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") == "NAME READY UP-TO-DATE AVAILABLE AGE CONTAINERS IMAGES SELECTOR")
            let event: JSONValue = [
                "apiVersion": "v1", "kind": "Event", "metadata": ["name": "emqx-0.started"],
                "involvedObject": ["kind": "Pod", "name": "emqx-0", "namespace": "default", "fieldPath": "spec.containers{emqx}"],
                "reason": "Started", "message": "Started container emqx", "type": "Normal",
                "source": ["component": "kubelet", "host": "worker-1"], "firstTimestamp": "2026-01-01T00:00:00Z", "lastTimestamp": "2026-01-01T00:00:00Z", "count": 3,
            ]
            try await env.create("/api/v1/namespaces/default/events", event)
            let events = try await env.kubectl("get", "events", "-o", "wide")
            #expect(events.split(separator: "\n").first?.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") == "LAST SEEN TYPE REASON OBJECT SUBOBJECT SOURCE MESSAGE FIRST SEEN COUNT NAME")
            #expect(events.contains("spec.containers{emqx}"))
            #expect(events.contains("kubelet, worker-1"))
            #expect(events.contains("emqx-0.started"))
        }
    }
}
