import Foundation
import KubeClient

/// What a handler answers, before it becomes HTTP: a JSON body, plain text, or a watch stream.
enum APIResponse: Sendable {
    case json(code: Int, body: JSONValue, headers: [(String, String)])
    case text(code: Int, String)
    case watch(WatchPlan)

    static func ok(_ body: JSONValue, code: Int = 200, warnings: [String] = []) -> APIResponse {
        .json(code: code, body: body, headers: warnings.map { ("Warning", "299 - \(JSONText.quoted($0))") })
    }

    static func failure(_ error: APIError) -> APIResponse {
        .json(code: error.code, body: error.status, headers: error.headers)
    }
}

/// An open watch to be streamed as JSON lines: where its events come from and how long it lasts.
struct WatchPlan: Sendable {
    var id: UUID
    var stream: AsyncStream<WatchMessage>
    var store: ObjectStore
    /// `timeoutSeconds`, or the random 30-60 minutes the real server picks.
    var timeout: Duration
    /// `nil` unless `allowWatchBookmarks=true`; a BOOKMARK also goes out just before the timeout ends the stream.
    var bookmarkInterval: Duration?
    /// Turns each event's object into what the client asked for (the object itself, or a one-row Table).
    var render: @Sendable (WatchMessage) -> WatchMessage
}
