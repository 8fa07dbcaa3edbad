import KubeClient
import Testing

@testable import KubeTestServer

struct LabelSelectorQueryTests {
    static let labels: [String: String] = ["app": "emqx", "tier": "broker", "version": "5"]

    /// Selectors from the real parser's tests and the Kubernetes docs, matched against `labels`.
    @Test(arguments: [
        ("", true),
        ("app=emqx", true),
        ("app==emqx", true),
        ("app = emqx", true),
        ("app!=emqx", false),
        ("app=other", false),
        ("missing!=x", true),
        ("app in (emqx,other)", true),
        ("app in (other)", false),
        ("app notin (other)", true),
        ("app notin (emqx)", false),
        ("missing notin (x)", true),
        ("missing in (x)", false),
        ("app", true),
        ("missing", false),
        ("!missing", true),
        ("!app", false),
        ("app=emqx,tier=broker", true),
        ("app=emqx,tier!=broker", false),
        ("app,tier in (broker),!missing", true),
        ("version<4", false),
        ("version>4", true),
        ("app in (in,notin,emqx)", true),
        ("missing in ()", false),
        ("missing=", false),
        ("x in (foo,,baz),app", false),
    ])
    func matches(selector: String, expected: Bool) throws {
        #expect(try LabelSelectorQuery(parsing: selector).matches(Self.labels) == expected)
    }

    @Test func emptyValueMatchesEmptyLabel() throws {
        #expect(try LabelSelectorQuery(parsing: "a=").matches(["a": ""]))
        #expect(try LabelSelectorQuery(parsing: "a in ()").matches(["a": ""]))
    }

    /// Errors with the real messages (`k8s.io/apimachinery/pkg/labels/selector.go`).
    @Test(arguments: [
        ("a b", "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"),
        ("a,", "found '', expected: identifier after ','"),
        (",a", "found ',', expected: !, identifier, or 'end of string'"),
        ("a=b c", "found 'c', expected: ',' or 'end of string'"),
        ("a in b", "unable to parse requirement: found 'b' expected: '('"),
        ("a in (b", "unable to parse requirement: found '', expected: ',' or ')'"),
        ("a=(", "unable to parse requirement: found '(', expected: identifier"),
        ("x=a@b",
         #"unable to parse requirement: values[0][x]: Invalid value: "a@b": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"#),
        ("-a=b",
         #"unable to parse requirement: <nil>: Invalid value: "-a": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"#),
        ("Example.com/a=b",
         #"unable to parse requirement: <nil>: Invalid value: "Example.com/a": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"#),
        ("a>b", "unable to parse requirement: values[0]: Invalid value: \"b\": for 'Gt', 'Lt' operators, the value must be an integer"),
        // As in Go, `gt` and `lt` are not operator words; only `>` and `<` are.
        ("version gt 4", "unable to parse requirement: found 'gt', expected: in, notin, =, ==, !=, gt, lt"),
    ])
    func rejects(selector: String, message: String) {
        #expect(throws: SelectorError(message)) { try LabelSelectorQuery(parsing: selector) }
    }

    @Test func acceptsPrefixedKeys() throws {
        let query = try LabelSelectorQuery(parsing: "app.kubernetes.io/name in (emqx),!rebalance.brokers.dev/skip")
        #expect(query.matches(["app.kubernetes.io/name": "emqx"]))
        #expect(!query.matches(["app.kubernetes.io/name": "emqx", "rebalance.brokers.dev/skip": "true"]))
        #expect(query.description == "app.kubernetes.io/name in (emqx),!rebalance.brokers.dev/skip")
    }

    @Test func readsLabelSelectorObjects() throws {
        let selector = try LabelSelectorQuery(labelSelector: try json("""
            {"matchLabels":{"app":"emqx"},"matchExpressions":[{"key":"tier","operator":"In","values":["broker","core"]},
             {"key":"legacy","operator":"DoesNotExist"}]}
            """))
        #expect(selector.matches(Self.labels))
        #expect(!selector.matches(["app": "emqx", "tier": "web"]))
        #expect(try LabelSelectorQuery(labelSelector: [:]).isEmpty)
        #expect(throws: SelectorError.self) {
            try LabelSelectorQuery(labelSelector: ["matchExpressions": [["key": "a", "operator": "In", "values": []]]])
        }
        #expect(throws: SelectorError.self) {
            try LabelSelectorQuery(labelSelector: ["matchExpressions": [["key": "a", "operator": "Near"]]])
        }
    }

    @Test func matchesObjectLabels() throws {
        let pod = try json(#"{"metadata":{"name":"p","labels":{"app":"emqx"}}}"#)
        #expect(try LabelSelectorQuery(parsing: "app=emqx").matches(object: pod))
        #expect(try !LabelSelectorQuery(parsing: "app").matches(object: try json(#"{"metadata":{"name":"p"}}"#)))
    }
}
