import Foundation
import KubeClient
import Testing

@testable import KubeTestServer

struct TableRendererTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static func timestamp(secondsAgo: TimeInterval) -> JSONValue {
        .string(RFC3339.format(now.addingTimeInterval(-secondsAgo), fractionalDigits: 0))
    }

    @Test(arguments: [
        (0.0, "0s"), (-1.5, "0s"), (-5.0, "<invalid>"), (59.0, "59s"), (119.0, "119s"), (120.0, "2m"), (330.0, "5m30s"),
        (600.0, "10m"), (10_799.0, "179m"), (10_800.0, "3h"), (11_400.0, "3h10m"), (28_800.0, "8h"), (172_800.0, "2d"),
        (187_200.0, "2d4h"), (691_200.0, "8d"), (63_072_000.0, "2y"), (65_664_000.0, "2y30d"), (315_360_000.0, "10y"),
    ])
    func formatsAges(seconds: Double, expected: String) {
        #expect(HumanDuration.format(seconds: seconds) == expected)
    }

    @Test func rendersCustomResourcePrinterColumns() throws {
        let kinds = try RegisteredKind.fromCustomResourceDefinition(try ProjectCRDs.load("nodeevacuations"))
        let kind = try #require(kinds.first)
        let object: JSONValue = [
            "apiVersion": "rebalance.brokers.dev/v1alpha1", "kind": "NodeEvacuation",
            "metadata": ["name": "evac", "namespace": "default", "creationTimestamp": Self.timestamp(secondsAgo: 330)],
            "spec": ["clusterRef": "emqx", "target": ["pod": "emqx-0"]],
            "status": ["phase": "Evacuated", "progress": 100.0, "conditions": [["type": "Ready", "status": "True"]]],
        ]
        let table = TableRenderer.table(kind: kind, objects: [object], listMetadata: ["resourceVersion": "42"], now: Self.now)
        #expect(table["kind"] == "Table")
        #expect(table["apiVersion"] == "meta.k8s.io/v1")
        #expect(table["metadata"] == ["resourceVersion": "42"])
        let columns = table["columnDefinitions"]?.arrayValue ?? []
        #expect(columns.compactMap { $0["name"]?.stringValue } == ["Name", "Cluster", "Phase", "Progress", "Ready", "Pod", "Broker-Node", "Node", "Age"])
        #expect(columns.first?["format"] == "name")
        #expect(columns[5]["priority"] == 1)
        #expect(columns[3]["type"] == "integer")
        let row = try #require(table["rows"]?[0])
        #expect(row["cells"] == ["evac", "emqx", "Evacuated", 100, "True", "emqx-0", nil, nil, "5m30s"])
        #expect(row["object"] == [
            "kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1",
            "metadata": ["name": "evac", "namespace": "default", "creationTimestamp": Self.timestamp(secondsAgo: 330)],
        ])
        #expect(TableRenderer.table(kind: kind, objects: [object], includeObject: .object, now: Self.now)["rows"]?[0]?["object"] == object)
        #expect(TableRenderer.table(kind: kind, objects: [object], includeObject: .none, now: Self.now)["rows"]?[0]?["object"] == nil)
    }

    @Test func customKindsWithoutColumnsShowAge() {
        let kind = RegisteredKind(resource: SurfaceFixtures.nodeEvacuations, isCustom: true)
        let table = TableRenderer.table(kind: kind, objects: [["metadata": ["name": "a", "creationTimestamp": Self.timestamp(secondsAgo: 3600 * 30)]]], now: Self.now)
        #expect(table["columnDefinitions"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["Name", "Age"])
        #expect(table["rows"]?[0]?["cells"] == ["a", "30h"])
    }

    @Test func rendersPods() throws {
        let pod: JSONValue = [
            "metadata": ["name": "emqx-0", "creationTimestamp": Self.timestamp(secondsAgo: 45)],
            "spec": ["nodeName": "node-a", "containers": [["name": "emqx"], ["name": "sidecar"]]],
            "status": ["phase": "Running", "podIP": "10.0.0.5", "containerStatuses": [
                ["name": "emqx", "ready": true, "restartCount": 2], ["name": "sidecar", "ready": false, "restartCount": 1,
                                                                   "state": ["waiting": ["reason": "CrashLoopBackOff"]]],
            ]],
        ]
        let table = TableRenderer.table(kind: BuiltinKinds.pod, objects: [pod], now: Self.now)
        #expect(table["columnDefinitions"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["Name", "Ready", "Status", "Restarts", "Age", "IP", "Node", "Nominated Node", "Readiness Gates"])
        #expect(table["rows"]?[0]?["cells"] == ["emqx-0", "1/2", "CrashLoopBackOff", 3, "45s", "10.0.0.5", "node-a", "<none>", "<none>"])
        var gated = pod
        gated[path: ["spec", "readinessGates"]] = [["conditionType": "example.com/ready"], ["conditionType": "example.com/warm"]]
        gated[path: ["status", "conditions"]] = [["type": "example.com/ready", "status": "True"]]
        gated[path: ["status", "nominatedNodeName"]] = "node-b"
        #expect(TableRenderer.table(kind: BuiltinKinds.pod, objects: [gated], now: Self.now)["rows"]?[0]?["cells"]?[7] == "node-b")
        #expect(TableRenderer.table(kind: BuiltinKinds.pod, objects: [gated], now: Self.now)["rows"]?[0]?["cells"]?[8] == "1/2")
        var terminating = pod
        terminating[path: ["metadata", "deletionTimestamp"]] = Self.timestamp(secondsAgo: 1)
        #expect(TableRenderer.table(kind: BuiltinKinds.pod, objects: [terminating], now: Self.now)["rows"]?[0]?["cells"]?[2] == "Terminating")
    }

    @Test(arguments: [
        (#"{"metadata":{"name":"n1","labels":{"node-role.kubernetes.io/control-plane":""}},"spec":{"unschedulable":true},"status":{"conditions":[{"type":"Ready","status":"True"}],"nodeInfo":{"kubeletVersion":"v1.32.0"}}}"#,
         ["n1", "Ready,SchedulingDisabled", "control-plane", "<unknown>", "v1.32.0", "<none>"] as [JSONValue]),
        (#"{"metadata":{"name":"n2"},"status":{"conditions":[{"type":"Ready","status":"False"}]}}"#,
         ["n2", "NotReady", "<none>", "<unknown>", "", "<none>"]),
        (#"{"metadata":{"name":"n3","labels":{"kubernetes.io/role":"worker"}}}"#, ["n3", "Unknown", "worker", "<unknown>", "", "<none>"]),
    ])
    func rendersNodes(node: String, cells: [JSONValue]) throws {
        #expect(TableRenderer.table(kind: BuiltinKinds.node, objects: [try json(node)], now: Self.now)["rows"]?[0]?["cells"] == .array(cells))
    }

    @Test func rendersStatefulSetsAndBudgets() throws {
        let set = try json(#"{"metadata":{"name":"emqx"},"spec":{"replicas":3,"template":{"spec":{"containers":[{"name":"emqx","image":"emqx:5.9"},{"name":"exporter","image":"exporter:1"}]}}},"status":{"replicas":3,"readyReplicas":2}}"#)
        #expect(TableRenderer.table(kind: BuiltinKinds.statefulSet, objects: [set], now: Self.now)["rows"]?[0]?["cells"]
            == ["emqx", "2/3", "<unknown>", "emqx,exporter", "emqx:5.9,exporter:1"])
        let budget = try json(#"{"metadata":{"name":"emqx"},"spec":{"maxUnavailable":1},"status":{"disruptionsAllowed":1}}"#)
        #expect(TableRenderer.table(kind: BuiltinKinds.podDisruptionBudget, objects: [budget], now: Self.now)["rows"]?[0]?["cells"]
            == ["emqx", "N/A", "1", 1, "<unknown>"])
    }
}
