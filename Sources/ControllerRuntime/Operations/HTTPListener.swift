import Hummingbird
import Logging
import ServiceLifecycle
import Synchronization

/// One HTTP listener (hummingbird) for the operations endpoints: serves a router until cancelled or shut down
/// gracefully, and tells the port it bound, also when port 0 asked for a free one.
///
/// ## Guarantees
/// - Cancellation of the serving task and a graceful shutdown of the enclosing `ServiceGroup` both end in the
///   server's own graceful shutdown: it stops accepting, lets requests in flight finish, closes idle connections, and
///   logs nothing above `info` on the way.
///
/// Why: hummingbird's server treats task cancellation as a failure. A cancelled accept loop is logged at `error`
/// (`Waiting on child channel: CancellationError()`), and a graceful shutdown started at the same time then finds the
/// channel closed (`Server shutdown error: Already closed`). The manager stops its caches and servers by cancelling
/// them, so the server runs in a task of its own that cancellation does not reach, and cancellation is turned into
/// `triggerGracefulShutdown()`.
final class HTTPListener: Sendable {
    let host: String
    let requestedPort: Int
    private let boundPort = Mutex<Int?>(nil)
    private let running = AsyncFlag()
    private let logger: Logger

    init(host: String, port: Int, logger: Logger) {
        self.host = host
        self.requestedPort = port
        self.logger = logger
    }

    /// The bound port once listening; waits until then (`nil` if the task is cancelled first).
    var port: Int? {
        get async {
            await running.wait()
            return boundPort.withLock { $0 }
        }
    }

    /// Serves `router` until the task is cancelled or a graceful shutdown, then returns once the server has closed.
    /// Throws only when the server could not run (e.g. the address is in use).
    func serve(_ router: Router<BasicRequestContext>) async throws {
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(host, port: requestedPort), serverName: nil),
            onServerRunning: { [self] channel in
                boundPort.withLock { $0 = channel.localAddress?.port }
                running.set()
            },
            logger: logger
        )
        let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
        // Unstructured on purpose (see the type's doc): the caller's cancellation must not reach the accept loop.
        let serving = Task { try await group.run() }
        try await withTaskCancellationHandler {
            try await withGracefulShutdownHandler {
                try await serving.value
            } onGracefulShutdown: {
                Task { await group.triggerGracefulShutdown() }
            }
        } onCancel: {
            Task { await group.triggerGracefulShutdown() }
        }
    }
}
