import KubeClient
import Testing

@testable import KubeTestServer

struct JSONPatchTests {
    /// RFC 6902 appendix A examples and pointer escaping (RFC 6901).
    @Test(arguments: [
        (#"{"foo":"bar"}"#, #"[{"op":"add","path":"/baz","value":"qux"}]"#, #"{"baz":"qux","foo":"bar"}"#),
        (#"{"foo":["bar","baz"]}"#, #"[{"op":"add","path":"/foo/1","value":"qux"}]"#, #"{"foo":["bar","qux","baz"]}"#),
        (#"{"baz":"qux","foo":"bar"}"#, #"[{"op":"remove","path":"/baz"}]"#, #"{"foo":"bar"}"#),
        (#"{"foo":["bar","qux","baz"]}"#, #"[{"op":"remove","path":"/foo/1"}]"#, #"{"foo":["bar","baz"]}"#),
        (#"{"baz":"qux","foo":"bar"}"#, #"[{"op":"replace","path":"/baz","value":"boo"}]"#, #"{"baz":"boo","foo":"bar"}"#),
        (#"{"foo":{"bar":"baz","waldo":"fred"},"qux":{"corge":"grault"}}"#,
         #"[{"op":"move","from":"/foo/waldo","path":"/qux/thud"}]"#,
         #"{"foo":{"bar":"baz"},"qux":{"corge":"grault","thud":"fred"}}"#),
        (#"{"foo":["all","grass","cows","eat"]}"#, #"[{"op":"move","from":"/foo/1","path":"/foo/3"}]"#,
         #"{"foo":["all","cows","eat","grass"]}"#),
        (#"{"baz":"qux","foo":["a",2,"c"]}"#,
         #"[{"op":"test","path":"/baz","value":"qux"},{"op":"test","path":"/foo/1","value":2}]"#,
         #"{"baz":"qux","foo":["a",2,"c"]}"#),
        (#"{"foo":"bar"}"#, #"[{"op":"add","path":"/child","value":{"grandchild":{}}}]"#, #"{"foo":"bar","child":{"grandchild":{}}}"#),
        (#"{"foo":["bar"]}"#, #"[{"op":"add","path":"/foo/-","value":["abc","def"]}]"#, #"{"foo":["bar",["abc","def"]]}"#),
        (#"{"a":{"b":1}}"#, #"[{"op":"copy","from":"/a","path":"/c"}]"#, #"{"a":{"b":1},"c":{"b":1}}"#),
        (#"{"metadata":{"annotations":{"a/b":"1","m~n":"2"}}}"#,
         #"[{"op":"remove","path":"/metadata/annotations/a~1b"},{"op":"replace","path":"/metadata/annotations/m~0n","value":"3"}]"#,
         #"{"metadata":{"annotations":{"m~n":"3"}}}"#),
        (#"{"spec":{"replicas":3}}"#, #"[{"op":"test","path":"/spec/replicas","value":3.0}]"#, #"{"spec":{"replicas":3}}"#),
        (#"{"a":1}"#, #"[{"op":"test","path":"/missing","value":null}]"#, #"{"a":1}"#),
        (#"{"a":1}"#, #"[]"#, #"{"a":1}"#),
    ])
    func appliesOperations(original: String, patch: String, expected: String) throws {
        #expect(try JSONPatch.apply(try json(patch), to: try json(original)) == (try json(expected)))
    }

    /// The server answers 422 for an operation that does not apply and 400 for a malformed document.
    @Test(arguments: [
        (#"{"baz":"qux"}"#, #"[{"op":"test","path":"/baz","value":"bar"}]"#, 422),
        (#"{"foo":["a"]}"#, #"[{"op":"test","path":"/foo/0","value":"b"}]"#, 422),
        (#"{"foo":"bar"}"#, #"[{"op":"add","path":"/baz/bat","value":"qux"}]"#, 422),
        (#"{"foo":"bar"}"#, #"[{"op":"remove","path":"/nope"}]"#, 422),
        (#"{"foo":"bar"}"#, #"[{"op":"replace","path":"/nope","value":1}]"#, 422),
        (#"{"foo":[1]}"#, #"[{"op":"add","path":"/foo/5","value":1}]"#, 422),
        (#"{"foo":"bar"}"#, #"[{"op":"frobnicate","path":"/foo"}]"#, 422),
        (#"{"foo":"bar"}"#, #"[{"op":"move","from":"/nope","path":"/x"}]"#, 422),
        (#"{"foo":"bar"}"#, #"[{"op":"add","path":"foo","value":1}]"#, 422),
        (#"{"foo":"bar"}"#, #"{"op":"add","path":"/x","value":1}"#, 400),
        (#"{"foo":"bar"}"#, #"["add"]"#, 400),
    ])
    func rejects(original: String, patch: String, code: Int) throws {
        #expect {
            _ = try JSONPatch.apply(try json(patch), to: try json(original))
        } throws: { error in
            guard let error = error as? PatchError else { return false }
            return error.code == code
        }
    }

    @Test func failedTestHasTheServersStatusBody() throws {
        let operations = try json(#"[{"op":"test","path":"/a","value":2}]"#)
        let document = try json(#"{"a":1}"#)
        do {
            _ = try JSONPatch.apply(operations, to: document)
            Issue.record("expected a failure")
        } catch {
            #expect(error.status == (try json("""
                {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
                 "message":"the server rejected our request due to an error in our request","reason":"Invalid","details":{},"code":422}
                """)))
        }
    }

    @Test func failedOperationLeavesNothingApplied() throws {
        let original = try json(#"{"a":1}"#)
        #expect(throws: PatchError.self) {
            _ = try JSONPatch.apply(try json(#"[{"op":"replace","path":"/a","value":2},{"op":"test","path":"/a","value":1}]"#), to: original)
        }
        #expect(original == (try json(#"{"a":1}"#)))
    }

    @Test func limitsOperationCount() throws {
        let operations = JSONValue.array(Array(repeating: ["op": "test", "path": "/a", "value": 1], count: 10_001))
        #expect(throws: PatchError.tooManyOperations(10_001)) {
            _ = try JSONPatch.apply(operations, to: ["a": 1])
        }
    }
}
