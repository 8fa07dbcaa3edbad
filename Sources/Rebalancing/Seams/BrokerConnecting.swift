import EMQXClient
import KubeClient

/// What the operator needs of a BrokerCluster's EMQX: a reading (for ``BrokerStateSource``) and the actions (for the
/// reconcilers). ``BrokerConnector`` is the implementation over the EMQX REST API; tests may substitute their own.
public protocol BrokerConnecting: Sendable {
    /// Reads the cluster's EMQX. Never throws: a configuration that cannot be used, a missing Secret, an unreachable
    /// or unauthorized broker are readings of their own.
    func read(_ cluster: BrokerCluster) async -> BrokerReading
    /// The actions on the cluster's EMQX.
    /// - Throws: ``BrokerConnectionError`` when the configuration cannot be used; nothing is sent then.
    func actions(for cluster: BrokerCluster) async throws -> any EMQXActions
    /// Drops what is kept for a cluster that is gone.
    func forget(_ key: ObjectKey) async
}

/// Where the operator reads Secrets (credentials and CA of a BrokerCluster): single GETs, never lists.
public protocol SecretReading: Sendable {
    /// The Secret `name` in `namespace`; `nil` when it does not exist.
    func secret(named name: String, in namespace: String) async throws -> Secret?
}

extension KubeClient: SecretReading {
    public func secret(named name: String, in namespace: String) async throws -> Secret? {
        try await resources(Secret.self, namespace: namespace).getIfExists(name)
    }
}
