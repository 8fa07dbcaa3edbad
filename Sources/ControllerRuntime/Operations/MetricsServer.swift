import Foundation
import Hummingbird
import Logging
import Prometheus
import ServiceLifecycle
import Synchronization

/// Serves `/metrics` (the Prometheus text format of a registry) on its own address, as controller-runtime's metrics
/// server does (default `:8080`), apart from the probe server.
///
/// ## Guarantees
/// - Every scrape first runs the collectors added with ``addCollector(_:)`` (e.g. the work queues' unfinished-work
///   gauges), so gauges that depend on elapsed time are current when read.
/// - ``port`` answers the bound port once the server listens, also when the configuration asked for port 0.
/// - Other paths answer 404. The server stops on task cancellation or graceful shutdown.
public final class MetricsServer: Service {
    /// Where to listen.
    public struct Configuration: Sendable, Hashable {
        /// Default `0.0.0.0`; tests use `127.0.0.1`.
        public var host: String
        /// Default 8080 (controller-runtime's); 0 picks a free port (see ``MetricsServer/port``).
        public var port: Int

        public init(host: String = "0.0.0.0", port: Int = 8080) {
            self.host = host
            self.port = port
        }
    }

    public let configuration: Configuration
    /// The registry served.
    public let registry: PrometheusCollectorRegistry
    private let collectors = Mutex<[@Sendable () -> Void]>([])
    private let listener: HTTPListener

    public init(
        configuration: Configuration = Configuration(),
        registry: PrometheusCollectorRegistry,
        logger: Logger = Logger(label: "ControllerRuntime.MetricsServer")
    ) {
        self.configuration = configuration
        self.registry = registry
        self.listener = HTTPListener(host: configuration.host, port: configuration.port, logger: logger)
    }

    /// Adds a function run before every scrape, to bring gauges up to date.
    public func addCollector(_ collect: @escaping @Sendable () -> Void) {
        collectors.withLock { $0.append(collect) }
    }

    /// The port the server listens on, once it runs; waits until then (`nil` if the task is cancelled first).
    public var port: Int? {
        get async { await listener.port }
    }

    /// The registry's text after running the collectors: what a scrape answers.
    public func scrape() -> [UInt8] {
        for collect in collectors.withLock({ $0 }) { collect() }
        return registry.emitToBuffer()
    }

    /// Serves until the task is cancelled or a graceful shutdown.
    public func run() async throws {
        let router = Router()
        router.get("metrics") { [self] _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: scrape())))
        }
        try await listener.serve(router)
    }
}
