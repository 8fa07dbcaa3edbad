import Foundation
import KubeClient
import Rebalancing
import Testing
import TestSupport

@Suite("CRD manifests")
struct CRDManifestTests {
    static let packageRoot = TestSupport.packageRoot

    @Test("crds/ holds exactly what the code generates", arguments: RebalancingCRDs.all.map(\.kind))
    func filesMatchGeneratedManifests(kind: String) throws {
        let definition = try #require(RebalancingCRDs.all.first { $0.kind == kind })
        let path = Self.packageRoot.appendingPathComponent("crds").appendingPathComponent(RebalancingCRDs.fileName(of: definition))
        let onDisk = try String(contentsOf: path, encoding: .utf8)
        #expect(onDisk == (try ManifestRendering.yaml(definition.manifest)), "regenerate with: swift run rebalance-operator crds --output-dir crds")
    }

    @Test("the spec fields are the design's contract")
    func specFieldNamesAreTheContract() {
        #expect(specProperties(BrokerCluster.definition) == ["api", "pods", "drain", "autoRebalance", "minAvailableNodes"])
        #expect(specProperties(NodeEvacuation.definition) == [
            "clusterRef", "target", "connEvictRate", "sessEvictRate", "waitHealthCheckSeconds", "waitTakeoverSeconds", "migrateTo", "redirectTo", "deadlineSeconds",
        ])
        #expect(specProperties(ClusterRebalance.definition) == [
            "clusterRef", "nodes", "connEvictRate", "sessEvictRate", "waitHealthCheckSeconds", "waitTakeoverSeconds", "absConnThreshold", "relConnThreshold",
            "absSessThreshold", "relSessThreshold", "retry", "deadlineSeconds", "dryRun",
        ])
        let target = NodeEvacuation.definition.spec.json[path: ["properties", "target"]]
        #expect(target?["minProperties"] == 1)
        #expect(target?["maxProperties"] == 1)
    }

    @Test("every kind has a short name, the brokers category, the status subresource and an Age column")
    func kubectlConventions() throws {
        let shortNames = RebalancingCRDs.all.map { $0.manifest[path: ["spec", "names", "shortNames"]] }
        #expect(shortNames == [["bc"], ["nevac"], ["crb"]])
        for definition in RebalancingCRDs.all {
            let version = try #require(definition.manifest[path: ["spec", "versions"]]?[0])
            #expect(definition.manifest[path: ["spec", "names", "categories"]] == ["brokers"])
            #expect(version["subresources"] == ["status": [:]])
            #expect(version["additionalPrinterColumns"]?.arrayValue?.last?["name"] == "Age")
        }
    }

    @Test("every schema node has a type and a description, so that kubectl explain teaches the API")
    func everyFieldIsDescribed() {
        for definition in RebalancingCRDs.all {
            for (path, node) in schemaNodes(definition.spec.json, path: "spec") + schemaNodes(definition.status.json, path: "status") {
                #expect(node["type"]?.stringValue != nil, "\(definition.kind).\(path) has no type")
                #expect(node["description"]?.stringValue?.isEmpty == false, "\(definition.kind).\(path) has no description")
            }
        }
    }

    @Test("every field the Swift types write is declared, so the API server prunes none of it")
    func typesMatchSchemas() throws {
        var evacuation = NodeEvacuation(metadata: ObjectMeta(name: "e"), spec: .init(clusterRef: "emqx", target: .init(pod: "emqx-0")))
        evacuation.spec.connEvictRate = 1
        evacuation.spec.sessEvictRate = 1
        evacuation.spec.waitHealthCheckSeconds = 1
        evacuation.spec.waitTakeoverSeconds = 1
        evacuation.spec.migrateTo = ["emqx@b"]
        evacuation.spec.redirectTo = "b:1883"
        evacuation.spec.deadlineSeconds = 60
        var evacuationStatus = NodeEvacuation.Status()
        evacuationStatus.observedGeneration = 1
        evacuationStatus.conditions = [Condition(type: "Ready", status: .false, observedGeneration: 1, lastTransitionTime: .now, reason: "Evicting", message: "")]
        evacuationStatus.phase = .evictingConnections
        var brokerNode = NodeEvacuation.Status.BrokerNode(name: "emqx@a")
        (brokerNode.pod, brokerNode.podUID, brokerNode.state) = ("emqx-0", "uid", "evicting_conns")
        (brokerNode.initialConnections, brokerNode.initialSessions, brokerNode.connections, brokerNode.sessions) = (1, 1, 1, 1)
        evacuationStatus.brokerNodes = [brokerNode]
        (evacuationStatus.progress, evacuationStatus.startedAt, evacuationStatus.evacuatedAt) = (5, .now, .now)
        evacuation.status = evacuationStatus
        try expectDeclared(evacuation, in: NodeEvacuation.definition)

        var rebalance = ClusterRebalance(metadata: ObjectMeta(name: "r"), spec: .init(clusterRef: "emqx"))
        rebalance.spec.nodes = ["emqx@a"]
        (rebalance.spec.connEvictRate, rebalance.spec.sessEvictRate, rebalance.spec.waitHealthCheckSeconds, rebalance.spec.waitTakeoverSeconds) = (1, 1, 1, 1)
        (rebalance.spec.absConnThreshold, rebalance.spec.relConnThreshold, rebalance.spec.absSessThreshold, rebalance.spec.relSessThreshold) = (1, "1.5", 1, "1.5")
        (rebalance.spec.retry, rebalance.spec.deadlineSeconds, rebalance.spec.dryRun) = (.init(limit: 2), 60, true)
        var rebalanceStatus = ClusterRebalance.Status()
        (rebalanceStatus.observedGeneration, rebalanceStatus.phase, rebalanceStatus.result) = (1, .completed, .balanced)
        rebalanceStatus.conditions = evacuationStatus.conditions
        rebalanceStatus.plan = .init(coordinator: "emqx@a", donors: ["emqx@a"], recipients: ["emqx@b"], connectionsToMove: 1, sessionsToMove: 1)
        var attempt = ClusterRebalance.Status.Attempt(startedAt: .now, coordinator: "emqx@a")
        (attempt.finishedAt, attempt.outcome, attempt.message) = (.now, .interrupted, "node down")
        rebalanceStatus.attempts = [attempt]
        rebalanceStatus.moved = .init(connections: 1, sessions: 1)
        rebalanceStatus.nodes = [.init(name: "emqx@a", connections: 1, sessions: 1)]
        (rebalanceStatus.startedAt, rebalanceStatus.completedAt) = (.now, .now)
        rebalance.status = rebalanceStatus
        try expectDeclared(rebalance, in: ClusterRebalance.definition)

        let cluster = BrokerCluster(
            metadata: ObjectMeta(name: "emqx"),
            spec: .init(
                api: .init(url: "http://emqx:18083", credentialsSecret: "k", caSecret: "ca", insecureSkipTLSVerify: false, timeoutSeconds: 5),
                pods: .init(selector: LabelSelector(matchLabels: ["app": "emqx"], matchExpressions: [.init(key: "a", operator: "In", values: ["b"])]), nodeNameTemplate: "emqx@{pod}"),
                drain: .init(enabled: true, connEvictRate: 1, sessEvictRate: 1, waitHealthCheckSeconds: 1, waitTakeoverSeconds: 1),
                autoRebalance: .init(enabled: true, stabilizationSeconds: 1, cooldownSeconds: 1, historyLimit: 1, absConnThreshold: 1, relConnThreshold: "1.2", absSessThreshold: 1, relSessThreshold: "1.2"),
                minAvailableNodes: 1
            )
        )
        var clusterStatus = BrokerCluster.Status()
        (clusterStatus.observedGeneration, clusterStatus.emqxVersion, clusterStatus.rebalanceAvailable, clusterStatus.balance) = (1, "5.9.0", true, 1.2)
        clusterStatus.conditions = evacuationStatus.conditions
        var node = BrokerCluster.Status.Node(name: "emqx@a")
        (node.pod, node.k8sNode, node.status, node.connections, node.sessions, node.evacuating, node.rebalancing) = ("emqx-0", "w1", "running", 1, 1, false, false)
        clusterStatus.nodes = [node]
        clusterStatus.pendingStops = [.init(brokerNode: "emqx@a", evacuation: "e", since: .now, lastError: "down")]
        var fullCluster = cluster
        fullCluster.status = clusterStatus
        try expectDeclared(fullCluster, in: BrokerCluster.definition)
    }

    @Test(
        "relative thresholds must be decimal strings greater than 1.0",
        arguments: [("1.1", true), ("2", true), ("1.5", true), ("10", true), ("1.05", true), ("1", false), ("1.0", false), ("1.00", false), ("0.9", false), ("abc", false), ("", false)]
    )
    func ratioPattern(value: String, accepted: Bool) throws {
        let pattern = try #require(ClusterRebalance.definition.spec.json[path: ["properties", "relConnThreshold", "pattern"]]?.stringValue)
        #expect((value.range(of: pattern, options: .regularExpression) != nil) == accepted)
    }

    private func specProperties(_ definition: CustomResourceDefinitionBuilder) -> Set<String> {
        Set(definition.spec.json["properties"]?.objectValue?.keys ?? [:].keys)
    }

    private func schemaNodes(_ schema: JSONValue, path: String) -> [(String, JSONValue)] {
        var nodes = [(path, schema)]
        for (name, child) in schema["properties"]?.objectValue ?? [:] { nodes += schemaNodes(child, path: "\(path).\(name)") }
        if let items = schema["items"] { nodes += schemaNodes(items, path: "\(path)[]") }
        if let values = schema["additionalProperties"] { nodes += schemaNodes(values, path: "\(path){}") }
        return nodes
    }

    private func expectDeclared(_ object: some Encodable, in definition: CustomResourceDefinitionBuilder) throws {
        let json = try JSONValue(parsing: JSONEncoder().encode(object))
        for section in ["spec", "status"] {
            let schema = section == "spec" ? definition.spec.json : definition.status.json
            for path in undeclaredPaths(json[section] ?? .null, schema: schema, path: section) {
                Issue.record("\(definition.kind): \(path) is written by the Swift type but not declared in the schema")
            }
        }
    }

    private func undeclaredPaths(_ value: JSONValue, schema: JSONValue, path: String) -> [String] {
        switch value {
        case .object(let members):
            if let values = schema["additionalProperties"] {
                return members.flatMap { undeclaredPaths($0.value, schema: values, path: "\(path).\($0.key)") }
            }
            let properties = schema["properties"]?.objectValue ?? [:]
            return members.flatMap { key, member in
                guard let child = properties[key] else { return ["\(path).\(key)"] }
                return undeclaredPaths(member, schema: child, path: "\(path).\(key)")
            }
        case .array(let elements):
            return elements.flatMap { undeclaredPaths($0, schema: schema["items"] ?? .null, path: "\(path)[]") }
        default:
            return []
        }
    }
}
