import KubeClient
import Testing

@testable import KubeTestServer

/// Field ownership and server-side apply as pure functions (the HTTP behaviour is in ServerSideApplyTests).
@Suite("field manager")
struct FieldManagerTests {
    static let now = "2026-01-01T00:00:00Z"

    static func pod(_ containers: String, labels: String = "{}") throws -> JSONValue {
        try json(#"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","labels":\#(labels)},"spec":{"containers":\#(containers)}}"#)
    }

    @Test("the field set of an object: leaves, associative list items by key, unowned metadata left out; fieldsV1 round-trips")
    func fieldSets() throws {
        let object = try Self.pod(#"[{"name":"main","image":"nginx"}]"#, labels: #"{"app":"web"}"#)
        let set = ManagedFieldSet.of(object, semantics: .root(BuiltinKinds.pod.schema))
        #expect(set.fieldsV1 == (try json(#"{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"main\"}":{".":{},"f:image":{},"f:name":{}}}}}"#)))
        #expect(ManagedFieldSet(fieldsV1: set.fieldsV1) == set)
        #expect(set.paths.allSatisfy { $0.first != .field("apiVersion") && !$0.hasPrefix([.field("metadata"), .field("name")]) })
    }

    @Test("apply merges associative lists by key and removes what the manager no longer applies")
    func applyMergesAndRemoves() throws {
        let kind = BuiltinKinds.pod
        let first = try FieldManager.apply(try Self.pod(#"[{"name":"main","image":"nginx"}]"#, labels: #"{"app":"web","tier":"front"}"#),
                                           to: nil, manager: "a", force: false, kind: kind, subresource: nil, now: Self.now)
        let second = try FieldManager.apply(try Self.pod(#"[{"name":"side","image":"envoy"}]"#), to: first, manager: "b", force: false,
                                            kind: kind, subresource: nil, now: Self.now)
        #expect(second[path: ["spec", "containers"]]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["main", "side"])
        let third = try FieldManager.apply(try Self.pod(#"[{"name":"main","image":"nginx"}]"#, labels: #"{"app":"web"}"#), to: second,
                                           manager: "a", force: false, kind: kind, subresource: nil, now: Self.now)
        #expect(third[path: ["metadata", "labels"]] == ["app": "web"])
        #expect(ManagedFieldsEntry.entries(of: third).map(\.manager) == ["a", "b"])
    }

    @Test("changing another manager's field is a conflict naming manager and field; force takes it over; the same value is shared")
    func conflicts() throws {
        let kind = BuiltinKinds.pod
        let owned = try FieldManager.apply(try Self.pod(#"[{"name":"main","image":"nginx"}]"#), to: nil, manager: "a", force: false,
                                           kind: kind, subresource: nil, now: Self.now)
        let shared = try FieldManager.apply(try Self.pod(#"[{"name":"main","image":"nginx"}]"#), to: owned, manager: "b", force: false,
                                            kind: kind, subresource: nil, now: Self.now)
        #expect(ManagedFieldsEntry.entries(of: shared).count == 2)
        let changed = try Self.pod(#"[{"name":"main","image":"nginx:2"}]"#)
        do throws(APIError) {
            _ = try FieldManager.apply(changed, to: owned, manager: "b", force: false, kind: kind, subresource: nil, now: Self.now)
            Issue.record("expected a conflict")
        } catch {
            #expect(error.code == 409)
            #expect(error.message == #"Apply failed with 1 conflict: conflict with "a" using v1: .spec.containers[name="main"].image"#)
        }
        let forced = try FieldManager.apply(try Self.pod(#"[{"name":"main","image":"nginx:2"}]"#), to: owned, manager: "b", force: true,
                                            kind: kind, subresource: nil, now: Self.now)
        let image: ManagedPath = [.field("spec"), .field("containers"), .key([("name", "main")]), .field("image")]
        #expect(ManagedFieldsEntry.entries(of: forced).first { $0.manager == "a" }?.fields.paths.contains(image) == false)
    }

    @Test("an update records the changed fields for its manager and takes them from others; a no-op changes nothing")
    func updates() throws {
        let kind = BuiltinKinds.configMap
        let created = FieldManager.recordUpdate(old: nil, new: try json(#"{"metadata":{"name":"c"},"data":{"a":"1"}}"#), manager: "x",
                                                kind: kind, subresource: nil, now: Self.now)
        var changed = created
        changed[path: ["data", "a"]] = "2"
        changed[path: ["data", "b"]] = "3"
        let updated = FieldManager.recordUpdate(old: created, new: changed, manager: "y", kind: kind, subresource: nil, now: Self.now)
        let entries = ManagedFieldsEntry.entries(of: updated)
        #expect(entries.map(\.manager) == ["y"])
        #expect(entries.first?.fields.fieldsV1 == (try json(#"{"f:data":{"f:a":{},"f:b":{}}}"#)))
        #expect(FieldManager.recordUpdate(old: updated, new: updated, manager: "z", kind: kind, subresource: nil, now: "later") == updated)
    }

    @Test("the manager of a request without fieldManager is the User-Agent's product", arguments: [
        ("kubectl-edit/v1.32.0 (linux/amd64) kubernetes/70d3cc9", "kubectl-edit"), ("OpenAPI-Generator/37.0.2/python", "OpenAPI-Generator"), ("", ""),
    ])
    func defaultManager(userAgent: String, expected: String) {
        #expect(FieldManager.manager(fieldManager: nil, userAgent: userAgent) == expected)
        #expect(FieldManager.manager(fieldManager: "mine", userAgent: userAgent) == "mine")
    }

    @Test("boolean query parameters: only absent, 0 and false (any case) are false", arguments: [
        ("True", true), ("1", true), ("t", true), ("yes", true), ("", true), ("f", true), ("0", false), ("false", false), ("FALSE", false), ("False", false),
    ])
    func queryFlags(text: String, expected: Bool) {
        #expect(QueryFlag.value(text) == expected)
        #expect(QueryFlag.value(nil) == nil)
    }
}
