import EMQXClient
import Foundation
import KubeClient

/// Hands out one EMQX API client per BrokerCluster, built from its `spec.api` and the Secrets it names.
///
/// Guarantees: a client is rebuilt (and the old one shut down) when the spec or a Secret's resourceVersion changes;
/// credentials are read with single GETs (the RBAC grants `get` on Secrets, never `list`), and never logged; a
/// missing Secret or key is reported as a ``BrokerConnectionError`` naming it, and no request reaches the broker.
/// The Secrets are read again at most once per ``secretRefreshInterval`` (and at once after a spec change or a 401
/// from EMQX), not on every reconcile: reconciles of running operations come once a second.
public actor BrokerConnector: BrokerConnecting {
    private struct Entry {
        /// The `spec.api` fields the client was built from.
        var specFingerprint: String
        /// The resourceVersions of the Secrets the client was built from.
        var secretVersions: String
        var client: EMQXClient
        var readAt: ContinuousClock.Instant
    }

    /// How long credentials read from the Secrets are used before they are read again.
    public static let secretRefreshInterval: Duration = .seconds(60)

    private let secrets: any SecretReading
    private var entries: [ObjectKey: Entry] = [:]

    public init(secrets: any SecretReading) {
        self.secrets = secrets
    }

    /// The client for `cluster`, built or reused.
    public func client(for cluster: BrokerCluster) async throws -> EMQXClient {
        let namespace = cluster.metadata.namespace ?? "default"
        let api = cluster.spec.api
        let specFingerprint = [api.url, api.credentialsSecret ?? "", api.caSecret ?? "", String(api.insecureSkipTLSVerify ?? false), String(api.timeoutSeconds ?? 10)].joined(separator: "|")
        if let entry = entries[cluster.key], entry.specFingerprint == specFingerprint, ContinuousClock.now - entry.readAt < Self.secretRefreshInterval {
            return entry.client
        }
        guard let secretName = api.credentialsSecret else {
            throw BrokerConnectionError(reason: .credentialsNotFound, message: "spec.api.credentialsSecret is not set: name a Secret with the keys `key` and `secret` (an EMQX API key)")
        }
        guard let secret = try await secrets.secret(named: secretName, in: namespace) else {
            throw BrokerConnectionError(reason: .credentialsNotFound, message: "Secret \(namespace)/\(secretName) (spec.api.credentialsSecret) does not exist")
        }
        guard let key = secret.string("key"), let value = secret.string("secret") else {
            throw BrokerConnectionError(reason: .credentialsNotFound, message: "Secret \(namespace)/\(secretName) must have the keys `key` and `secret`")
        }
        var caPEM: String?
        var caVersion = ""
        if let caName = api.caSecret {
            guard let ca = try await secrets.secret(named: caName, in: namespace), let pem = ca.string("ca.crt") else {
                throw BrokerConnectionError(reason: .caNotFound, message: "Secret \(namespace)/\(caName) (spec.api.caSecret) does not exist or has no key `ca.crt`")
            }
            caPEM = pem
            caVersion = ca.metadata.resourceVersion ?? ""
        }
        let secretVersions = [secret.metadata.resourceVersion ?? "", caVersion].joined(separator: "|")
        if var entry = entries[cluster.key], entry.specFingerprint == specFingerprint, entry.secretVersions == secretVersions {
            entry.readAt = .now
            entries[cluster.key] = entry
            return entry.client
        }
        let configuration = EMQXClientConfiguration(
            url: api.url, apiKey: key, apiSecret: value,
            timeout: .seconds(api.timeoutSeconds ?? 10),
            caCertificatePEM: caPEM, insecureSkipTLSVerify: api.insecureSkipTLSVerify ?? false
        )
        let client: EMQXClient
        do {
            client = try EMQXClient(configuration: configuration)
        } catch {
            throw BrokerConnectionError(reason: .invalidAPI, message: "spec.api cannot be used: \(error)")
        }
        if let old = entries[cluster.key] { try? await old.client.shutdown() }
        entries[cluster.key] = Entry(specFingerprint: specFingerprint, secretVersions: secretVersions, client: client, readAt: .now)
        return client
    }

    /// Reads the cluster's broker. An unusable configuration reads as ``BrokerReading/misconfigured(reason:message:)``,
    /// an unreachable broker as ``BrokerReading/unreachable(_:)``; a Secret that could not be read from the API server
    /// reads as unreachable too (retried at the next poll).
    public func read(_ cluster: BrokerCluster) async -> BrokerReading {
        do {
            let client = try await client(for: cluster)
            let reading = await BrokerObserver.read(client)
            if case .unauthorized = reading {
                // The key may have been rotated: read the Secrets again next time.
                entries[cluster.key]?.readAt = .now - Self.secretRefreshInterval
            }
            return reading
        } catch let error as BrokerConnectionError {
            return .misconfigured(reason: error.reason, message: error.message)
        } catch {
            return .unreachable("reading the BrokerCluster's Secrets failed: \(error)")
        }
    }

    public func actions(for cluster: BrokerCluster) async throws -> any EMQXActions {
        try await client(for: cluster)
    }

    /// Drops the client of a cluster that is gone.
    public func forget(_ key: ObjectKey) async {
        if let old = entries.removeValue(forKey: key) { try? await old.client.shutdown() }
    }

    public func shutdown() async {
        for entry in entries.values { try? await entry.client.shutdown() }
        entries.removeAll()
    }
}

/// The BrokerCluster's configuration cannot be used; nothing was sent to the broker.
public struct BrokerConnectionError: Error, Sendable, Hashable, CustomStringConvertible {
    public var reason: ConditionReason
    public var message: String
    public var description: String { message }
}
