import Foundation

/// Everything ``KubeClient`` needs to reach one API server as one user: where (``server``), which namespace by
/// default, how to trust the server (``tls``) and who we are (``credentials`` and the client certificate in ``tls``).
///
/// Build it from a kubeconfig file (``load(path:context:)``), from the service account of a pod
/// (``inCluster()``), by the usual lookup order (``resolve(explicitPath:)``), or directly (tests, the test API
/// server).
///
/// ## Guarantees
/// - A config returned by `load`, `inCluster` or `resolve` holds certificate and key material that parses as PEM;
///   files named in the kubeconfig have been read and relative paths resolved against the kubeconfig's directory.
/// - Token files are not read once and baked in: ``Credentials/bearerTokenFile(_:)`` is re-read by the client at
///   least every minute, so rotated service-account tokens are picked up.
public struct KubeConfig: Sendable, Hashable {
    /// Base URL of the API server, e.g. `https://127.0.0.1:6443`, without a trailing slash.
    public var server: String
    /// The namespace used when a caller names none (`default` unless the context or service account says otherwise).
    public var namespace: String
    /// How the server is trusted and how we prove our identity at the TLS level.
    public var tls: TLSSettings
    /// How requests authenticate at the HTTP level.
    public var credentials: Credentials

    public init(server: String, namespace: String = "default", tls: TLSSettings = .init(), credentials: Credentials = .none) {
        self.server = server.hasSuffix("/") ? String(server.dropLast()) : server
        self.namespace = namespace
        self.tls = tls
        self.credentials = credentials
    }

    /// TLS material, all of it PEM text (not base64).
    public struct TLSSettings: Sendable, Hashable {
        /// CA certificates that sign the server's certificate. `nil` trusts the system roots.
        public var certificateAuthorityPEM: String?
        /// Client certificate chain for mutual TLS; set together with ``clientKeyPEM``.
        public var clientCertificatePEM: String?
        /// Private key of ``clientCertificatePEM``.
        public var clientKeyPEM: String?
        /// Accept any server certificate (`insecure-skip-tls-verify`). Never the default.
        public var insecureSkipVerify: Bool

        public init(
            certificateAuthorityPEM: String? = nil,
            clientCertificatePEM: String? = nil,
            clientKeyPEM: String? = nil,
            insecureSkipVerify: Bool = false
        ) {
            self.certificateAuthorityPEM = certificateAuthorityPEM
            self.clientCertificatePEM = clientCertificatePEM
            self.clientKeyPEM = clientKeyPEM
            self.insecureSkipVerify = insecureSkipVerify
        }
    }

    /// HTTP-level authentication.
    public enum Credentials: Sendable, Hashable {
        /// No `Authorization` header (client certificates may still authenticate).
        case none
        /// A fixed bearer token.
        case bearerToken(String)
        /// A bearer token read from a file, re-read at least every minute and after a 401 (service-account tokens
        /// rotate).
        case bearerTokenFile(String)
    }
}

extension KubeConfig {
    /// The default location of the user's kubeconfig: `$HOME/.kube/config`.
    public static func defaultKubeconfigPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let home = environment["HOME"] ?? NSHomeDirectory()
        return (home as NSString).appendingPathComponent(".kube/config")
    }

    /// Loads a kubeconfig file, or several separated by `:` (merged as kubectl does: per name the first file wins,
    /// `current-context` comes from the first file that sets it).
    ///
    /// - Parameters:
    ///   - path: the file(s); `nil` means `$KUBECONFIG`, else `~/.kube/config`.
    ///   - context: the context to use; `nil` means the file's `current-context`.
    /// - Throws: ``KubeConfigError`` naming the file and the missing or bad field.
    public static func load(path: String? = nil, context: String? = nil) throws -> KubeConfig {
        try load(path: path, context: context, environment: ProcessInfo.processInfo.environment)
    }

    /// ``load(path:context:)`` with the environment injected (for `$KUBECONFIG` and `$HOME`).
    public static func load(path: String?, context: String?, environment: [String: String]) throws -> KubeConfig {
        let paths: [String]
        if let path {
            paths = splitPathList(path)
        } else if let list = environment["KUBECONFIG"], !splitPathList(list).isEmpty {
            paths = splitPathList(list)
        } else {
            paths = [defaultKubeconfigPath(environment: environment)]
        }
        return try KubeconfigFile.load(paths: paths).config(context: context)
    }

    /// The in-cluster configuration of a pod's service account: `https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT`,
    /// the token, CA and namespace under `/var/run/secrets/kubernetes.io/serviceaccount`.
    ///
    /// - Throws: ``KubeConfigError/notInCluster(missingVariable:)`` outside a pod, or an error naming the service
    ///   account file that could not be read. A missing CA fails (closed) instead of trusting the system roots.
    public static func inCluster() throws -> KubeConfig {
        try inCluster(environment: ProcessInfo.processInfo.environment, serviceAccountDirectory: InClusterConfig.defaultServiceAccountDirectory)
    }

    /// ``inCluster()`` with the environment and the service-account directory injected (tests use a temp dir).
    public static func inCluster(environment: [String: String], serviceAccountDirectory: String) throws -> KubeConfig {
        try InClusterConfig.load(environment: environment, serviceAccountDirectory: serviceAccountDirectory)
    }

    /// The configuration by the usual lookup order: `explicitPath` (e.g. `--kubeconfig`), else in-cluster when
    /// `KUBERNETES_SERVICE_HOST`/`PORT` are set, else `$KUBECONFIG`, else `~/.kube/config`.
    public static func resolve(explicitPath: String?) throws -> KubeConfig {
        try resolve(
            explicitPath: explicitPath,
            environment: ProcessInfo.processInfo.environment,
            serviceAccountDirectory: InClusterConfig.defaultServiceAccountDirectory
        )
    }

    /// ``resolve(explicitPath:)`` with its inputs injected.
    public static func resolve(explicitPath: String?, environment: [String: String], serviceAccountDirectory: String) throws -> KubeConfig {
        if let explicitPath {
            return try load(path: explicitPath, context: nil, environment: environment)
        }
        if InClusterConfig.isInCluster(environment: environment) {
            return try inCluster(environment: environment, serviceAccountDirectory: serviceAccountDirectory)
        }
        if let list = environment["KUBECONFIG"], !splitPathList(list).isEmpty {
            return try load(path: list, context: nil, environment: environment)
        }
        let defaultPath = defaultKubeconfigPath(environment: environment)
        guard FileManager.default.fileExists(atPath: defaultPath) else {
            throw KubeConfigError.noConfiguration(searched: ["in-cluster service account", "$KUBECONFIG", defaultPath])
        }
        return try load(path: defaultPath, context: nil, environment: environment)
    }

    static func splitPathList(_ list: String) -> [String] {
        list.split(separator: ":").map(String.init).filter { !$0.isEmpty }
    }
}

extension KubeConfig.Credentials: CustomStringConvertible {
    /// Never the token itself (safe to log).
    public var description: String {
        switch self {
        case .none: "none"
        case .bearerToken: "bearer token (redacted)"
        case .bearerTokenFile(let path): "bearer token file \(path)"
        }
    }
}

extension KubeConfig: CustomStringConvertible {
    /// The server, namespace and kinds of material, never the token or the key (safe to log).
    public var description: String {
        var trust = tls.certificateAuthorityPEM == nil ? "system roots" : "custom CA"
        if tls.insecureSkipVerify { trust = "insecure (no verification)" }
        let client = tls.clientCertificatePEM == nil ? "" : ", client certificate"
        return "KubeConfig(server: \(server), namespace: \(namespace), trust: \(trust), credentials: \(credentials)\(client))"
    }
}
