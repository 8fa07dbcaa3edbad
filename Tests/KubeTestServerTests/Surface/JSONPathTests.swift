import KubeClient
import Testing

@testable import KubeTestServer

struct JSONPathTests {
    static let object: JSONValue = [
        "metadata": ["name": "evac", "labels": ["app.kubernetes.io/name": "emqx"]],
        "spec": ["replicas": 3, "target": ["pod": "emqx-0"]],
        "status": [
            "phase": "Evacuated",
            "conditions": [
                ["type": "Progressing", "status": "False"],
                ["type": "Ready", "status": "True", "observedGeneration": 2],
            ],
        ],
    ]

    @Test(arguments: [
        (".status.phase", ["Evacuated"] as [JSONValue]),
        ("{.status.phase}", ["Evacuated"]),
        ("$.spec.replicas", [3]),
        (".spec.target.pod", ["emqx-0"]),
        (".spec['target']['pod']", ["emqx-0"]),
        (#".status.conditions[?(@.type=="Ready")].status"#, ["True"]),
        (".status.conditions[?(@.type=='Progressing')].status", ["False"]),
        (".status.conditions[?(@.observedGeneration>1)].type", ["Ready"]),
        (".status.conditions[?(@.observedGeneration)].type", ["Ready"]),
        (".status.conditions[0].type", ["Progressing"]),
        (".status.conditions[-1].type", ["Ready"]),
        (".status.conditions[*].type", ["Progressing", "Ready"]),
        (".status.conditions[0:1].type", ["Progressing"]),
        ("..observedGeneration", [2]),
        (#".metadata.labels.app\.kubernetes\.io/name"#, ["emqx"]),
        (".status.missing", []),
        (#".status.conditions[?(@.type=="Nope")].status"#, []),
    ])
    func evaluates(path: String, expected: [JSONValue]) throws {
        #expect(try JSONPath(parsing: path).evaluate(Self.object) == expected)
    }

    @Test(arguments: [".status.conditions[?(@.type==\"Ready\"", ".spec[abc]", ".status.conditions[?(@.type==Ready)]"])
    func rejects(path: String) {
        #expect(throws: JSONPath.ParseError.self) { try JSONPath(parsing: path) }
    }
}
