import KubeClient
import Testing

@Suite("label selector: one structured matcher for the client, the operator and the test server")
struct KubeLabelSelectorTests {
    typealias Requirement = KubeLabelSelector.Requirement
    static let labels = ["app": "emqx", "tier": "broker", "zone": "a"]

    @Test("every term must hold", arguments: [
        (KubeLabelSelector(), true),
        (KubeLabelSelector(matchLabels: [:], matchExpressions: []), true),
        (KubeLabelSelector(matchLabels: ["app": "emqx"]), true),
        (KubeLabelSelector(matchLabels: ["app": "emqx", "tier": "broker"]), true),
        (KubeLabelSelector(matchLabels: ["app": "other"]), false),
        (KubeLabelSelector(matchLabels: ["missing": "x"]), false),
        (KubeLabelSelector(matchExpressions: [Requirement(key: "zone", operator: "In", values: ["a", "b"])]), true),
        (KubeLabelSelector(matchExpressions: [Requirement(key: "zone", operator: "In", values: ["b"])]), false),
        (KubeLabelSelector(matchExpressions: [Requirement(key: "missing", operator: "In", values: ["a"])]), false),
        (KubeLabelSelector(matchExpressions: [Requirement(key: "zone", operator: "NotIn", values: ["b"])]), true),
        (KubeLabelSelector(matchExpressions: [Requirement(key: "zone", operator: "NotIn", values: ["a"])]), false),
        (KubeLabelSelector(matchExpressions: [Requirement(key: "missing", operator: "NotIn", values: ["a"])]), true),
        (KubeLabelSelector(matchExpressions: [Requirement(key: "tier", operator: "Exists")]), true),
        (KubeLabelSelector(matchExpressions: [Requirement(key: "missing", operator: "Exists")]), false),
        (KubeLabelSelector(matchExpressions: [Requirement(key: "missing", operator: "DoesNotExist")]), true),
        (KubeLabelSelector(matchExpressions: [Requirement(key: "tier", operator: "DoesNotExist")]), false),
        (KubeLabelSelector(matchExpressions: [Requirement(key: "tier", operator: "Gt", values: ["1"])]), false),
        (KubeLabelSelector(matchLabels: ["app": "emqx"], matchExpressions: [Requirement(key: "zone", operator: "NotIn", values: ["a"])]), false),
    ])
    func matches(selector: KubeLabelSelector, expected: Bool) {
        #expect(selector.matches(Self.labels) == expected)
    }

    @Test("the query string lists matchLabels sorted, then the expressions with sorted values")
    func queryString() {
        let selector = KubeLabelSelector(
            matchLabels: ["tier": "broker", "app": "emqx"],
            matchExpressions: [
                Requirement(key: "zone", operator: "In", values: ["b", "a"]),
                Requirement(key: "canary", operator: "NotIn", values: ["true"]),
                Requirement(key: "ready", operator: "Exists"),
                Requirement(key: "drained", operator: "DoesNotExist"),
            ])
        #expect(selector.queryString == "app=emqx,tier=broker,zone in (a,b),canary notin (true),ready,!drained")
    }

    @Test("decodes from the JSON the API server stores, as the test server reads it")
    func decodesFromJSON() throws {
        let json: JSONValue = ["matchLabels": ["app": "emqx"], "matchExpressions": [["key": "zone", "operator": "In", "values": ["a"]]]]
        let selector = try json.decode(as: KubeLabelSelector.self)
        #expect(selector.matches(Self.labels))
        #expect(!selector.matches(["app": "emqx"]))
    }
}
