import Hummingbird
import Logging
import NIOCore
import Synchronization

/// A tiny HTTP server on 127.0.0.1 port 0 that answers every GET and POST with a scripted reply and records what
/// it received. Fidelity: none beyond what each test scripts (status, JSON body); it exists for the answers the
/// simulator does not give (a 404 for the whole API, a hanging answer, exact retry counts).
final class StubEMQXServer: Sendable {
    struct Received: Sendable {
        var method: String
        var path: String
        var authorization: String?
        var body: String
    }

    struct Reply: Sendable {
        var status: Int
        var body: String

        static func json(_ status: Int, _ body: String) -> Reply { Reply(status: status, body: body) }
        /// A reply that never comes until the server shuts down.
        static let hang = Reply(status: -1, body: "")
    }

    private let received = Mutex<[Received]>([])
    private let waiters = Mutex<(open: Bool, list: [CheckedContinuation<Void, Never>])>((false, []))
    private let reply: @Sendable (Received, Int) -> Reply

    /// `reply` gets each request and its 1-based index.
    private init(reply: @escaping @Sendable (Received, Int) -> Reply) {
        self.reply = reply
    }

    /// Requests received so far, in order.
    var requests: [Received] { received.withLock { $0 } }

    /// Runs `body` with the server's base URL; the server stops (hanging replies released) on every exit path.
    static func withServer<Result: Sendable>(
        reply: @escaping @Sendable (Received, Int) -> Reply,
        _ body: @Sendable (StubEMQXServer, String) async throws -> Result
    ) async throws -> Result {
        let server = StubEMQXServer(reply: reply)
        let router = Router()
        let handler: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, _ in
            try await server.respond(to: request)
        }
        router.on("**", method: .get, use: handler)
        router.on("**", method: .post, use: handler)
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in portContinuation.yield(channel.localAddress?.port ?? 0) },
            logger: Logger(label: "stub-emqx", factory: { _ in SwiftLogNoOpLogHandler() })
        )
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.run() }
            defer {
                server.releaseHanging()
                group.cancelAll()
            }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { throw CancellationError() }
            return try await body(server, "http://127.0.0.1:\(port)")
        }
    }

    private func respond(to request: Request) async throws -> Response {
        let bytes = try await request.body.collect(upTo: 1 << 20)
        let record = Received(
            method: request.method.rawValue,
            path: request.uri.path,
            authorization: request.headers[.authorization],
            body: String(buffer: bytes)
        )
        let index = received.withLock { list in
            list.append(record)
            return list.count
        }
        let answer = reply(record, index)
        if answer.status < 0 {
            await waitForShutdown()
            return Response(status: .serviceUnavailable)
        }
        return Response(
            status: HTTPResponse.Status(code: answer.status),
            headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: answer.body))
        )
    }

    private func waitForShutdown() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resumeNow = waiters.withLock { state in
                if state.open { return true }
                state.list.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }

    private func releaseHanging() {
        let list = waiters.withLock { state in
            state.open = true
            defer { state.list = [] }
            return state.list
        }
        for continuation in list { continuation.resume() }
    }
}
