import Foundation
import KubeClient
import Testing

@testable import Rebalancing

@Suite("The custom resources' JSON and address")
struct RebalancingResourceTests {
    static func json(_ object: some Encodable) throws -> JSONValue {
        try JSONValue(parsing: JSONEncoder().encode(object))
    }

    @Test("each kind writes its apiVersion and kind, and a status only when it has one")
    func encodes() throws {
        let evacuation = NodeEvacuation(metadata: ObjectMeta(name: "e", namespace: "default"), spec: .init(clusterRef: "emqx", target: .init(pod: "emqx-2")))
        let json = try Self.json(evacuation)
        #expect(json["apiVersion"]?.stringValue == "rebalance.brokers.dev/v1alpha1")
        #expect(json["kind"]?.stringValue == "NodeEvacuation")
        #expect(json["spec"]?["target"]?["pod"]?.stringValue == "emqx-2")
        #expect(json["status"] == nil)
        #expect(try Self.json(ClusterRebalance(metadata: ObjectMeta(name: "r"), spec: .init(clusterRef: "emqx")))["kind"]?.stringValue == "ClusterRebalance")
        #expect(try Self.json(BrokerCluster(metadata: ObjectMeta(name: "c"), spec: .init(api: .init(url: "http://emqx:18083"))))["kind"]?.stringValue == "BrokerCluster")
    }

    @Test("what the API server sends decodes, and encodes back to the same object")
    func roundTrip() throws {
        let text = #"{"apiVersion":"rebalance.brokers.dev/v1alpha1","kind":"ClusterRebalance","metadata":{"name":"r","namespace":"default","uid":"u1"},"spec":{"clusterRef":"emqx","dryRun":true},"status":{"phase":"Planned"}}"#
        let decoded = try JSONDecoder().decode(ClusterRebalance.self, from: Data(text.utf8))
        #expect(decoded.metadata.uid == "u1")
        #expect(decoded.spec.dryRun == true)
        #expect(decoded.status?.phase == .planned)
        #expect(try JSONDecoder().decode(ClusterRebalance.self, from: JSONEncoder().encode(decoded)) == decoded)
        #expect(try Self.json(decoded) == JSONValue(parsing: Data(text.utf8)))
    }

    @Test("the address comes from the CRD")
    func address() {
        #expect(NodeEvacuation.resource == ResourceDescription(group: "rebalance.brokers.dev", version: "v1alpha1", kind: "NodeEvacuation", plural: "nodeevacuations", isNamespaced: true))
        #expect(BrokerCluster.apiVersion == "rebalance.brokers.dev/v1alpha1")
        #expect(ClusterRebalance.kind == "ClusterRebalance")
    }
}
