import Foundation
import Testing

@testable import KubeClient

@Suite("object coding: unknown fields, merge patches, dynamic objects")
struct ObjectCoderTests {
    static let podJSON = #"""
        {"apiVersion":"v1","kind":"Pod",
         "metadata":{"name":"emqx-0","namespace":"b","resourceVersion":"9","labels":{"app":"emqx","old":"x"},
                     "managedFields":[{"manager":"kubectl"}]},
         "spec":{"nodeName":"n1","containers":[{"name":"emqx","image":"emqx:5","resources":{"limits":{"cpu":"1"}}}],
                 "volumes":[{"name":"data","emptyDir":{}}]},
         "status":{"phase":"Running","qosClass":"Burstable"}}
        """#

    @Test("a typed update sends back every field the Swift type does not model")
    func unknownFieldsRoundTrip() throws {
        let coder = ObjectCoder(resource: Pod.resource)
        var pod = try coder.decode(Pod.self, from: Data(Self.podJSON.utf8), path: "test")
        #expect(pod.rawJSON != nil)
        pod.metadata.labels?["old"] = nil
        pod.metadata.labels?["new"] = "y"
        pod.spec?.nodeName = "n2"
        let sent = try JSONValue(parsing: try coder.encodeObject(pod))
        #expect(sent[path: ["metadata", "labels"]] == ["app": "emqx", "new": "y"])
        #expect(sent[path: ["metadata", "managedFields"]] == [["manager": "kubectl"]])
        #expect(sent[path: ["spec", "nodeName"]] == "n2")
        #expect(sent[path: ["spec", "volumes"]] == [["name": "data", "emptyDir": [:]]])
        #expect(sent["spec"]?["containers"]?[0]?["resources"] == ["limits": ["cpu": "1"]])
        #expect(sent[path: ["status", "qosClass"]] == "Burstable")
    }

    @Test("an unchanged typed object is sent exactly as received")
    func unchanged() throws {
        let coder = ObjectCoder(resource: Pod.resource)
        let pod = try coder.decode(Pod.self, from: Data(Self.podJSON.utf8), path: "test")
        #expect(try JSONValue(parsing: try coder.encodeObject(pod)) == JSONValue(parsing: Data(Self.podJSON.utf8)))
    }

    @Test("objects built in code get apiVersion and kind")
    func typeMeta() throws {
        let coder = ObjectCoder(resource: Lease.resource)
        let lease = Lease(metadata: ObjectMeta(name: "leader", namespace: "ops"), spec: .init(holderIdentity: "a", leaseDurationSeconds: 15))
        let sent = try JSONValue(parsing: try coder.encodeObject(lease))
        #expect(sent["apiVersion"] == "coordination.k8s.io/v1")
        #expect(sent["kind"] == "Lease")
        #expect(sent[path: ["spec", "holderIdentity"]] == "a")
    }

    @Test("merge patch diff and apply are inverse")
    func mergePatch() {
        let old: JSONValue = ["a": 1, "b": ["c": 2, "d": [1, 2]], "e": "gone"]
        let new: JSONValue = ["a": 1, "b": ["c": 3, "d": [1]], "f": true]
        let patch = JSONValue.mergePatch(from: old, to: new)
        #expect(patch == ["b": ["c": 3, "d": [1]], "e": nil, "f": true])
        #expect(old.applyingMergePatch(patch ?? [:]) == new)
        #expect(JSONValue.mergePatch(from: old, to: old) == nil)
    }

    @Test("a dynamic object's metadata setter keeps unmodelled metadata")
    func dynamicMetadata() throws {
        var object = try JSONValue(parsing: Data(Self.podJSON.utf8)).decode(as: DynamicObject.self)
        #expect(object.metadata.name == "emqx-0")
        var metadata = object.metadata
        metadata.finalizers = ["rebalance.brokers.dev/evacuation"]
        metadata.labels = nil
        object.metadata = metadata
        #expect(object.json[path: ["metadata", "finalizers"]] == ["rebalance.brokers.dev/evacuation"])
        #expect(object.json[path: ["metadata", "labels"]] == nil)
        #expect(object.json[path: ["metadata", "managedFields"]] == [["manager": "kubectl"]])
        #expect(try object.decode(as: Pod.self).spec?.nodeName == "n1")
    }

    @Test("a list decodes items one by one with the list metadata")
    func list() throws {
        let coder = ObjectCoder(resource: Pod.resource)
        let body = #"{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"20","continue":"next"},"items":[\#(Self.podJSON)]}"#
        let list = try coder.decodeList(Pod.self, from: Data(body.utf8), path: "test")
        #expect(list.items.map(\.metadata.name) == ["emqx-0"])
        #expect(list.items.first?.rawJSON != nil)
        #expect(list.metadata.resourceVersion == "20")
        #expect(list.metadata.continue == "next")
    }
}
