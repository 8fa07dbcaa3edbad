import Foundation
import Yams

/// A kubeconfig (`kind: Config`), possibly merged from several files, before it is turned into a ``KubeConfig``.
///
/// Only the fields this client uses are read; unknown fields are ignored. Every entry remembers the file it came
/// from, so that relative paths resolve against that file's directory and errors name the file to fix.
struct KubeconfigFile: Sendable {
    struct Sourced<Value: Sendable>: Sendable {
        var path: String
        var value: Value
    }

    var paths: [String]
    var currentContext: String?
    var clusters: [String: Sourced<Cluster>] = [:]
    var users: [String: Sourced<User>] = [:]
    var contexts: [String: Sourced<Context>] = [:]

    /// Reads and merges `paths` in order: for each name the first file wins, and `current-context` comes from the
    /// first file that sets it. Files that do not exist are skipped unless none exists.
    static func load(paths: [String]) throws(KubeConfigError) -> KubeconfigFile {
        var merged = KubeconfigFile(paths: paths)
        var loadedAny = false
        for path in paths {
            if paths.count > 1, !FileManager.default.fileExists(atPath: path) { continue }
            let text = try readText(path)
            let document: Document
            do {
                document = try YAMLDecoder().decode(Document.self, from: text)
            } catch {
                throw .invalidKubeconfig(path: path, reason: describe(error))
            }
            loadedAny = true
            merged.merge(document, from: path)
        }
        guard loadedAny else {
            throw .fileUnreadable(path: paths.joined(separator: ":"), reason: "no such file")
        }
        return merged
    }

    /// Merges one parsed file; entries already present win.
    mutating func merge(_ document: Document, from path: String) {
        if currentContext == nil, let current = document.currentContext, !current.isEmpty { currentContext = current }
        for entry in document.clusters ?? [] where clusters[entry.name] == nil {
            clusters[entry.name] = Sourced(path: path, value: entry.cluster ?? Cluster())
        }
        for entry in document.users ?? [] where users[entry.name] == nil {
            users[entry.name] = Sourced(path: path, value: entry.user ?? User())
        }
        for entry in document.contexts ?? [] where contexts[entry.name] == nil {
            contexts[entry.name] = Sourced(path: path, value: entry.context ?? Context())
        }
    }

    /// The configuration of `context` (or of `current-context`).
    func config(context requested: String?) throws(KubeConfigError) -> KubeConfig {
        let firstPath = paths.first ?? "kubeconfig"
        guard let contextName = requested ?? currentContext else { throw .noCurrentContext(path: firstPath) }
        guard let context = contexts[contextName] else {
            throw .entryNotFound(kind: "context", name: contextName, path: firstPath)
        }
        guard let clusterName = context.value.cluster, !clusterName.isEmpty else {
            throw .missingField(field: "contexts[name=\(contextName)].context.cluster", path: context.path)
        }
        guard let cluster = clusters[clusterName] else {
            throw .entryNotFound(kind: "cluster", name: clusterName, path: context.path)
        }
        let clusterField = "clusters[name=\(clusterName)].cluster"
        guard let server = cluster.value.server, !server.isEmpty else {
            throw .missingField(field: "\(clusterField).server", path: cluster.path)
        }
        guard server.hasPrefix("https://") || server.hasPrefix("http://") else {
            throw .invalidField(field: "\(clusterField).server", path: cluster.path, reason: "\"\(server)\" is not an http(s) URL")
        }

        var tls = KubeConfig.TLSSettings(insecureSkipVerify: cluster.value.insecureSkipTLSVerify ?? false)
        tls.certificateAuthorityPEM = try Self.pem(
            data: cluster.value.certificateAuthorityData, dataField: "\(clusterField).certificate-authority-data",
            file: cluster.value.certificateAuthority, fileField: "\(clusterField).certificate-authority",
            kind: .certificate, source: cluster.path
        )

        var credentials = KubeConfig.Credentials.none
        if let userName = context.value.user, !userName.isEmpty {
            guard let user = users[userName] else {
                throw .entryNotFound(kind: "user", name: userName, path: context.path)
            }
            let userField = "users[name=\(userName)].user"
            tls.clientCertificatePEM = try Self.pem(
                data: user.value.clientCertificateData, dataField: "\(userField).client-certificate-data",
                file: user.value.clientCertificate, fileField: "\(userField).client-certificate",
                kind: .certificate, source: user.path
            )
            tls.clientKeyPEM = try Self.pem(
                data: user.value.clientKeyData, dataField: "\(userField).client-key-data",
                file: user.value.clientKey, fileField: "\(userField).client-key",
                kind: .privateKey, source: user.path
            )
            if tls.clientCertificatePEM != nil, tls.clientKeyPEM == nil {
                throw .missingField(field: "\(userField).client-key (or client-key-data)", path: user.path)
            }
            if tls.clientKeyPEM != nil, tls.clientCertificatePEM == nil {
                throw .missingField(field: "\(userField).client-certificate (or client-certificate-data)", path: user.path)
            }
            if let token = user.value.token, !token.isEmpty {
                credentials = .bearerToken(token)
            } else if let tokenFile = user.value.tokenFile, !tokenFile.isEmpty {
                let resolved = Self.resolve(tokenFile, relativeTo: user.path)
                _ = try Self.readText(resolved)
                credentials = .bearerTokenFile(resolved)
            }
            if case .none = credentials, tls.clientCertificatePEM == nil {
                if user.value.exec != nil {
                    throw .unsupportedAuthentication(user: userName, method: "an exec plugin", path: user.path)
                }
                if user.value.authProvider != nil {
                    throw .unsupportedAuthentication(user: userName, method: "an auth-provider", path: user.path)
                }
                if user.value.username != nil || user.value.password != nil {
                    throw .unsupportedAuthentication(user: userName, method: "basic auth", path: user.path)
                }
            }
        }

        let namespace = context.value.namespace.flatMap { $0.isEmpty ? nil : $0 } ?? "default"
        return KubeConfig(server: server, namespace: namespace, tls: tls, credentials: credentials)
    }

    // MARK: - Material

    /// The PEM text from an inline base64 `-data` field or a file (the inline form wins, as in kubectl), checked to
    /// parse; `nil` when neither is set.
    private static func pem(
        data: String?, dataField: String, file: String?, fileField: String, kind: PEMKind, source: String
    ) throws(KubeConfigError) -> String? {
        if let data, !data.isEmpty {
            let compact = data.filter { !$0.isWhitespace }
            guard let decoded = Data(base64Encoded: compact), let text = String(data: decoded, encoding: .utf8) else {
                throw .invalidField(field: dataField, path: source, reason: "not base64-encoded PEM")
            }
            if let problem = PEMValidation.problem(with: text, kind: kind) {
                throw .invalidField(field: dataField, path: source, reason: problem)
            }
            return text
        }
        if let file, !file.isEmpty {
            let resolved = resolve(file, relativeTo: source)
            let text = try readText(resolved)
            if let problem = PEMValidation.problem(with: text, kind: kind) {
                throw .invalidField(field: fileField, path: source, reason: "\(resolved): \(problem)")
            }
            return text
        }
        return nil
    }

    /// `path` as is when absolute, else relative to the directory of the kubeconfig `source`.
    static func resolve(_ path: String, relativeTo source: String) -> String {
        if path.hasPrefix("/") { return path }
        if path.hasPrefix("~/") {
            return (NSHomeDirectory() as NSString).appendingPathComponent(String(path.dropFirst(2)))
        }
        let directory = (source as NSString).deletingLastPathComponent
        return ((directory.isEmpty ? "." : directory) as NSString).appendingPathComponent(path)
    }

    static func readText(_ path: String) throws(KubeConfigError) -> String {
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            guard let text = String(data: data, encoding: .utf8) else {
                throw KubeConfigError.fileUnreadable(path: path, reason: "not UTF-8 text")
            }
            return text
        } catch let error as KubeConfigError {
            throw error
        } catch {
            throw .fileUnreadable(path: path, reason: describe(error))
        }
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? CocoaError, let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError {
            return underlying.localizedDescription
        }
        return String(describing: error)
    }
}

// MARK: - The YAML shape (client-go `clientcmd/api/v1`)

extension KubeconfigFile {
    struct Document: Decodable {
        var clusters: [NamedCluster]?
        var users: [NamedUser]?
        var contexts: [NamedContext]?
        var currentContext: String?

        enum CodingKeys: String, CodingKey {
            case clusters, users, contexts
            case currentContext = "current-context"
        }
    }

    struct NamedCluster: Decodable {
        var name: String
        var cluster: Cluster?
    }

    struct NamedUser: Decodable {
        var name: String
        var user: User?
    }

    struct NamedContext: Decodable {
        var name: String
        var context: Context?
    }

    struct Cluster: Decodable, Sendable {
        var server: String?
        var certificateAuthority: String?
        var certificateAuthorityData: String?
        var insecureSkipTLSVerify: Bool?

        enum CodingKeys: String, CodingKey {
            case server
            case certificateAuthority = "certificate-authority"
            case certificateAuthorityData = "certificate-authority-data"
            case insecureSkipTLSVerify = "insecure-skip-tls-verify"
        }
    }

    struct User: Decodable, Sendable {
        var token: String?
        var tokenFile: String?
        var clientCertificate: String?
        var clientCertificateData: String?
        var clientKey: String?
        var clientKeyData: String?
        var username: String?
        var password: String?
        var exec: Present?
        var authProvider: Present?

        enum CodingKeys: String, CodingKey {
            case token, tokenFile, username, password, exec
            case clientCertificate = "client-certificate"
            case clientCertificateData = "client-certificate-data"
            case clientKey = "client-key"
            case clientKeyData = "client-key-data"
            case authProvider = "auth-provider"
        }
    }

    struct Context: Decodable, Sendable {
        var cluster: String?
        var user: String?
        var namespace: String?
    }

    /// A field whose presence matters but whose content this client does not read.
    struct Present: Decodable, Sendable {
        init(from decoder: any Decoder) throws {}
    }
}
