import Foundation
import KubeClient
import Testing
import TestSupport

/// `deploy/` (the kustomization), what is rendered from it (`dist/install.yaml`, the PrometheusRule) and its
/// hardening. Needs `kubectl` (1.27+, built-in kustomize), as the whole suite does.
@Suite("deploy/ and dist/install.yaml")
struct DeployManifestTests {
    static let regenerate = "regenerate with scripts/render-install"

    @Test("dist/install.yaml is what `kubectl kustomize deploy/` renders (compared as objects, not bytes)")
    func distIsCurrent() async throws {
        let rendered = try Manifests.documents(yaml: try await Manifests.kustomize("deploy"))
        let committed = try Manifests.distInstall()
        #expect(committed.count == rendered.count, "\(Self.regenerate)")
        for (index, document) in rendered.enumerated() where index < committed.count {
            #expect(committed[index] == document, "document \(index) (\(document["kind"]?.stringValue ?? "?") \(document[path: ["metadata", "name"]]?.stringValue ?? "?")) differs: \(Self.regenerate)")
        }
    }

    @Test("the install holds the CRDs from crds/, the namespace, RBAC, the Deployment and the metrics Service")
    func distContents() throws {
        let documents = try Manifests.distInstall()
        let kinds = documents.compactMap { $0["kind"]?.stringValue }
        #expect(Set(kinds) == ["CustomResourceDefinition", "Namespace", "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding", "Deployment", "Service"])
        let crds = documents.filter { $0["kind"] == "CustomResourceDefinition" }
        for file in try FileManager.default.contentsOfDirectory(atPath: Manifests.root.appendingPathComponent("crds").path) where file.hasPrefix("rebalance.brokers.dev_") {
            let definition = try #require(try Manifests.documents(file: "crds/\(file)").first)
            let name = definition[path: ["metadata", "name"]]
            let installed = crds.first { $0[path: ["metadata", "name"]] == name }
            // The kustomization adds its labels; the rest is the file as generated.
            #expect(installed?["spec"] == definition["spec"], "\(file) is not in dist/install.yaml as it is in crds/")
        }
        for document in documents where document["kind"] != "CustomResourceDefinition" && document["kind"] != "Namespace"
            && document["kind"] != "ClusterRole" && document["kind"] != "ClusterRoleBinding" {
            #expect(document[path: ["metadata", "namespace"]] == "rebalance-system", "\(document["kind"]?.stringValue ?? "?") outside rebalance-system")
        }
    }

    @Test("deploy/monitoring/prometheusrule.yaml carries exactly the rules of rebalance-operator.rules.yaml")
    func prometheusRuleIsCurrent() throws {
        let rule = try #require(try Manifests.documents(file: "deploy/monitoring/prometheusrule.yaml").first)
        let rules = try #require(try Manifests.documents(file: "deploy/monitoring/rebalance-operator.rules.yaml").first)
        #expect(rule["kind"] == "PrometheusRule")
        #expect(rule["spec"] == rules, "\(Self.regenerate)")
    }

    @Test("the optional components render on top of the base (examples/install-all-components)")
    func components() async throws {
        let documents = try Manifests.documents(yaml: try await Manifests.kustomize("examples/install-all-components"))
        let kinds = Set(documents.compactMap { $0["kind"]?.stringValue })
        #expect(kinds.isSuperset(of: ["ServiceMonitor", "PrometheusRule", "ConfigMap", "Deployment"]))
        let dashboard = try #require(documents.first { $0["kind"] == "ConfigMap" })
        #expect(dashboard[path: ["metadata", "labels", "grafana_dashboard"]] == "1")
        #expect(dashboard[path: ["data", "rebalance-operator.json"]]?.stringValue?.contains("rebalance_operator_broker_connections") == true)
        let role = try #require(documents.first { $0["kind"] == "ClusterRole" && $0[path: ["metadata", "name"]] == "rebalance-operator" })
        #expect(role["rules"]?.arrayValue?.contains { $0["resources"]?.strings == ["poddisruptionbudgets"] } == true, "drain protection's permissions are in the base ClusterRole")
    }

    @Test("RBAC names every verb and resource: no wildcard anywhere, Secrets get-only", arguments: ["deploy", "examples/install-all-components"])
    func leastPrivilege(directory: String) async throws {
        let rules = Manifests.rules(in: try Manifests.documents(yaml: try await Manifests.kustomize(directory)))
        #expect(!rules.isEmpty)
        for (_, rule) in rules {
            for key in ["apiGroups", "resources", "verbs"] {
                let values = rule[key]?.strings ?? []
                #expect(!values.isEmpty, "\(key) is empty")
                #expect(!values.contains("*"), "wildcard in \(key)")
            }
            #expect(rule["nonResourceURLs"] == nil)
            #expect(rule["resourceNames"] == nil)
            if rule["resources"]?.strings.contains("secrets") == true {
                #expect(rule["verbs"]?.strings == ["get"], "Secrets are read one by one, never listed or watched")
            }
        }
    }

    @Test("the Deployment: two replicas with leader election, hardened, probes and metrics on the flags' ports, a grace period above the shutdown bound")
    func deployment() throws {
        let documents = try Manifests.distInstall()
        let deployment = try #require(documents.first { $0["kind"] == "Deployment" })
        #expect(deployment[path: ["spec", "replicas"]] == 2)
        let pod = try #require(deployment[path: ["spec", "template", "spec"]])
        #expect(pod["serviceAccountName"] == "rebalance-operator")
        #expect(pod[path: ["securityContext", "runAsNonRoot"]] == true)
        #expect(pod[path: ["securityContext", "seccompProfile", "type"]] == "RuntimeDefault")
        // ControllerOptions.gracefulShutdownTimeout (30 s) plus the Lease release.
        #expect((pod["terminationGracePeriodSeconds"]?.intValue ?? 0) > 30)
        let container = try #require(pod["containers"]?[0])
        let args = container["args"]?.strings ?? []
        #expect(args.first == "run")
        #expect(args.contains("--leader-elect"))
        #expect(args.contains("--health-probe-bind-address=:8081"))
        #expect(args.contains("--metrics-bind-address=:8080"))
        #expect(args.contains("--log-format=json"))
        #expect(container[path: ["livenessProbe", "httpGet", "path"]] == "/healthz")
        #expect(container[path: ["readinessProbe", "httpGet", "path"]] == "/readyz")
        let ports = container["ports"]?.arrayValue ?? []
        #expect(ports.contains { $0["name"] == "probes" && $0["containerPort"] == 8081 })
        #expect(ports.contains { $0["name"] == "metrics" && $0["containerPort"] == 8080 })
        let security = try #require(container["securityContext"])
        #expect(security["allowPrivilegeEscalation"] == false)
        #expect(security["readOnlyRootFilesystem"] == true)
        #expect(security[path: ["capabilities", "drop"]]?.strings == ["ALL"])
        #expect(container[path: ["resources", "requests", "memory"]] != nil)
        #expect(container[path: ["resources", "limits", "memory"]] != nil)
        let service = try #require(documents.first { $0["kind"] == "Service" })
        #expect(service[path: ["spec", "ports"]]?[0]?["port"] == 8080)
        #expect(service[path: ["spec", "selector", "app.kubernetes.io/name"]] == "rebalance-operator")
    }
}
