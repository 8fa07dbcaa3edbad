import Foundation
import KubeClient
import Testing

@Suite("JSON parser and JSONValue decoder")
struct JSONParserTests {
    static func parse(_ text: String) throws -> JSONValue { try JSONParser.parse(Array(text.utf8)) }

    @Test("integers stay integers, everything else with a fraction or exponent is a double, as Kubernetes reads them")
    func numbers() throws {
        #expect(try Self.parse("0") == .int(0))
        #expect(try Self.parse("-42") == .int(-42))
        #expect(try Self.parse("9223372036854775807") == .int(.max))
        #expect(try Self.parse("9223372036854775808") == .double(9_223_372_036_854_775_808))
        #expect(try Self.parse("1.0") == .double(1))
        #expect(try Self.parse("2.5e3") == .double(2500))
        #expect(try Self.parse("1E-2") == .double(0.01))
        for bad in ["01", "-", "1.", ".5", "1e", "+1", "0x10", "1e999"] {
            #expect(throws: JSONParseError.self, "\(bad)") { try Self.parse(bad) }
        }
    }

    @Test("strings: escapes, surrogate pairs, lone surrogates as U+FFFD, raw control characters refused")
    func strings() throws {
        #expect(try Self.parse(#""a\"b\\c\/d\n\t\r\b\f""#) == .string("a\"b\\c/d\n\t\r\u{08}\u{0C}"))
        #expect(try Self.parse(#""\u00e9\u4e2d\ud83d\ude00""#) == .string("é中😀"))
        #expect(try Self.parse(#""x\ud83dy""#) == .string("x\u{FFFD}y"))
        #expect(try Self.parse(#""\ude00""#) == .string("\u{FFFD}"))
        #expect(try Self.parse("\"héllo\"") == .string("héllo"))
        #expect(throws: JSONParseError.self) { try Self.parse("\"a\nb\"") }
        #expect(throws: JSONParseError.self) { try Self.parse(#""\x""#) }
        #expect(throws: JSONParseError.self) { try Self.parse(#""\u12g4""#) }
        #expect(throws: JSONParseError.self) { try Self.parse(#""open"#) }
    }

    @Test("objects and arrays: nesting, whitespace, the last of repeated keys, and errors with the byte offset")
    func structure() throws {
        let value = try Self.parse(" {\"a\": [1, true, null, {\"b\": \"c\"}], \"a2\" : {} , \"e\":[]}\n")
        #expect(value == .object(["a": .array([.int(1), .bool(true), .null, .object(["b": "c"])]), "a2": .object([:]), "e": .array([])]))
        #expect(try Self.parse(#"{"k": 1, "k": 2}"#) == .object(["k": .int(2)]))
        let error = try #require(throws: JSONParseError.self) { try Self.parse(#"{"a": 1,}"#) }
        #expect(error.offset == 8)
        #expect(error.message == "invalid character '}' looking for beginning of object key string")
        for bad in ["", "   ", "{", "[1,", "[1 2]", "{\"a\" 1}", "{a:1}", "tru", "nul", "[1]]", "{} {}", "truex"] {
            #expect(throws: JSONParseError.self, "\(bad)") { try Self.parse(bad) }
        }
    }

    @Test("nesting deeper than the limit is an error, not a crash")
    func depth() throws {
        let limit = JSONParser.maximumDepth
        let deepest = String(repeating: "[", count: limit) + String(repeating: "]", count: limit)
        #expect(throws: Never.self) { try Self.parse(deepest) }
        let tooDeep = String(repeating: "[", count: limit + 1) + String(repeating: "]", count: limit + 1)
        #expect(throws: JSONParseError.self) { try Self.parse(tooDeep) }
        #expect(throws: JSONParseError.self) { try Self.parse(String(repeating: "{\"a\":", count: 100_000)) }
    }

    @Test("the text JSONValue writes parses back to the same value")
    func roundTrip() throws {
        let value: JSONValue = ["s": "quote \" backslash \\ tab \t é 😀 \u{01}", "i": -7, "d": 0.25, "b": false, "n": nil, "a": [1, [2, [3]]]]
        #expect(try JSONValue(parsing: value.jsonData()) == value)
    }

    struct Typed: Decodable, Equatable {
        var name: String
        var count: Int32
        var ratio: Double
        var flags: [Bool]
        var optional: String?
        var nested: [String: Int]
        var raw: JSONValue
        var bytes: Data?
    }

    @Test("typed values decode from a JSONValue as JSONDecoder decodes the same text")
    func typedDecoding() throws {
        let text = #"{"name": "n", "count": 2.0, "ratio": 3, "flags": [true], "optional": null, "nested": {"x": 1}, "raw": {"any": [1]}, "bytes": "aGk="}"#
        let value = try Self.parse(text)
        let direct = try value.decode(as: Typed.self)
        let viaFoundation = try JSONDecoder().decode(Typed.self, from: Data(text.utf8))
        #expect(direct == viaFoundation)
        #expect(direct.raw == ["any": [1]])
        #expect(direct.bytes == Data("hi".utf8))
    }

    @Test("decoding errors name the path and what was found")
    func decodingErrors() throws {
        let wrongType = try Self.parse(#"{"name": 1, "count": 1, "ratio": 1, "flags": [], "nested": {}, "raw": 1}"#)
        #expect {
            try wrongType.decode(as: Typed.self)
        } throws: { error in
            guard case DecodingError.typeMismatch(_, let context) = error else { return false }
            return context.codingPath.map(\.stringValue) == ["name"]
        }
        let missing = try Self.parse(#"{"name": "n"}"#)
        #expect {
            try missing.decode(as: Typed.self)
        } throws: { error in
            guard case DecodingError.keyNotFound(let key, _) = error else { return false }
            return key.stringValue == "count"
        }
        let overflow = try Self.parse(#"{"name": "n", "count": 3000000000, "ratio": 1, "flags": [], "nested": {}, "raw": 1}"#)
        #expect(throws: DecodingError.self) { try overflow.decode(as: Typed.self) }
        let inArray = try Self.parse(#"{"name": "n", "count": 1, "ratio": 1, "flags": [true, "no"], "nested": {}, "raw": 1}"#)
        #expect {
            try inArray.decode(as: Typed.self)
        } throws: { error in
            guard case DecodingError.typeMismatch(_, let context) = error else { return false }
            return context.codingPath.last?.intValue == 1
        }
    }
}
