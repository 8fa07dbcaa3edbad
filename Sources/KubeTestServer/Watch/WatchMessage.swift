import KubeClient

/// One event on a watch stream, before serialization: `{"type": ..., "object": ...}`.
struct WatchMessage: Sendable {
    var type: String
    var object: JSONValue

    var json: JSONValue { ["type": .string(type), "object": object] }
}
