import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import Synchronization

/// Serves `/healthz` (also as `/livez`) and `/readyz` over HTTP (hummingbird), as controller-runtime's probe server
/// does (default `:8081`). Metrics have their own address: ``MetricsServer``.
///
/// - `/healthz`: liveness; the liveness checks (default ``HealthCheck/ping``).
/// - `/readyz`: readiness; ready when every readiness check passes (typically: every cache synced). See
///   ``HealthReport`` for the exact text, `?verbose` and `?exclude=`.
///
/// Checks can be added while running (``addReadinessCheck(_:)``), so a manager can register caches as it builds them.
public final class ProbeServer: Service {
    public struct Configuration: Sendable {
        /// Default `0.0.0.0`; tests use `127.0.0.1`.
        public var host: String
        /// Default 8081; 0 picks a free port (see ``ProbeServer/port``).
        public var port: Int

        public init(host: String = "0.0.0.0", port: Int = 8081) {
            self.host = host
            self.port = port
        }
    }

    private struct Checks {
        var liveness: [HealthCheck]
        var readiness: [HealthCheck]
    }

    public let configuration: Configuration
    private let checks: Mutex<Checks>
    private let listener: HTTPListener

    public init(
        configuration: Configuration = Configuration(),
        livenessChecks: [HealthCheck] = [.ping],
        readinessChecks: [HealthCheck] = [],
        logger: Logger = Logger(label: "ControllerRuntime.ProbeServer")
    ) {
        self.configuration = configuration
        self.checks = Mutex(Checks(liveness: livenessChecks, readiness: readinessChecks))
        self.listener = HTTPListener(host: configuration.host, port: configuration.port, logger: logger)
    }

    public func addReadinessCheck(_ check: HealthCheck) {
        checks.withLock { $0.readiness.append(check) }
    }

    public func addLivenessCheck(_ check: HealthCheck) {
        checks.withLock { $0.liveness.append(check) }
    }

    /// The port the server listens on, once it runs; waits until then (`nil` if the task is cancelled first).
    public var port: Int? {
        get async { await listener.port }
    }

    /// Serves until the task is cancelled or a graceful shutdown.
    public func run() async throws {
        let router = Router()
        router.get("healthz") { [self] request, _ in
            await probe("healthz", checks: checks.withLock { $0.liveness }, query: request.uri.query)
        }
        router.get("livez") { [self] request, _ in
            await probe("livez", checks: checks.withLock { $0.liveness }, query: request.uri.query)
        }
        router.get("readyz") { [self] request, _ in
            await probe("readyz", checks: checks.withLock { $0.readiness }, query: request.uri.query)
        }
        try await listener.serve(router)
    }

    private func probe(_ name: String, checks: [HealthCheck], query: String?) async -> Response {
        let options = HealthReport.options(fromQuery: query)
        let results = await HealthReport.evaluate(checks, excluding: options.excluded)
        let (status, body) = HealthReport.render(probe: name, results: results, verbose: options.verbose)
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        return Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
