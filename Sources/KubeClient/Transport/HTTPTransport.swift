import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOSSL
import Primitives

/// One request to the API server: a method, an absolute path, query parameters and an optional JSON body.
struct KubeRequest: Sendable {
    var method: HTTPMethod
    var path: String
    var query: QueryParameters = .init()
    var body: Data? = nil
    var contentType: String = "application/json"

    /// e.g. `GET /api/v1/namespaces/default/pods?limit=5`, for errors and logs.
    var summary: String { "\(method.rawValue) \(path)\(query.queryString)" }
}

/// Executes ``KubeRequest``s on AsyncHTTPClient: TLS from the config, a bearer token resolved per request (re-read and
/// retried once after a 401 when it comes from a file), JSON in and out, non-2xx answers turned into ``KubeAPIError``.
///
/// Two HTTP clients share the event loops: one for ordinary requests (a read timeout applies) and one for watches,
/// which hold a connection each for minutes and must not starve ordinary requests of HTTP/1.1 connections.
final class HTTPTransport: Sendable {
    let baseURL: String
    private let requestClient: HTTPClient
    private let watchClient: HTTPClient
    private let tokens: BearerTokenSource
    private let tlsProblem: String?
    private let requestTimeout: Duration
    private let readRetry: ReadRetryPolicy
    let logger: Logger

    /// The largest response body read into memory (lists of many objects).
    static let maximumBodySize = 256 * 1024 * 1024

    /// The `User-Agent` of every request: the program's name first, as client-go's default (`kubectl/v1.32…`), so
    /// that an API server's audit log, and a test recording what each process calls, tell the operator from other
    /// clients built on this one.
    static let userAgent = "\(ProcessInfo.processInfo.processName) (rebalance-operator-kubeclient)"

    init(config: KubeConfig, requestTimeout: Duration, watchIdleTimeout: Duration, readRetry: ReadRetryPolicy, logger: Logger) {
        self.baseURL = config.server
        self.tokens = BearerTokenSource(credentials: config.credentials)
        self.requestTimeout = requestTimeout
        self.readRetry = readRetry
        self.logger = logger
        var tlsProblem: String?
        let tls: TLSConfiguration
        do {
            tls = try Self.tlsConfiguration(config.tls)
        } catch {
            tlsProblem = String(describing: error)
            tls = TLSConfiguration.makeClientConfiguration()
        }
        self.tlsProblem = tlsProblem
        self.requestClient = Self.makeClient(tls: tls, readTimeout: requestTimeout, connectionsPerHost: 16)
        self.watchClient = Self.makeClient(tls: tls, readTimeout: watchIdleTimeout, connectionsPerHost: 256)
    }

    /// An HTTP client that never follows redirects, connects within 10 s and keeps idle connections for 60 s.
    private static func makeClient(tls: TLSConfiguration, readTimeout: Duration, connectionsPerHost: Int) -> HTTPClient {
        HTTPClient(
            eventLoopGroupProvider: .singleton,
            configuration: HTTPClient.Configuration(
                tlsConfiguration: tls,
                redirectConfiguration: .disallow,
                timeout: .init(connect: .seconds(10), read: .nanoseconds(readTimeout.inNanoseconds)),
                connectionPool: .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: connectionsPerHost)
            )
        )
    }

    static func tlsConfiguration(_ settings: KubeConfig.TLSSettings) throws -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        // Closing a connection waits this long for the server's close_notify; API servers streaming a watch do not
        // send one promptly, and the default (5 s) would hold every shutdown and dropped watch that long.
        tls.shutdownTimeout = .milliseconds(100)
        if let ca = settings.certificateAuthorityPEM {
            tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(ca.utf8)))
        }
        if let certificate = settings.clientCertificatePEM, let key = settings.clientKeyPEM {
            tls.certificateChain = try NIOSSLCertificate.fromPEMBytes(Array(certificate.utf8)).map { .certificate($0) }
            tls.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: Array(key.utf8), format: .pem))
        }
        if settings.insecureSkipVerify {
            tls.certificateVerification = .none
        }
        return tls
    }

    func shutdown() async throws {
        try await requestClient.shutdown()
        try await watchClient.shutdown()
    }

    /// Sends `request` and returns the body of a 2xx answer.
    /// - Throws: ``KubeAPIError`` for other answers, ``KubeClientError`` when no answer arrived.
    func data(_ request: KubeRequest) async throws -> Data {
        let response = try await execute(request, on: requestClient, retry: request.method == .GET ? readRetry : .none)
        do {
            let body = try await response.body.collect(upTo: Self.maximumBodySize)
            return Data(body.readableBytesView)
        } catch {
            throw Self.transportError(error, request)
        }
    }

    /// Sends `request` and returns the streaming response of a 2xx answer (for watches).
    func stream(_ request: KubeRequest) async throws -> HTTPClientResponse {
        try await execute(request, on: watchClient, retry: .none)
    }

    private func execute(_ request: KubeRequest, on client: HTTPClient, retry: ReadRetryPolicy) async throws -> HTTPClientResponse {
        if let tlsProblem { throw KubeClientError.invalidTLSMaterial(reason: tlsProblem) }
        var forceRefresh = false
        var retries = 0
        while true {
            let deadline = NIODeadline.now() + .nanoseconds(requestTimeout.inNanoseconds)
            let token = try tokens.token(forceRefresh: forceRefresh)
            var httpRequest = HTTPClientRequest(url: baseURL + request.path + request.query.queryString)
            httpRequest.method = request.method
            httpRequest.headers.add(name: "Accept", value: "application/json")
            httpRequest.headers.add(name: "User-Agent", value: Self.userAgent)
            if let token { httpRequest.headers.add(name: "Authorization", value: "Bearer \(token)") }
            if let body = request.body {
                httpRequest.headers.add(name: "Content-Type", value: request.contentType)
                httpRequest.body = .bytes(ByteBuffer(bytes: body))
            }
            let response: HTTPClientResponse
            do {
                response = try await client.execute(httpRequest, deadline: deadline, logger: logger)
            } catch {
                throw Self.transportError(error, request)
            }
            if (200..<300).contains(response.status.code) { return response }

            let body: Data
            do {
                body = Data(try await response.body.collect(upTo: 1024 * 1024).readableBytesView)
            } catch {
                body = Data()
            }
            if response.status.code == 401, tokens.isRefreshable, !forceRefresh {
                logger.debug("401 from the API server; re-reading the token file and retrying once", metadata: ["request": "\(request.summary)"])
                forceRefresh = true
                continue
            }
            let error = KubeAPIError(
                httpStatus: Int(response.status.code),
                body: body,
                retryAfterHeader: response.headers.first(name: "Retry-After"),
                request: request.summary
            )
            if ReadRetryPolicy.isRetryable(status: error.code), retries < retry.maximumRetries {
                let delay = retry.delay(retry: retries, retryAfter: error.retryAfter)
                logger.debug("retrying a read", metadata: ["request": "\(request.summary)", "status": "\(error.code)", "delay": "\(delay)"])
                retries += 1
                try await Task.sleep(for: delay)
                continue
            }
            throw error
        }
    }

    static func transportError(_ error: any Error, _ request: KubeRequest) -> any Error {
        if error is CancellationError || error is KubeClientError || error is KubeAPIError { return error }
        if let error = error as? HTTPClientError, error == .cancelled { return CancellationError() }
        return KubeClientError.transport(method: request.method.rawValue, path: request.path, reason: String(describing: error))
    }
}
