/// How to reach one EMQX cluster's REST API.
///
/// Built once and handed to ``EMQXClient/init(configuration:)``. The secret never appears in `description`.
public struct EMQXClientConfiguration: Sendable, Hashable, CustomStringConvertible {
    /// Base URL of the API without `/api/v5`, e.g. `http://emqx-dashboard.emqx.svc:18083`.
    public var url: String
    /// The API key (the user half of HTTP Basic auth).
    public var apiKey: String
    /// The API key's secret (the password half of HTTP Basic auth).
    public var apiSecret: String
    /// Time one HTTP request may take, connect to last body byte. Default 10 s.
    public var timeout: Duration
    /// Retries of idempotent calls (GETs) after a retryable failure. Default: 3 attempts, 200 ms doubling to 2 s.
    public var retry: RetryPolicy
    /// PEM of the certificate authorities trusted for `https` URLs instead of the system roots; `nil`: system roots.
    public var caCertificatePEM: String?
    /// Skip TLS certificate verification. Default `false`: verification is on.
    public var insecureSkipTLSVerify: Bool

    public init(
        url: String,
        apiKey: String,
        apiSecret: String,
        timeout: Duration = .seconds(10),
        retry: RetryPolicy = RetryPolicy(),
        caCertificatePEM: String? = nil,
        insecureSkipTLSVerify: Bool = false
    ) {
        self.url = url
        self.apiKey = apiKey
        self.apiSecret = apiSecret
        self.timeout = timeout
        self.retry = retry
        self.caCertificatePEM = caCertificatePEM
        self.insecureSkipTLSVerify = insecureSkipTLSVerify
    }

    public var description: String {
        "EMQXClientConfiguration(url: \(url), apiKey: \(apiKey), apiSecret: <redacted>, timeout: \(timeout), "
            + "retry: \(retry), customCA: \(caCertificatePEM != nil), insecureSkipTLSVerify: \(insecureSkipTLSVerify))"
    }
}
