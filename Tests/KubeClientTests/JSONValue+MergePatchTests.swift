import Foundation
import KubeClient
import Testing

@Suite("JSON merge patch (RFC 7386): one apply, one diff")
struct JSONMergePatchTests {
    static func json(_ text: String) throws -> JSONValue {
        try JSONValue(parsing: Data(text.utf8))
    }

    /// RFC 7386 appendix A (original, patch, result), plus what `kubectl label` sends.
    static let appendixA: [(String, String, String)] = [
        (#"{"a":"b"}"#, #"{"a":"c"}"#, #"{"a":"c"}"#),
        (#"{"a":"b"}"#, #"{"b":"c"}"#, #"{"a":"b","b":"c"}"#),
        (#"{"a":"b"}"#, #"{"a":null}"#, #"{}"#),
        (#"{"a":"b","b":"c"}"#, #"{"a":null}"#, #"{"b":"c"}"#),
        (#"{"a":["b"]}"#, #"{"a":"c"}"#, #"{"a":"c"}"#),
        (#"{"a":"c"}"#, #"{"a":["b"]}"#, #"{"a":["b"]}"#),
        (#"{"a":{"b":"c"}}"#, #"{"a":{"b":"d","c":null}}"#, #"{"a":{"b":"d"}}"#),
        (#"{"a":[{"b":"c"}]}"#, #"{"a":[1]}"#, #"{"a":[1]}"#),
        (#"["a","b"]"#, #"["c","d"]"#, #"["c","d"]"#),
        (#"{"a":"b"}"#, #"["c"]"#, #"["c"]"#),
        (#"{"a":"foo"}"#, #"null"#, #"null"#),
        (#"{"a":"foo"}"#, #""bar""#, #""bar""#),
        (#"{"e":null}"#, #"{"a":1}"#, #"{"e":null,"a":1}"#),
        (#"[1,2]"#, #"{"a":"b","c":null}"#, #"{"a":"b"}"#),
        (#"{}"#, #"{"a":{"bb":{"ccc":null}}}"#, #"{"a":{"bb":{}}}"#),
        (#"{"metadata":{"name":"n","labels":{"x":"1"},"finalizers":["a","b"]}}"#,
         #"{"metadata":{"labels":{"x":null,"y":"2"},"finalizers":["c"]}}"#,
         #"{"metadata":{"name":"n","labels":{"y":"2"},"finalizers":["c"]}}"#),
    ]

    @Test("apply gives the RFC 7386 appendix A results", arguments: appendixA)
    func appliesAsRFC7386(original: String, patch: String, expected: String) throws {
        #expect(try Self.json(original).applyingMergePatch(Self.json(patch)) == Self.json(expected))
    }

    @Test("the diff of each appendix A pair, applied to the original, gives the result", arguments: appendixA)
    func diffRoundTrips(original: String, patch _: String, expected: String) throws {
        let (old, new) = (try Self.json(original), try Self.json(expected))
        let patch = JSONValue.mergePatch(from: old, to: new)
        #expect(Self.droppingNullMembers(patch.map(old.applyingMergePatch) ?? old) == Self.droppingNullMembers(new))
    }

    /// (old, new, expected patch or nil).
    @Test("the diff sends changed members only, null for removed keys, arrays whole", arguments: [
        (#"{"a":1,"b":[1]}"#, #"{"a":1,"b":[1]}"#, nil),
        (#"{"a":1,"b":2}"#, #"{"a":1}"#, #"{"b":null}"#),
        (#"{"a":{"b":1,"c":2}}"#, #"{"a":{"b":1}}"#, #"{"a":{"c":null}}"#),
        (#"{"a":{"b":1}}"#, #"{"a":{"b":1,"c":{"d":2}}}"#, #"{"a":{"c":{"d":2}}}"#),
        (#"{"a":[1,2]}"#, #"{"a":[1,3]}"#, #"{"a":[1,3]}"#),
        (#"{"a":[{"b":1}]}"#, #"{"a":[{"b":1,"c":2}]}"#, #"{"a":[{"b":1,"c":2}]}"#),
        (#"{"a":1}"#, #"{"a":null}"#, #"{"a":null}"#),
        (#"{"a":null}"#, #"{}"#, nil),
        (#"{"a":null}"#, #"{"a":1}"#, #"{"a":1}"#),
        (#"{}"#, #"{"a":null}"#, nil),
        (#"{"a":{"b":1}}"#, #"{"a":2}"#, #"{"a":2}"#),
        (#"{"a":2}"#, #"{"a":{"b":1}}"#, #"{"a":{"b":1}}"#),
        (#"[1]"#, #"[2]"#, #"[2]"#),
        (#"{"a":1}"#, #"[1]"#, #"[1]"#),
        (#"{"a":1}"#, #"null"#, #"null"#),
        (#""x""#, #""x""#, nil),
    ] as [(String, String, String?)])
    func diff(old: String, new: String, expected: String?) throws {
        #expect(JSONValue.mergePatch(from: try Self.json(old), to: try Self.json(new)) == (try expected.map(Self.json)))
    }

    static func droppingNullMembers(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members): .object(members.filter { !$0.value.isNull }.mapValues(droppingNullMembers))
        case .array(let elements): .array(elements.map(droppingNullMembers))
        default: value
        }
    }
}
