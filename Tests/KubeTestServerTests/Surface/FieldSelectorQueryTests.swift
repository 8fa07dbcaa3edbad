import KubeClient
import Testing

@testable import KubeTestServer

struct FieldSelectorQueryTests {
    static let pod: JSONValue = [
        "metadata": ["name": "emqx-0", "namespace": "brokers"],
        "spec": ["nodeName": "node-a", "restartPolicy": "Always"],
        "status": ["phase": "Running"],
    ]

    @Test(arguments: [
        ("", true),
        ("metadata.name=emqx-0", true),
        ("metadata.name==emqx-0", true),
        ("metadata.name!=emqx-0", false),
        ("metadata.namespace=brokers,spec.nodeName=node-a", true),
        ("spec.nodeName=node-b", false),
        ("spec.nodeName!=node-b", true),
        ("status.phase!=Succeeded,status.phase!=Failed", true),
        ("status.phase=Running", true),
        ("spec.schedulerName=", true),
        ("spec.hostNetwork=false", true),
    ])
    func matchesPods(selector: String, expected: Bool) throws {
        #expect(try FieldSelectorQuery(parsing: selector, kind: SurfaceFixtures.pods).matches(Self.pod) == expected)
    }

    @Test func nodesSelectOnUnschedulable() throws {
        let query = try FieldSelectorQuery(parsing: "spec.unschedulable=false", kind: SurfaceFixtures.nodes)
        #expect(query.matches(["metadata": ["name": "n"], "spec": [:]]))
        #expect(!query.matches(["metadata": ["name": "n"], "spec": ["unschedulable": true]]))
    }

    @Test func coreEventsSelectOnInvolvedObject() throws {
        let event: JSONValue = ["metadata": ["name": "e"], "involvedObject": ["kind": "Pod", "name": "emqx-0"], "source": ["component": "kubelet"]]
        #expect(try FieldSelectorQuery(parsing: "involvedObject.kind=Pod,involvedObject.name=emqx-0", kind: SurfaceFixtures.events).matches(event))
        #expect(try FieldSelectorQuery(parsing: "source=kubelet", kind: SurfaceFixtures.events).matches(event))
    }

    @Test func eventsAPIEventsSelectOnRegardingUnderBothNames() throws {
        let kind = BuiltinKinds.event.resource
        let event: JSONValue = ["metadata": ["name": "e"], "regarding": ["kind": "Node", "name": "n1"], "reportingController": "rebalance.brokers.dev/operator"]
        #expect(try FieldSelectorQuery(parsing: "regarding.kind=Node,regarding.name=n1", kind: kind).matches(event))
        #expect(try FieldSelectorQuery(parsing: "involvedObject.name=n1", kind: kind).matches(event))
        #expect(try FieldSelectorQuery(parsing: "reportingController=rebalance.brokers.dev/operator", kind: kind).matches(event))
        #expect(try !FieldSelectorQuery(parsing: "regarding.name=n2", kind: kind).matches(event))
    }

    @Test func valuesMayBeEscaped() throws {
        let query = try FieldSelectorQuery(parsing: #"metadata.name=a\,b\=c"#, kind: SurfaceFixtures.pods)
        #expect(query.matches(["metadata": ["name": "a,b=c"]]))
    }

    @Test(arguments: [
        ("spec.nodeName=x", SurfaceFixtures.nodeEvacuations, "field label not supported: spec.nodeName"),
        ("spec.unschedulable=true", SurfaceFixtures.pods, "field label not supported: spec.unschedulable"),
        ("status.phase=Running", SurfaceFixtures.nodes, "field label not supported: status.phase"),
        ("metadata.name", SurfaceFixtures.pods, "invalid selector: 'metadata.name'; can't understand 'metadata.name'"),
        ("metadata.name=a,b", SurfaceFixtures.pods, "invalid selector: 'metadata.name=a,b'; can't understand 'b'"),
        (#"metadata.name=a\x"#, SurfaceFixtures.pods, #"invalid field selector: invalid escape sequence: \x"#),
    ])
    func rejects(selector: String, kind: ResourceDescription, message: String) {
        #expect(throws: SelectorError(message)) { try FieldSelectorQuery(parsing: selector, kind: kind) }
    }

    @Test func customResourcesSelectOnNameAndNamespace() throws {
        let query = try FieldSelectorQuery(parsing: "metadata.name=a,metadata.namespace=ns", kind: SurfaceFixtures.nodeEvacuations)
        #expect(query.matches(["metadata": ["name": "a", "namespace": "ns"]]))
        #expect(!query.matches(["metadata": ["name": "b", "namespace": "ns"]]))
    }
}
