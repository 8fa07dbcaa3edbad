import Hummingbird
import Logging
import Synchronization

/// One HTTP listener (hummingbird) for the operations endpoints: serves a router until cancelled or shut down
/// gracefully, and tells the port it bound, also when port 0 asked for a free one.
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

    /// Serves `router` until the task is cancelled or a graceful shutdown.
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
        try await app.run()
    }
}
