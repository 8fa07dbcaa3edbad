/// Reads the protocol buffers wire format: varints, and length-delimited fields (strings, bytes, messages).
struct ProtobufReader {
    enum WireType: UInt64 {
        case varint = 0
        case fixed64 = 1
        case lengthDelimited = 2
        case fixed32 = 5
    }

    struct Field {
        var number: Int
        var wireType: WireType
        var varint: UInt64 = 0
        var bytes: ArraySlice<UInt8> = []
    }

    struct Malformed: Error {}

    private let bytes: ArraySlice<UInt8>
    private var index: Int

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        self.index = bytes.startIndex
    }

    var isAtEnd: Bool { index >= bytes.endIndex }

    mutating func readVarint() throws(Malformed) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard index < bytes.endIndex, shift < 64 else { throw Malformed() }
            let byte = bytes[index]
            index += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
    }

    /// The next field, or `nil` at the end of the message.
    mutating func next() throws(Malformed) -> Field? {
        guard !isAtEnd else { return nil }
        let key = try readVarint()
        guard let wireType = WireType(rawValue: key & 7), key >> 3 > 0 else { throw Malformed() }
        var field = Field(number: Int(key >> 3), wireType: wireType)
        switch wireType {
        case .varint:
            field.varint = try readVarint()
        case .lengthDelimited:
            let length = Int(try readVarint())
            guard length >= 0, index + length <= bytes.endIndex else { throw Malformed() }
            field.bytes = bytes[index..<(index + length)]
            index += length
        case .fixed64:
            guard index + 8 <= bytes.endIndex else { throw Malformed() }
            field.bytes = bytes[index..<(index + 8)]
            index += 8
        case .fixed32:
            guard index + 4 <= bytes.endIndex else { throw Malformed() }
            field.bytes = bytes[index..<(index + 4)]
            index += 4
        }
        return field
    }
}
