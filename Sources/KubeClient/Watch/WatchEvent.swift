import Foundation

/// One event of a watch stream (`{"type": …, "object": …}`, `kubernetes.md` §3.4).
///
/// What a store does with each: ``added`` and ``modified`` replace the object under its key, ``deleted`` removes it
/// (the object is its last state), ``bookmark`` only moves the resume point, ``error`` reports a problem — a
/// `410`/`Expired` status means the resume point is too old and the consumer must list again.
public enum WatchEvent<Object: Sendable>: Sendable {
    case added(Object)
    case modified(Object)
    case deleted(Object)
    /// A resume point without an object change.
    case bookmark(resourceVersion: String)
    /// A `Status` from the server; the stream usually ends after it.
    case error(KubeStatus)
}

extension WatchEvent: Equatable where Object: Equatable {}

extension WatchEvent where Object: Decodable {
    /// Decodes one line of a watch stream.
    static func decode(line: [UInt8], coder: ObjectCoder, path: String) throws(KubeClientError) -> WatchEvent<Object> {
        let json: JSONValue
        do {
            json = try JSONValue(parsing: Data(line))
        } catch {
            throw .invalidWatchEvent(reason: "not JSON: \(String(decoding: line.prefix(200), as: UTF8.self))")
        }
        guard let type = json["type"]?.stringValue else {
            throw .invalidWatchEvent(reason: "no type in \(String(decoding: line.prefix(200), as: UTF8.self))")
        }
        let object = json["object"] ?? .null
        switch type {
        case "ADDED": return .added(try coder.decode(Object.self, from: object, path: path))
        case "MODIFIED": return .modified(try coder.decode(Object.self, from: object, path: path))
        case "DELETED": return .deleted(try coder.decode(Object.self, from: object, path: path))
        case "BOOKMARK":
            guard let version = object[path: ["metadata", "resourceVersion"]]?.stringValue else {
                throw .invalidWatchEvent(reason: "BOOKMARK without metadata.resourceVersion")
            }
            return .bookmark(resourceVersion: version)
        case "ERROR":
            return .error(try coder.decode(KubeStatus.self, from: object, path: path))
        default:
            throw .invalidWatchEvent(reason: "unknown type \(type)")
        }
    }
}
