/// Parses JSON text (RFC 8259) into a ``JSONValue`` in one pass, without throwing on the way: a failure is one
/// ``JSONParseError`` naming the byte offset and what was expected.
///
/// Guarantees, as Go's `encoding/json` decodes into `interface{}` for Kubernetes (`sigs.k8s.io/json`):
/// - a number written without a fraction or exponent is an `int` when it fits in 64 bits, every other number a
///   `double`;
/// - a repeated object key keeps its last value;
/// - invalid UTF-8 and lone surrogates in strings become U+FFFD;
/// - nesting deeper than ``maximumDepth`` is an error, never a stack overflow.
public struct JSONParser {
    /// The deepest nesting of arrays and objects accepted.
    public static let maximumDepth = 512

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0

    private init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// The value `text` holds; only whitespace may follow it.
    public static func parse(_ text: some Sequence<UInt8>) throws(JSONParseError) -> JSONValue {
        let parsed: Result<JSONValue, JSONParseError> =
            text.withContiguousStorageIfAvailable { Self.parse(buffer: $0) } ?? Array(text).withUnsafeBufferPointer { Self.parse(buffer: $0) }
        return try parsed.get()
    }

    private static func parse(buffer: UnsafeBufferPointer<UInt8>) -> Result<JSONValue, JSONParseError> {
        var parser = JSONParser(bytes: buffer)
        return Result { () throws(JSONParseError) -> JSONValue in
            let value = try parser.value(depth: 0)
            parser.skipWhitespace()
            if parser.index < buffer.count { throw parser.failure("unexpected data after the top-level value") }
            return value
        }
    }

    // MARK: Values

    private mutating func value(depth: Int) throws(JSONParseError) -> JSONValue {
        skipWhitespace()
        guard let byte = peek() else { throw failure("unexpected end of JSON input") }
        switch byte {
        case UInt8(ascii: "{"): return try object(depth: depth + 1)
        case UInt8(ascii: "["): return try array(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        default: throw failure("invalid character \(Self.describe(byte)) looking for beginning of value")
        }
    }

    private mutating func object(depth: Int) throws(JSONParseError) -> JSONValue {
        guard depth <= Self.maximumDepth else { throw failure("nested deeper than \(Self.maximumDepth) levels") }
        index += 1
        var members: [String: JSONValue] = [:]
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard peek() == UInt8(ascii: "\"") else { throw failure(expected: "beginning of object key string") }
            let key = try string()
            skipWhitespace()
            guard peek() == UInt8(ascii: ":") else { throw failure(expected: "':' after object key") }
            index += 1
            members[key] = try value(depth: depth)
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"): index += 1; return .object(members)
            default: throw failure(expected: "',' or '}' after object key:value pair")
            }
        }
    }

    private mutating func array(depth: Int) throws(JSONParseError) -> JSONValue {
        guard depth <= Self.maximumDepth else { throw failure("nested deeper than \(Self.maximumDepth) levels") }
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if peek() == UInt8(ascii: "]") {
            index += 1
            return .array(elements)
        }
        while true {
            elements.append(try value(depth: depth))
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"): index += 1; return .array(elements)
            default: throw failure(expected: "',' or ']' after array element")
            }
        }
    }

    private mutating func literal(_ word: StaticString) throws(JSONParseError) {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw failure("unexpected end of JSON input") }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] {
            index += offset
            throw failure("invalid character \(Self.describe(bytes[index])) in literal \(word)")
        }
        index += count
    }

    // MARK: Numbers

    private mutating func number() throws(JSONParseError) -> JSONValue {
        let start = index
        var isInteger = true
        if peek() == UInt8(ascii: "-") { index += 1 }
        switch peek() ?? 0 {
        case UInt8(ascii: "0"): index += 1
        case UInt8(ascii: "1")...UInt8(ascii: "9"): skipDigits()
        default: throw failure(expected: "digit in numeric literal")
        }
        if peek() == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            guard peek().map(Self.isDigit) == true else { throw failure(expected: "digit after decimal point in numeric literal") }
            skipDigits()
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            isInteger = false
            index += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { index += 1 }
            guard peek().map(Self.isDigit) == true else { throw failure(expected: "digit in exponent of numeric literal") }
            skipDigits()
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        if isInteger, let value = Int64(text) { return .int(value) }
        guard let value = Double(text), value.isFinite else {
            index = start
            throw failure("number \(text) is out of range")
        }
        return .double(value)
    }

    private mutating func skipDigits() {
        while let byte = peek(), Self.isDigit(byte) { index += 1 }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    // MARK: Strings

    private mutating func string() throws(JSONParseError) -> String {
        index += 1
        let start = index
        // Fast path: no escapes.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                index += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw failure("invalid character \(Self.describe(byte)) in string literal") }
            index += 1
        }
        var scalars = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: scalars, as: UTF8.self)
            case UInt8(ascii: "\\"):
                index += 1
                try escape(into: &scalars)
            case ..<0x20:
                throw failure("invalid character \(Self.describe(byte)) in string literal")
            default:
                scalars.append(byte)
                index += 1
            }
        }
        throw failure("unexpected end of JSON input in string literal")
    }

    private mutating func escape(into output: inout [UInt8]) throws(JSONParseError) {
        guard let byte = peek() else { throw failure("unexpected end of JSON input in string escape") }
        index += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): output.append(byte)
        case UInt8(ascii: "b"): output.append(0x08)
        case UInt8(ascii: "f"): output.append(0x0C)
        case UInt8(ascii: "n"): output.append(0x0A)
        case UInt8(ascii: "r"): output.append(0x0D)
        case UInt8(ascii: "t"): output.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hexQuad()
            if (0xD800..<0xDC00).contains(scalar) {
                // A high surrogate pairs with an immediately following low one; alone it is U+FFFD, as in Go.
                if index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
                    let resume = index
                    index += 2
                    let low = try hexQuad()
                    if (0xDC00..<0xE000).contains(low) {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else {
                        index = resume
                        scalar = 0xFFFD
                    }
                } else {
                    scalar = 0xFFFD
                }
            } else if (0xDC00..<0xE000).contains(scalar) {
                scalar = 0xFFFD
            }
            UTF8.encode(Unicode.Scalar(scalar) ?? "\u{FFFD}") { output.append($0) }
        default:
            index -= 1
            throw failure("invalid character \(Self.describe(byte)) in string escape code")
        }
    }

    private mutating func hexQuad() throws(JSONParseError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = peek() else { throw failure("unexpected end of JSON input in \\u escape") }
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw failure("invalid character \(Self.describe(byte)) in \\u hexadecimal character escape")
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    // MARK: Helpers

    private func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipWhitespace() {
        while let byte = peek(), byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { index += 1 }
    }

    private func failure(_ message: String) -> JSONParseError { JSONParseError(offset: index, message: message) }

    private func failure(expected what: String) -> JSONParseError {
        guard let byte = peek() else { return failure("unexpected end of JSON input") }
        return failure("invalid character \(Self.describe(byte)) looking for \(what)")
    }

    private static func describe(_ byte: UInt8) -> String {
        switch byte {
        case 0x20..<0x7F where byte != UInt8(ascii: "'"): "'\(Character(Unicode.Scalar(byte)))'"
        default: "0x\(String(byte, radix: 16, uppercase: true))"
        }
    }
}

/// JSON text that does not parse: where (a byte offset) and why, in the words of Go's `encoding/json`.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Offset of the offending byte from the start of the text.
    public var offset: Int
    public var message: String

    public var description: String { "\(message) (at byte \(offset))" }
}
