import Foundation
import Hummingbird
import KubeClient
import NIOCore

/// Turns hummingbird requests into ``APIRequest`` values and ``APIResponse`` values into HTTP, streaming watches as
/// chunked JSON lines (one event per line, flushed as it happens).
enum HTTPBridge {
    /// Request bodies larger than this are refused (the real server's limit is 3 MiB for most objects).
    static let maximumBodySize = 16 * 1024 * 1024

    /// `isConnected` says whether the client is still there (watches end when it is not).
    static func respond(to incoming: Request, handler: APIHandler, isConnected: @escaping @Sendable () -> Bool = { true }) async -> Response {
        let body: [UInt8]
        let request = incoming
        do {
            let buffer = try await request.body.collect(upTo: maximumBodySize)
            body = Array(buffer.readableBytesView)
        } catch {
            return response(for: .failure(APIError(code: 413, reason: "RequestEntityTooLarge", message: "the request body is too large")))
        }
        let apiRequest = APIRequest(
            method: request.method.rawValue,
            path: request.uri.path,
            rawQuery: request.uri.query,
            accept: request.headers[.accept] ?? "",
            contentType: request.headers[.contentType] ?? "",
            authorization: request.headers[.authorization],
            userAgent: request.headers[.userAgent] ?? "",
            body: body
        )
        return response(for: await handler.handle(apiRequest), isConnected: isConnected)
    }

    static func response(for apiResponse: APIResponse, isConnected: @escaping @Sendable () -> Bool = { true }) -> Response {
        switch apiResponse {
        case .json(let code, let body, let extraHeaders):
            var headers = HTTPFields()
            headers[.contentType] = "application/json"
            for (name, value) in extraHeaders {
                if let field = HTTPFields.Element.Name(name) { headers.append(HTTPFields.Element(name: field, value: value)) }
            }
            if code == 401 { headers[.wwwAuthenticate] = "Bearer realm=\"kube-test-server\"" }
            let text = JSONCoding.encode(body) + "\n"
            return Response(status: .init(code: code), headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
        case .text(let code, let text):
            return Response(status: .init(code: code), headers: [.contentType: "text/plain; charset=utf-8"],
                            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
        case .watch(let plan):
            return Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody { writer in
                try await stream(plan, to: &writer, isConnected: isConnected)
            })
        }
    }

    private static func stream(_ plan: WatchPlan, to writer: inout any ResponseBodyWriter, isConnected: @escaping @Sendable () -> Bool) async throws {
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    await runTimers(plan, isConnected: isConnected)
                }
                for await message in plan.stream {
                    let line = JSONCoding.encode(plan.render(message).json) + "\n"
                    try await writer.write(ByteBuffer(string: line))
                    if message.type == "ERROR" { break }
                }
                group.cancelAll()
            }
        } catch {
            await plan.store.stopWatch(plan.id)
            throw error
        }
        await plan.store.stopWatch(plan.id)
        try await writer.finish(nil)
    }

    /// Sends periodic bookmarks (when allowed), then a last bookmark and the end of the stream at the timeout.
    ///
    /// A client that goes away is noticed when a write to it fails (the next event or bookmark), or when the channel
    /// reports itself inactive (checked every second). A watch without bookmarks on a quiet kind may therefore
    /// outlive its client until its timeout or the server's shutdown.
    private static func runTimers(_ plan: WatchPlan, isConnected: @escaping @Sendable () -> Bool) async {
        let clock = ContinuousClock()
        let deadline = clock.now + plan.timeout
        var nextBookmark = plan.bookmarkInterval.map { clock.now + $0 }
        while true {
            let now = clock.now
            if now >= deadline { break }
            if !isConnected() {
                await plan.store.stopWatch(plan.id)
                return
            }
            if let due = nextBookmark, now >= due, let interval = plan.bookmarkInterval {
                await plan.store.sendBookmark(plan.id)
                nextBookmark = due + interval
            }
            var wake = min(deadline, now + .seconds(1))
            if let due = nextBookmark { wake = min(wake, due) }
            do { try await Task.sleep(until: wake, clock: clock) } catch { return }
        }
        if plan.bookmarkInterval != nil { await plan.store.sendBookmark(plan.id) }
        await plan.store.stopWatch(plan.id)
    }
}
