import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOSSL
import Primitives

/// Typed client for the parts of the EMQX v5 REST API the operator uses: `/nodes` and `/load_rebalance/...`.
///
/// ## Guarantees
/// - Every request carries HTTP Basic auth from the API key and secret, and must complete within
///   ``EMQXClientConfiguration/timeout``; redirects are not followed (credentials stay with the configured host).
/// - GETs that fail with a retryable ``EMQXError`` are retried with jittered exponential backoff
///   (``EMQXClientConfiguration/retry``); starts and stops are sent exactly once, and the caller decides (EMQX
///   answers `already_started` or `not_started` to a repeated call, which makes retrying them at a higher level safe).
/// - TLS verification is on unless ``EMQXClientConfiguration/insecureSkipTLSVerify`` is set; a custom CA replaces
///   the system roots.
/// - Every failure is an ``EMQXError`` with EMQX's code and message kept; cancellation is a `CancellationError`.
///
/// Call ``shutdown()`` when done, or use ``withEMQXClient(configuration:_:)``.
public final class EMQXClient: EMQXAPI, Sendable {
    public let configuration: EMQXClientConfiguration
    let http: HTTPClient
    let baseURL: String
    let authorization: String
    let logger: Logger
    let sleep: @Sendable (Duration) async throws -> Void

    /// Creates a client; it owns an HTTP connection pool until ``shutdown()``.
    ///
    /// - Parameters:
    ///   - logger: request failures and retries are logged at debug level (never credentials).
    ///   - sleep: how retry pauses wait; defaults to real time (`Task.sleep`).
    /// - Throws: ``EMQXError`` of kind ``EMQXError/Kind/invalidConfiguration`` when the URL has no http(s) scheme or
    ///   the CA PEM holds no certificate.
    public init(
        configuration: EMQXClientConfiguration,
        logger: Logger = Logger(label: "emqx-client", factory: { _ in SwiftLogNoOpLogHandler() }),
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) throws {
        var url = configuration.url
        while url.hasSuffix("/") { url.removeLast() }
        if url.hasSuffix("/api/v5") { url.removeLast("/api/v5".count) }
        guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
            throw EMQXError(kind: .invalidConfiguration, message: "the EMQX API URL must start with http:// or https://: \(configuration.url)")
        }
        var tls = TLSConfiguration.makeClientConfiguration()
        if configuration.insecureSkipTLSVerify {
            tls.certificateVerification = .none
        }
        if let pem = configuration.caCertificatePEM {
            let certificates: [NIOSSLCertificate]
            do {
                certificates = try NIOSSLCertificate.fromPEMBytes(Array(pem.utf8))
            } catch {
                throw EMQXError(kind: .invalidConfiguration, message: "the EMQX CA is not valid PEM: \(error)")
            }
            guard !certificates.isEmpty else {
                throw EMQXError(kind: .invalidConfiguration, message: "the EMQX CA PEM holds no certificate")
            }
            tls.trustRoots = .certificates(certificates)
        }
        var httpConfiguration = HTTPClient.Configuration(tlsConfiguration: tls, redirectConfiguration: .disallow)
        httpConfiguration.timeout = HTTPClient.Configuration.Timeout(
            connect: .nanoseconds(configuration.timeout.inNanoseconds),
            read: .nanoseconds(configuration.timeout.inNanoseconds)
        )
        self.configuration = configuration
        self.baseURL = url
        let credentials = Data("\(configuration.apiKey):\(configuration.apiSecret)".utf8).base64EncodedString()
        self.authorization = "Basic \(credentials)"
        self.logger = logger
        self.sleep = sleep
        self.http = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: httpConfiguration)
    }

    /// Closes every connection. Call exactly once; the client is unusable afterwards.
    public func shutdown() async throws {
        try await http.shutdown()
    }
}

/// Runs `body` with a client that is shut down on every exit path.
public func withEMQXClient<Result: Sendable>(
    configuration: EMQXClientConfiguration,
    logger: Logger = Logger(label: "emqx-client", factory: { _ in SwiftLogNoOpLogHandler() }),
    _ body: (EMQXClient) async throws -> Result
) async throws -> Result {
    let client = try EMQXClient(configuration: configuration, logger: logger)
    do {
        let result = try await body(client)
        try await client.shutdown()
        return result
    } catch {
        try? await client.shutdown()
        throw error
    }
}
