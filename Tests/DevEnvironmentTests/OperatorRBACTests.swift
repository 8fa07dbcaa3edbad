import EMQXSimulator
import Foundation
import KubeClient
import KubeTestServer
import Rebalancing
import Testing
import TestSupport
import Yams

/// What the operator calls on the Kubernetes API, recorded by the test API server while a `rebalance-operator run`
/// process (leader election on) drives an evacuation and a rebalance to their end and is stopped, compared with the
/// RBAC rules of the install both ways: every request is allowed (nothing missing), every granted permission was
/// used (nothing unused, apart from the listed ones that this scenario cannot reach, each with its reason).
///
/// The rules are read from the rendered install (`dist/install.yaml`); when the operator grows a feature that needs
/// more, drive the feature in the scenario. Drain protection is driven by a cordon and an uncordon, then turned off.
@Suite("operator RBAC and metrics", .serialized)
struct OperatorRBACTests {
    /// The RBAC sources compared with the recorded requests (paths below the package root).
    static let ruleFiles = ["dist/install.yaml"]

    /// Granted but not reached by this scenario, with the reason.
    static let notExercised: [Permission: String] = [
        Permission(verb: "patch", group: "events.k8s.io", resource: "events"):
            "Events are patched only when the same Event repeats (a series); each transition here happens once",
        Permission(verb: "patch", group: "policy", resource: "poddisruptionbudgets"):
            "the guard budget is patched only when someone changed it; here it is created and deleted",
        Permission(verb: "update", group: "rebalance.brokers.dev", resource: "brokerclusters/finalizers"):
            "no request of its own: the OwnerReferencesPermissionEnforcement admission plugin requires it to set blockOwnerDeletion on the drain evacuations' owner reference",
    ]

    /// One permission as RBAC grants it: a verb on `resource` (`plural` or `plural/subresource`) of a group.
    struct Permission: Hashable, CustomStringConvertible {
        var verb: String
        var group: String
        var resource: String
        var description: String { "\(verb) \(group.isEmpty ? "core" : group)/\(resource)" }
    }

    /// A rule of a Role (namespaced requests only) or ClusterRole (any request).
    struct Rule {
        var clusterWide: Bool
        var permissions: Set<Permission>

        func allows(_ access: RequestCounter.Access) -> Bool {
            (clusterWide || access.namespaced) && permissions.contains(Self.permission(access))
        }

        static func permission(_ access: RequestCounter.Access) -> Permission {
            Permission(verb: access.verb, group: access.group, resource: access.resource + (access.subresource.map { "/" + $0 } ?? ""))
        }
    }

    static func rules() throws -> [Rule] {
        var rules: [Rule] = []
        for file in ruleFiles {
            let text = try String(contentsOf: packageRoot.appendingPathComponent(file), encoding: .utf8)
            for case let document as [String: Any] in try Yams.load_all(yaml: text) {
                guard let kind = document["kind"] as? String, kind == "ClusterRole" || kind == "Role" else { continue }
                for case let rule as [String: Any] in document["rules"] as? [Any] ?? [] {
                    let groups = rule["apiGroups"] as? [String] ?? []
                    let resources = rule["resources"] as? [String] ?? []
                    let verbs = rule["verbs"] as? [String] ?? []
                    var permissions: Set<Permission> = []
                    for group in groups { for resource in resources { for verb in verbs { permissions.insert(Permission(verb: verb, group: group, resource: resource)) } } }
                    rules.append(Rule(clusterWide: kind == "ClusterRole", permissions: permissions))
                }
            }
        }
        return rules
    }

    /// A TCP port free on 127.0.0.1 right now (bound to port 0, read, closed).
    static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0 }
        }
        try #require(bound)
        return Int(UInt16(bigEndian: address.sin_port))
    }

    @Test("the operator's requests during an evacuation, a rebalance and a graceful stop are exactly what the install's RBAC grants; its /metrics passes promtool check metrics")
    func requestsMatchRules() async throws {
        try await EndToEndTests.withEnvironment(clients: 3000, withOperator: false) { env in
            let group = ProcessGroup()
            defer { group.killAll() }
            let metricsPort = try Self.freePort()
            let operatorProcess = try group.start(try OperatorProcess.debugBinary(), [
                "run", "--kubeconfig", env.info.kubeconfigPath, "--leader-elect", "--leader-election-namespace", "default",
                "--health-probe-bind-address", "127.0.0.1:0", "--metrics-bind-address", "127.0.0.1:\(metricsPort)",
                "--log-level", "info", "--log-format", "json",
            ])
            let evacuations = env.kube.resources(NodeEvacuation.self, namespace: "default")
            _ = try await evacuations.create(EndToEndTests.evacuation("rbac-evacuation", pod: "emqx-0"))
            try await env.eventually("Evacuated", timeout: .seconds(90)) { try await env.evacuation("rbac-evacuation").status?.phase == .evacuated }
            _ = try await evacuations.delete("rbac-evacuation")
            try await env.eventually("the evacuation is gone") { try await evacuations.getIfExists("rbac-evacuation") == nil }

            let rebalances = env.kube.resources(ClusterRebalance.self, namespace: "default")
            _ = try await rebalances.create(EndToEndTests.rebalance("rbac-rebalance"))
            try await env.eventually("the rebalance ends", timeout: .seconds(180)) {
                [.completed, .failed].contains(try await env.rebalance("rbac-rebalance").status?.phase)
            }
            _ = try await rebalances.delete("rbac-rebalance")
            try await env.eventually("the rebalance is gone") { try await rebalances.getIfExists("rbac-rebalance") == nil }

            // Drain protection (on by default): a cordon evacuates the node's broker pod through a NodeEvacuation of the
            // operator's; the uncordon deletes it; turning drain protection off removes the budget and the labels.
            let clusters = env.kube.resources(BrokerCluster.self, namespace: "default")
            _ = try await clusters.patch("emqx", .merge(["spec": ["drain": ["connEvictRate": 1000, "sessEvictRate": 1000, "waitHealthCheckSeconds": 1, "waitTakeoverSeconds": 1]]]))
            let budgets = env.kube.resources(PodDisruptionBudget.self, namespace: "default")
            try await env.eventually("the guard budget exists") { try await budgets.getIfExists("emqx-drain-guard") != nil }
            let worker = try #require(try await env.kube.resources(Pod.self, namespace: "default").get("emqx-1").spec?.nodeName)
            let nodes = env.kube.resources(KubeNode.self)
            _ = try await nodes.patch(worker, .merge(["spec": ["unschedulable": true]]))
            let drainName = DrainGuard.drainEvacuationName(cluster: "emqx", node: worker)
            try await env.eventually("the drain evacuation is Evacuated", timeout: .seconds(90)) { try await evacuations.getIfExists(drainName)?.status?.phase == .evacuated }
            _ = try await nodes.patch(worker, .merge(["spec": ["unschedulable": .null]]))
            try await env.eventually("the drain evacuation is gone") { try await evacuations.getIfExists(drainName) == nil }
            _ = try await clusters.patch("emqx", .merge(["spec": ["drain": ["enabled": false]]]))
            try await env.eventually("the guard budget is gone") { try await budgets.getIfExists("emqx-drain-guard") == nil }

            // The scrape of a running operator, with the progress gauges filled by the two operations.
            let scrape = try await ProcessRunner.run("python3", ["-c", "import sys, urllib.request; sys.stdout.write(urllib.request.urlopen(sys.argv[1]).read().decode())", "http://127.0.0.1:\(metricsPort)/metrics"])
            #expect(scrape.status == 0, "scrape failed: \(scrape.stderr)")
            #expect(scrape.stdout.contains(ProgressGauges.evacuationProgress))
            #expect(scrape.stdout.contains("controller_runtime_reconcile_total"))
            if let promtool = Self.promtool {
                let check = try await ProcessRunner.run(promtool, ["check", "metrics"], stdin: scrape.stdout)
                #expect(check.status == 0, "promtool check metrics:\n\(check.stdout)\(check.stderr)")
            }

            operatorProcess.signal(SIGTERM)
            let stopped = await operatorProcess.wait()
            #expect(stopped.status == 0, "\(stopped.stderr)")

            let accesses = env.info.apiServer.faults.requests.accesses.filter { $0.userAgent.hasPrefix("rebalance-operator ") }
            #expect(!accesses.isEmpty, "no request recorded with the operator's User-Agent")
            let rules = try Self.rules()
            let missing = accesses.filter { access in !rules.contains { $0.allows(access) } }
            #expect(missing.isEmpty, "requests the install's RBAC does not allow:\n\(missing.map(\.description).sorted().joined(separator: "\n"))")
            let used = Set(accesses.map(Rule.permission))
            let granted = rules.reduce(into: Set<Permission>()) { $0.formUnion($1.permissions) }
            let unused = granted.subtracting(used).filter { Self.notExercised[$0] == nil }
            #expect(unused.isEmpty, "granted but never used:\n\(unused.map(\.description).sorted().joined(separator: "\n"))")
            print("the operator's requests: \(accesses.map(\.description).sorted().joined(separator: "; "))")
        }
    }

    static var promtool: String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/promtool" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
