import Logging

/// A connection to one Kubernetes API server as one user.
///
/// Hands out ``ResourceClient``s per kind (typed or dynamic) and owns the HTTP clients behind them.
///
/// - Precondition: call ``shutdown()`` once done (or use ``withKubeClient(config:logger:_:)``, which always does):
///   a client released without it traps in debug builds, as AsyncHTTPClient requires.
///
/// ## Guarantees
/// - The bearer token is resolved per request: token files are re-read at least every minute and once more after a
///   401 (then the request is retried once).
/// - Watches run on their own connection pool, so long-running watches never starve ordinary requests.
/// - Ordinary requests fail after `requestTimeout` (default 30 s) without an answer; a watch is considered dead after
///   `watchIdleTimeout` (default 295 s) without a byte.
/// - Reads turned away for load (429, 503, 504) are retried per `readRetry` (default: 3 retries, honouring
///   `Retry-After`); writes never are.
public final class KubeClient: Sendable {
    public let config: KubeConfig
    let transport: HTTPTransport

    public init(
        config: KubeConfig,
        logger: Logger = Logger(label: "KubeClient"),
        requestTimeout: Duration = .seconds(30),
        watchIdleTimeout: Duration = .seconds(295),
        readRetry: ReadRetryPolicy = ReadRetryPolicy()
    ) {
        self.config = config
        self.transport = HTTPTransport(
            config: config,
            requestTimeout: requestTimeout,
            watchIdleTimeout: watchIdleTimeout,
            readRetry: readRetry,
            logger: logger
        )
    }

    /// Closes every connection. Call once, after the last request has finished.
    public func shutdown() async throws {
        try await transport.shutdown()
    }

    /// The namespace single-object calls use when neither the ``ResourceClient`` nor the object names one.
    public var defaultNamespace: String { config.namespace }

    /// Access to a typed kind. `namespace: nil` means all namespaces for list and watch, and
    /// ``defaultNamespace`` (or the object's own namespace) for single-object calls.
    public func resources<R: Resource>(_ type: R.Type, namespace: String? = nil) -> ResourceClient<R> {
        ResourceClient(client: self, resource: R.resource, namespace: namespace)
    }

    /// Access to any kind as JSON (``DynamicObject``), e.g. custom resources without a Swift type.
    public func dynamic(_ resource: ResourceDescription, namespace: String? = nil) -> ResourceClient<DynamicObject> {
        ResourceClient(client: self, resource: resource, namespace: namespace)
    }

    /// The raw JSON answer of a GET on any path (discovery, `/version`).
    public func get(path: String) async throws -> JSONValue {
        try JSONValue(parsing: try await transport.data(KubeRequest(method: .GET, path: path)))
    }
}

/// Runs `body` with a client for `config` and shuts the client down on every exit path.
public func withKubeClient<Result: Sendable>(
    config: KubeConfig,
    logger: Logger = Logger(label: "KubeClient"),
    _ body: (KubeClient) async throws -> Result
) async throws -> Result {
    let client = KubeClient(config: config, logger: logger)
    let result: Result
    do {
        result = try await body(client)
    } catch {
        try? await client.shutdown()
        throw error
    }
    try await client.shutdown()
    return result
}
