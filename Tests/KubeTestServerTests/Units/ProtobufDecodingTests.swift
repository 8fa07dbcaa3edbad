import KubeClient
import Testing

@testable import KubeTestServer

@Suite("protobuf request bodies and Event shapes")
struct ProtobufDecodingTests {
    /// A minimal protobuf writer for the test: length-delimited and varint fields.
    struct Writer {
        var bytes: [UInt8] = []

        mutating func varint(_ value: UInt64) {
            var rest = value
            while rest >= 0x80 {
                bytes.append(UInt8(rest & 0x7F) | 0x80)
                rest >>= 7
            }
            bytes.append(UInt8(rest))
        }

        mutating func field(_ number: Int, _ payload: [UInt8]) {
            varint(UInt64(number << 3 | 2))
            varint(UInt64(payload.count))
            bytes += payload
        }

        mutating func field(_ number: Int, _ text: String) { field(number, Array(text.utf8)) }

        mutating func field(_ number: Int, int value: UInt64) {
            varint(UInt64(number << 3))
            varint(value)
        }

        static func message(_ build: (inout Writer) -> Void) -> [UInt8] {
            var writer = Writer()
            build(&writer)
            return writer.bytes
        }
    }

    @Test("a protobuf Secret becomes its JSON form, bytes as base64")
    func secret() throws {
        let meta = Writer.message { meta in
            meta.field(1, "key")
            meta.field(3, "brokers")
            meta.field(11, Writer.message { $0.field(1, "app"); $0.field(2, "emqx") })
        }
        let secret = Writer.message { secret in
            secret.field(1, meta)
            secret.field(2, Writer.message { $0.field(1, "secret"); $0.field(2, Array("s3cret".utf8)) })
            secret.field(3, "Opaque")
        }
        let envelope = ProtobufDecoding.magic + Writer.message { unknown in
            unknown.field(1, Writer.message { $0.field(1, "v1"); $0.field(2, "Secret") })
            unknown.field(2, secret)
        }
        let object = try ProtobufDecoding.decode(envelope)
        #expect(object == [
            "apiVersion": "v1", "kind": "Secret", "type": "Opaque",
            "metadata": ["name": "key", "namespace": "brokers", "labels": ["app": "emqx"]],
            "data": ["secret": "czNjcmV0"],
        ])
    }

    @Test("an unsupported kind gets 415, a body without the prefix 400")
    func unsupported() {
        let envelope = ProtobufDecoding.magic + Writer.message { unknown in
            unknown.field(1, Writer.message { $0.field(1, "batch/v1"); $0.field(2, "Job") })
            unknown.field(2, [])
        }
        #expect(throws: APIError.self) { try ProtobufDecoding.decode(envelope) }
        do {
            _ = try ProtobufDecoding.decode(envelope)
        } catch {
            #expect(error.code == 415)
        }
        do {
            _ = try ProtobufDecoding.decode(Array("{}".utf8))
        } catch {
            #expect(error.code == 400)
        }
    }

    @Test("events.k8s.io/v1 and core/v1 Event shapes convert both ways")
    func eventShapes() {
        let eventsV1: JSONValue = ["note": "hello", "regarding": ["name": "p"], "reportingController": "c", "deprecatedCount": 2, "reason": "R"]
        let core = EventConversion.toCore(eventsV1)
        #expect(core == ["message": "hello", "involvedObject": ["name": "p"], "reportingComponent": "c", "count": 2, "reason": "R"])
        #expect(EventConversion.toEventsV1(core) == eventsV1)
    }
}
