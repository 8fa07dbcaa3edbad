import Foundation
import KubeClient

/// Turns a `application/vnd.kubernetes.protobuf` request body into the JSON object it encodes, for the kinds in
/// ``ProtobufSchema/kind(apiVersion:kind:)`` (what `kubectl create configmap|secret|namespace|service` and typed
/// evictions send). Other kinds get 415, as a server without protobuf support for them would answer.
enum ProtobufDecoding {
    static let magic: [UInt8] = [0x6B, 0x38, 0x73, 0x00]

    static func decode(_ body: [UInt8]) throws(APIError) -> JSONValue {
        guard body.count >= 4, Array(body.prefix(4)) == magic else {
            throw .badRequest("the body of the request could not be decoded: missing the Kubernetes protobuf prefix")
        }
        do {
            var envelope = ProtobufReader(body[4...])
            var apiVersion = "", kind = ""
            var raw: ArraySlice<UInt8> = []
            while let field = try envelope.next() {
                switch field.number {
                case 1:
                    var typeMeta = ProtobufReader(field.bytes)
                    while let member = try typeMeta.next() {
                        if member.number == 1 { apiVersion = String(decoding: member.bytes, as: UTF8.self) }
                        if member.number == 2 { kind = String(decoding: member.bytes, as: UTF8.self) }
                    }
                case 2: raw = field.bytes
                default: break
                }
            }
            guard let schema = ProtobufSchema.kind(apiVersion: apiVersion, kind: kind) else {
                throw APIError.unsupportedMediaType("application/vnd.kubernetes.protobuf", accepted: ["application/json", "application/yaml"])
            }
            var object = try value(raw, schema: schema)
            object["apiVersion"] = .string(apiVersion)
            object["kind"] = .string(kind)
            return object
        } catch let error as APIError {
            throw error
        } catch {
            throw .badRequest("the body of the request could not be decoded: malformed protobuf")
        }
    }

    private static func value(_ bytes: ArraySlice<UInt8>, schema: ProtobufSchema) throws -> JSONValue {
        guard case .message(let fields) = schema else { return try scalar(ProtobufReader.Field(number: 0, wireType: .lengthDelimited, bytes: bytes), schema: schema) }
        var object: [String: JSONValue] = [:]
        var reader = ProtobufReader(bytes)
        while let field = try reader.next() {
            guard let (name, fieldSchema) = fields[field.number] else { continue }
            switch fieldSchema {
            case .repeated(let element):
                var list = object[name]?.arrayValue ?? []
                list.append(try element.isMessage ? value(field.bytes, schema: element) : scalar(field, schema: element))
                object[name] = .array(list)
            case .map(let valueSchema):
                var entries = object[name]?.objectValue ?? [:]
                var entry = ProtobufReader(field.bytes)
                var key = ""
                var entryValue: JSONValue = valueSchema.emptyValue
                while let member = try entry.next() {
                    if member.number == 1 { key = String(decoding: member.bytes, as: UTF8.self) }
                    if member.number == 2 { entryValue = try scalar(member, schema: valueSchema) }
                }
                entries[key] = entryValue
                object[name] = .object(entries)
            case .message:
                object[name] = try value(field.bytes, schema: fieldSchema)
            default:
                object[name] = try scalar(field, schema: fieldSchema)
            }
        }
        return .object(omittingEmpty(object))
    }

    /// Fields that keep an empty value: JSON tags without `omitempty` (`LabelSelectorRequirement.key` and `operator`).
    static let keptWhenEmpty: Set<String> = ["key", "operator"]
    /// Integer fields with `omitempty` whose zero is written by the protobuf encoder (non-pointer `int32`/`int64`).
    static let omittedWhenZero: Set<String> = ["generation", "nodePort", "hostPort", "minReadySeconds"]
    /// Boolean fields with `omitempty` whose `false` is written by the protobuf encoder (non-pointer `bool`).
    static let omittedWhenFalse: Set<String> = ["paused", "stdin", "stdinOnce", "tty", "hostNetwork"]

    /// Drops what Go's JSON encoder would omit: protobuf writes every non-pointer string even when empty
    /// (`generateName: ""`, `type: ""`), where the JSON form has no such field, so a server must treat it as unset.
    static func omittingEmpty(_ object: [String: JSONValue]) -> [String: JSONValue] {
        object.filter { name, value in
            if value == .string(""), !keptWhenEmpty.contains(name) { return false }
            if value == .int(0), omittedWhenZero.contains(name) { return false }
            if value == .bool(false), omittedWhenFalse.contains(name) { return false }
            return true
        }
    }

    private static func scalar(_ field: ProtobufReader.Field, schema: ProtobufSchema) throws -> JSONValue {
        switch schema {
        case .string: return .string(String(decoding: field.bytes, as: UTF8.self))
        case .bytes: return .string(Data(field.bytes).base64EncodedString())
        case .int: return .int(Int64(bitPattern: field.varint))
        case .bool: return .bool(field.varint != 0)
        case .time:
            var reader = ProtobufReader(field.bytes)
            var seconds: Int64 = 0
            while let member = try reader.next() {
                if member.number == 1 { seconds = Int64(bitPattern: member.varint) }
            }
            // A zero `metav1.Time` is `null` in JSON (`creationTimestamp: null` in pod templates).
            if seconds == 0 { return .null }
            return .string(RFC3339.format(Date(timeIntervalSince1970: Double(seconds)), fractionalDigits: 0))
        case .intOrString:
            var reader = ProtobufReader(field.bytes)
            var type: UInt64 = 0, number: Int64 = 0, text = ""
            while let member = try reader.next() {
                switch member.number {
                case 1: type = member.varint
                case 2: number = Int64(Int32(truncatingIfNeeded: member.varint))
                case 3: text = String(decoding: member.bytes, as: UTF8.self)
                default: break
                }
            }
            return type == 1 ? .string(text) : .int(number)
        case .quantity:
            var reader = ProtobufReader(field.bytes)
            var text = ""
            while let member = try reader.next() {
                if member.number == 1 { text = String(decoding: member.bytes, as: UTF8.self) }
            }
            return .string(text)
        case .message, .repeated, .map:
            return try value(field.bytes, schema: schema)
        }
    }
}

extension ProtobufSchema {
    var isMessage: Bool {
        if case .message = self { return true }
        return false
    }

    /// What a map value without field 2 decodes to (proto3 default).
    var emptyValue: JSONValue {
        switch self {
        case .int: .int(0)
        case .bool: .bool(false)
        default: .string("")
        }
    }
}
