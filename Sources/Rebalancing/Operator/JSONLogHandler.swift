import Foundation
import KubeClient
import Logging

/// A swift-log handler that writes one JSON object per line (`ts`, `level`, `logger`, `msg`, then metadata), the
/// structured form log pipelines expect from an operator.
///
/// Lines are written whole with one `write` call, so concurrent loggers never interleave within a line. Keys of
/// the metadata are sorted, so that equal records print equally.
public struct JSONLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?

    private let label: String
    private let write: @Sendable (String) -> Void

    /// Writes to standard error.
    public init(label: String, level: Logger.Level = .info, metadataProvider: Logger.MetadataProvider? = nil) {
        self.init(label: label, level: level, metadataProvider: metadataProvider) { line in
            FileHandle.standardError.write(Data(line.utf8))
        }
    }

    /// Writes each line (ending in a newline) to `write`.
    public init(label: String, level: Logger.Level, metadataProvider: Logger.MetadataProvider? = nil, write: @escaping @Sendable (String) -> Void) {
        self.label = label
        self.logLevel = level
        self.metadataProvider = metadataProvider
        self.write = write
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }

        var fields: [(String, JSONValue)] = [
            ("ts", .string(RFC3339.format(Date(), fractionalDigits: 3))),
            ("level", .string(event.level.rawValue)),
            ("logger", .string(label)),
            ("msg", .string(event.message.description)),
        ]
        for key in merged.keys.sorted() where !["ts", "level", "logger", "msg"].contains(key) {
            if let value = merged[key] { fields.append((key, Self.json(value))) }
        }
        if event.level >= .warning { fields.append(("source", .string("\(event.file):\(event.line)"))) }
        write(Self.render(fields) + "\n")
    }

    static func json(_ value: Logger.Metadata.Value) -> JSONValue {
        switch value {
        case let .string(text): .string(text)
        case let .stringConvertible(convertible): .string(convertible.description)
        case let .array(items): .array(items.map(json))
        case let .dictionary(dictionary): .object(dictionary.mapValues(json))
        }
    }

    /// Renders the fields in the given order (JSONEncoder would reorder them).
    static func render(_ fields: [(String, JSONValue)]) -> String {
        let parts = fields.map { key, value -> String in
            JSONValue.string(key).compactText() + ":" + value.compactText()
        }
        return "{" + parts.joined(separator: ",") + "}"
    }
}
