/// Splits a byte stream into lines (`\n`, with an optional `\r` before it), however the stream is chunked: a line
/// split across chunks is held until its end arrives, several lines in one chunk come out together, and a trailing
/// partial line waits for more data (or ``finish()``).
///
/// Blank lines are dropped. A line longer than ``maximumLineLength`` throws ``KubeClientError/watchLineTooLong(limit:)``,
/// so a broken server cannot make the client buffer without bound.
public struct LineFramer: Sendable {
    public let maximumLineLength: Int
    private var partial: [UInt8] = []

    public init(maximumLineLength: Int = 64 * 1024 * 1024) {
        self.maximumLineLength = maximumLineLength
    }

    /// Bytes held for a line whose end has not arrived yet.
    public var bufferedByteCount: Int { partial.count }

    /// Feeds `bytes` and returns the lines they complete, in order, without their line ends.
    public mutating func append(_ bytes: some Collection<UInt8>) throws(KubeClientError) -> [[UInt8]] {
        let chunk = Array(bytes)
        var lines: [[UInt8]] = []
        var start = chunk.startIndex
        while let newline = chunk[start...].firstIndex(of: UInt8(ascii: "\n")) {
            var line = partial
            line.append(contentsOf: chunk[start..<newline])
            partial.removeAll(keepingCapacity: true)
            start = newline + 1
            if line.last == UInt8(ascii: "\r") { line.removeLast() }
            guard line.count <= maximumLineLength else { throw .watchLineTooLong(limit: maximumLineLength) }
            if !Self.isBlank(line) { lines.append(line) }
        }
        partial.append(contentsOf: chunk[start...])
        guard partial.count <= maximumLineLength else { throw .watchLineTooLong(limit: maximumLineLength) }
        return lines
    }

    /// Ends the stream: the last line if it was not terminated by a newline (and is not blank), else `nil`.
    public mutating func finish() -> [UInt8]? {
        defer { partial.removeAll() }
        var line = partial
        if line.last == UInt8(ascii: "\r") { line.removeLast() }
        return Self.isBlank(line) ? nil : line
    }

    private static func isBlank(_ line: [UInt8]) -> Bool {
        line.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") }
    }
}
