import Foundation
import KubeClient
import Testing

@Suite("compact JSON text")
struct JSONValueTextTests {
    @Test("keys sorted, integral doubles without a fraction, non-finite numbers as null")
    func compact() {
        let value: JSONValue = ["b": [1, 2.5, 3.0, .double(.infinity)], "a": ["y": nil, "x": true], "c": "q\"<&>"]
        #expect(value.compactText() == #"{"a":{"x":true,"y":null},"b":[1,2.5,3,null],"c":"q\"<&>"}"#)
        #expect(value.compactText(escapingHTML: true) == #"{"a":{"x":true,"y":null},"b":[1,2.5,3,null],"c":"q\"\u003c\u0026\u003e"}"#)
    }

    @Test("the text parses back to the same value")
    func roundTrip() throws {
        let value: JSONValue = ["metadata": ["name": "emqx-0", "labels": ["app": "a/b"]], "n": 42, "list": [["k": "line\nbreak"]]]
        #expect(try JSONValue(parsing: Data(value.compactText().utf8)) == value)
    }
}
