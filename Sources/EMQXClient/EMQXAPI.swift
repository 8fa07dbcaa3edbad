/// The EMQX calls the operator makes; reconcilers take this, not the concrete ``EMQXClient``, so that tests can
/// substitute a fake.
///
/// Errors are ``EMQXError`` (or `CancellationError` when the calling task is cancelled).
public protocol EMQXAPI: Sendable {
    /// `GET /api/v5/nodes`: every node the cluster knows, running or stopped.
    func nodes() async throws -> [EMQXNode]
    /// `GET /api/v5/load_rebalance/status`: the answering node's own status.
    func rebalanceStatus() async throws -> EMQXLocalStatus
    /// `GET /api/v5/load_rebalance/global_status`: every running evacuation and rebalance.
    func globalStatus() async throws -> EMQXGlobalStatus
    /// `GET /api/v5/load_rebalance/availability_check`: whether the answering node takes new clients.
    func availabilityCheck() async throws -> NodeAvailability
    /// `POST /api/v5/load_rebalance/{coordinator}/start`.
    func startRebalance(coordinator: String, _ request: RebalanceStartRequest) async throws
    /// `POST /api/v5/load_rebalance/{coordinator}/stop`.
    func stopRebalance(coordinator: String) async throws
    /// `POST /api/v5/load_rebalance/{node}/evacuation/start`.
    func startEvacuation(node: String, _ request: EvacuationStartRequest) async throws
    /// `POST /api/v5/load_rebalance/{node}/evacuation/stop`.
    func stopEvacuation(node: String) async throws
}
