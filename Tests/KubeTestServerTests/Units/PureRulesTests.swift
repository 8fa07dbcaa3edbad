import KubeClient
import Testing

@testable import KubeTestServer

@Suite("pure rules of the server")
struct PureRulesTests {
    @Test("paths parse into collections, objects, subresources and discovery", arguments: [
        ("/api/v1/namespaces/default/pods/p/eviction", APIPath.resource(.init(group: "", version: "v1", plural: "pods", namespace: "default", name: "p", subresource: "eviction"))),
        ("/api/v1/nodes/n1", .resource(.init(group: "", version: "v1", plural: "nodes", namespace: nil, name: "n1", subresource: nil))),
        ("/api/v1/namespaces/default", .resource(.init(group: "", version: "v1", plural: "namespaces", namespace: nil, name: "default", subresource: nil))),
        ("/api/v1/namespaces/x/status", .resource(.init(group: "", version: "v1", plural: "namespaces", namespace: nil, name: "x", subresource: "status"))),
        ("/apis/apps/v1/statefulsets", .resource(.init(group: "apps", version: "v1", plural: "statefulsets", namespace: nil, name: nil, subresource: nil))),
        ("/apis/apps/v1", .resourceList(group: "apps", version: "v1")),
        ("/api", .coreVersions),
        ("/apis", .groupList),
        ("/openapi/v3/apis/apps/v1", .openAPIDocument("apis/apps/v1")),
        ("/testserver/v1/watches/drop", .testServer(["watches", "drop"])),
    ])
    func paths(_ path: String, _ expected: APIPath) {
        #expect(APIPath(path) == expected)
    }

    @Test("the event history serves a revision only while every later change is retained")
    func history() {
        var history = EventHistory(limit: 2)
        for revision in 1...3 {
            history.append(StoredEvent(revision: Int64(revision), kind: .pods, type: .added, object: [:], previous: nil))
        }
        #expect(history.compactedThrough == 1)
        #expect(history.canServe(from: 1))
        #expect(!history.canServe(from: 0))
        #expect(history.events(after: 1).map(\.revision) == [2, 3])
        history.compact(through: 3)
        #expect(!history.canServe(from: 2))
        #expect(history.canServe(from: 3))
    }

    @Test("continue tokens round-trip")
    func continueToken() {
        let token = ContinueToken(revision: 1234, lastKey: "default/emqx-1")
        #expect(ContinueToken(encoded: token.encoded) == token)
        #expect(ContinueToken(encoded: "not a token") == nil)
    }

    @Test("PodDisruptionBudget status counts Ready pods against minAvailable")
    func disruptionBudget() {
        let budget: JSONValue = ["metadata": ["name": "b", "namespace": "default", "generation": 1],
                                 "spec": ["minAvailable": "50%", "selector": ["matchLabels": ["app": "emqx"]]]]
        func pod(_ name: String, ready: Bool) -> JSONValue {
            ["metadata": ["name": .string(name), "namespace": "default", "labels": ["app": "emqx"]],
             "status": ["conditions": [["type": "Ready", "status": ready ? "True" : "False"]]]]
        }
        let status = DisruptionBudgetStatus.compute(budget: budget, pods: [pod("a", ready: true), pod("b", ready: true), pod("c", ready: false)],
                                                    statefulSets: [], previous: nil, now: "2026-01-01T00:00:00Z")
        #expect(status["expectedPods"] == 3)
        #expect(status["currentHealthy"] == 2)
        #expect(status["desiredHealthy"] == 2)
        #expect(status["disruptionsAllowed"] == 0)
        #expect(status["observedGeneration"] == 1)
    }

    @Test("generation changes only for content outside metadata, and outside status with a status subresource")
    func generationRule() {
        let kind = RegisteredKind(resource: ResourceDescription(group: "g", version: "v1", kind: "W", plural: "ws", isNamespaced: true),
                                  hasStatusSubresource: true, isCustom: true)
        let base: JSONValue = ["metadata": ["name": "a"], "spec": ["x": 1], "status": ["y": 1]]
        var labelled = base
        labelled[path: ["metadata", "labels"]] = ["a": "b"]
        var statusChanged = base
        statusChanged[path: ["status", "y"]] = 2
        var specChanged = base
        specChanged[path: ["spec", "x"]] = 2
        #expect(!ObjectStrategy.specChanged(from: base, to: labelled, kind: kind))
        #expect(!ObjectStrategy.specChanged(from: base, to: statusChanged, kind: kind))
        #expect(ObjectStrategy.specChanged(from: base, to: specChanged, kind: kind))
    }

    @Test("MicroTime is re-encoded in UTC with its six digits kept")
    func microTime() throws {
        let text = "2026-01-02T05:04:05.148027+02:00"
        let date = try #require(RFC3339.parse(text))
        #expect(BuiltinValidation.utcMicroTime(text, date: date) == "2026-01-02T03:04:05.148027Z")
    }
}
