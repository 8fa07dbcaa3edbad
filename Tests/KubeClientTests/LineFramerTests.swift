import Testing

@testable import KubeClient

@Suite("watch line framing")
struct LineFramerTests {
    func text(_ lines: [[UInt8]]) -> [String] { lines.map { String(decoding: $0, as: UTF8.self) } }

    @Test("an event split across chunks comes out once its newline arrives")
    func splitAcrossChunks() throws {
        var framer = LineFramer()
        #expect(try framer.append(Array(#"{"type":"ADD"#.utf8)).isEmpty)
        #expect(try framer.append(Array(#"ED","object":{}"#.utf8)).isEmpty)
        #expect(framer.bufferedByteCount > 0)
        #expect(text(try framer.append(Array("}\n".utf8))) == [#"{"type":"ADDED","object":{}}"#])
        #expect(framer.bufferedByteCount == 0)
    }

    @Test("several events in one chunk come out in order; a trailing partial line waits")
    func severalPerChunk() throws {
        var framer = LineFramer()
        let lines = try framer.append(Array("a\nbb\r\n\nccc\ndd".utf8))
        #expect(text(lines) == ["a", "bb", "ccc"])
        #expect(text(try framer.append(Array("d\n".utf8))) == ["ddd"])
    }

    @Test("every way of cutting the stream gives the same lines")
    func everySplitPoint() throws {
        let stream = Array("{\"n\":1}\n{\"n\":2}\n\n{\"n\":3}\n".utf8)
        for cut in 0...stream.count {
            for secondCut in cut...stream.count {
                var framer = LineFramer()
                var lines = try framer.append(stream[0..<cut])
                lines += try framer.append(stream[cut..<secondCut])
                lines += try framer.append(stream[secondCut...])
                #expect(text(lines) == [#"{"n":1}"#, #"{"n":2}"#, #"{"n":3}"#])
            }
        }
    }

    @Test("finish returns an unterminated last line, and nothing when the stream ended on a newline")
    func finish() throws {
        var framer = LineFramer()
        _ = try framer.append(Array("x\nlast".utf8))
        #expect(framer.finish().map { String(decoding: $0, as: UTF8.self) } == "last")
        #expect(framer.finish() == nil)
        _ = try framer.append(Array("y\n".utf8))
        #expect(framer.finish() == nil)
    }

    @Test("a line longer than the limit is refused, split or not")
    func tooLong() throws {
        var framer = LineFramer(maximumLineLength: 8)
        #expect(try framer.append(Array("12345678\n".utf8)).count == 1)
        #expect(throws: KubeClientError.watchLineTooLong(limit: 8)) { try framer.append(Array("123456789".utf8)) }
        var other = LineFramer(maximumLineLength: 8)
        _ = try other.append(Array("12345".utf8))
        #expect(throws: KubeClientError.watchLineTooLong(limit: 8)) { try other.append(Array("6789\n".utf8)) }
    }

    @Test("watch lines decode into typed events; ERROR carries the Status; BOOKMARK only the version")
    func decoding() throws {
        let coder = ObjectCoder(resource: Pod.resource)
        func decode(_ line: String) throws -> WatchEvent<Pod> {
            try WatchEvent<Pod>.decode(line: Array(line.utf8), coder: coder, path: "watch")
        }
        guard case .added(let pod) = try decode(#"{"type":"ADDED","object":{"kind":"Pod","metadata":{"name":"a","resourceVersion":"5"},"spec":{"nodeName":"n1"}}}"#) else {
            Issue.record("not ADDED")
            return
        }
        #expect(pod.metadata.name == "a")
        #expect(pod.spec?.nodeName == "n1")
        guard case .bookmark(let version) = try decode(#"{"type":"BOOKMARK","object":{"kind":"Pod","apiVersion":"v1","metadata":{"resourceVersion":"12"}}}"#) else {
            Issue.record("not BOOKMARK")
            return
        }
        #expect(version == "12")
        guard case .error(let status) = try decode(#"{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"too old resource version: 1 (5)","reason":"Expired","code":410}}"#) else {
            Issue.record("not ERROR")
            return
        }
        #expect(status.code == 410)
        #expect(status.typedReason == .gone)
        #expect(throws: KubeClientError.self) { try decode(#"{"type":"SOMETHING","object":{}}"#) }
        #expect(throws: KubeClientError.self) { try decode("not json") }
    }
}
