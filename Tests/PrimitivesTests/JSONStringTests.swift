import Foundation
import Primitives
import Testing

@Suite("JSON string escaping")
struct JSONStringTests {
    @Test("escapes quotes, backslashes and control characters as Go's encoder does", arguments: [
        ("plain", #""plain""#),
        (#"say "hi""#, #""say \"hi\"""#),
        (#"C:\dir"#, #""C:\\dir""#),
        ("a\nb\rc\td", #""a\nb\rc\td""#),
        ("\u{0}\u{1}\u{8}\u{c}\u{1f}", #""\u0000\u0001\u0008\u000c\u001f""#),
        ("a/b", #""a/b""#),
        ("<a&b>", #""<a&b>""#),
        ("ünïcödé ✓ 🚀", "\"ünïcödé ✓ 🚀\""),
        ("", #""""#),
    ])
    func quoted(text: String, expected: String) {
        #expect(JSONString.quoted(text) == expected)
    }

    @Test("with escapingHTML, <, > and & become \\u003c, \\u003e, \\u0026 (the API server's bodies)")
    func html() {
        #expect(JSONString.quoted("<a&b>", escapingHTML: true) == #""\u003ca\u0026b\u003e""#)
    }

    @Test("the output decodes back to the input", arguments: ["x\"y\\z\n\u{7}", "<tag>&amp;", "line1\r\nline2\t🚀"])
    func roundTrip(text: String) throws {
        for escapingHTML in [false, true] {
            let decoded = try JSONDecoder().decode(String.self, from: Data(JSONString.quoted(text, escapingHTML: escapingHTML).utf8))
            #expect(decoded == text)
        }
    }
}
