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
/// - Every metric family with a help text (``MetricNames/help`` and what ``addHelp(_:)`` added) gets its `# HELP`
///   line before its `# TYPE` line, which swift-metrics cannot give (`promtool check metrics` wants one per family).
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
    private let help = Mutex<[String: String]>(MetricNames.help)
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

    /// Adds `# HELP` texts by metric name (e.g. the gauges of the component using this server).
    public func addHelp(_ texts: [String: String]) {
        help.withLock { $0.merge(texts) { _, new in new } }
    }

    /// The registry's text after running the collectors, with the help texts: what a scrape answers.
    public func scrape() -> [UInt8] {
        for collect in collectors.withLock({ $0 }) { collect() }
        return Self.addingHelp(help.withLock { $0 }, to: registry.emitToBuffer())
    }

    /// `exposition` with `# HELP <name> <text>` before each `# TYPE <name> ...` line that has a text in `help` and
    /// no help line yet. Texts are escaped as the text format requires (backslash, newline).
    static func addingHelp(_ help: [String: String], to exposition: [UInt8]) -> [UInt8] {
        let text = String(decoding: exposition, as: UTF8.self)
        var described: Set<Substring> = []
        var output = ""
        output.reserveCapacity(text.utf8.count + help.count * 64)
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let words = line.split(separator: " ", maxSplits: 3)
            if words.count >= 3, words[0] == "#", words[1] == "HELP" { described.insert(words[2]) }
            if words.count >= 3, words[0] == "#", words[1] == "TYPE", !described.contains(words[2]), let description = help[String(words[2])] {
                let escaped = description.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
                output += "# HELP \(words[2]) \(escaped)\n"
                described.insert(words[2])
            }
            output += line
            output += "\n"
        }
        output.removeLast()
        return Array(output.utf8)
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
