import Foundation
import KubeClient
import Testing
import TestSupport
import Yams

@testable import Rebalancing

@Suite("deploy/ manifests")
struct DeployManifestTests {
    static let root = TestSupport.packageRoot

    static func documents() throws -> [JSONValue] {
        let folder = root.appendingPathComponent("deploy")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
        var documents: [JSONValue] = []
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            for document in try Yams.load_all(yaml: text) {
                let data = try JSONSerialization.data(withJSONObject: document as Any)
                documents.append(try JSONDecoder().decode(JSONValue.self, from: data))
            }
        }
        return documents
    }

    static func rules() throws -> [JSONValue] {
        try documents().filter { $0["kind"] == "ClusterRole" || $0["kind"] == "Role" }.flatMap { $0["rules"]?.arrayValue ?? [] }
    }

    static func allows(_ rules: [JSONValue], group: String, resource: String, verb: String) -> Bool {
        rules.contains { rule in
            (rule["apiGroups"]?.arrayValue ?? []).contains(.string(group))
                && (rule["resources"]?.arrayValue ?? []).contains(.string(resource))
                && (rule["verbs"]?.arrayValue ?? []).contains(.string(verb))
        }
    }

    @Test("RBAC names every verb and resource: no wildcard anywhere")
    func noWildcards() throws {
        for rule in try Self.rules() {
            for key in ["apiGroups", "resources", "verbs"] {
                let values = rule[key]?.arrayValue?.compactMap(\.stringValue) ?? []
                #expect(!values.isEmpty, "\(key) is empty")
                #expect(!values.contains("*"), "wildcard in \(key)")
            }
        }
    }

    @Test("RBAC grants what the operator does: its kinds, their status and finalizers, leases, events, secrets by name only")
    func grants() throws {
        let rules = try Self.rules()
        for definition in RebalancingCRDs.all {
            let plural = definition.plural
            for verb in ["get", "list", "watch", "patch"] {
                #expect(Self.allows(rules, group: RebalancingAPI.group, resource: plural, verb: verb), "\(verb) \(plural)")
            }
            #expect(Self.allows(rules, group: RebalancingAPI.group, resource: "\(plural)/status", verb: "patch"))
            #expect(Self.allows(rules, group: RebalancingAPI.group, resource: "\(plural)/finalizers", verb: "update"))
        }
        #expect(Self.allows(rules, group: "coordination.k8s.io", resource: "leases", verb: "update"))
        #expect(Self.allows(rules, group: "events.k8s.io", resource: "events", verb: "create"))
        #expect(Self.allows(rules, group: "", resource: "secrets", verb: "get"))
        #expect(!Self.allows(rules, group: "", resource: "secrets", verb: "list"))
        #expect(!Self.allows(rules, group: "", resource: "secrets", verb: "watch"))
    }

    @Test("the Deployment runs 'run' with leader election and probes on the ports the flags give")
    func deployment() throws {
        let deployment = try #require(try Self.documents().first { $0["kind"] == "Deployment" })
        let container = try #require(deployment[path: ["spec", "template", "spec", "containers"]]?[0])
        let args = container["args"]?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(args.first == "run")
        #expect(args.contains("--leader-elect"))
        #expect(args.contains("--health-probe-bind-address=:8081"))
        #expect(container[path: ["livenessProbe", "httpGet", "path"]] == "/healthz")
        #expect(container[path: ["readinessProbe", "httpGet", "path"]] == "/readyz")
        #expect(deployment[path: ["spec", "template", "spec", "serviceAccountName"]] == "rebalance-operator")
    }
}
