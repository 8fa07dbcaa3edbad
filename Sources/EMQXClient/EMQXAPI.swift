/// The EMQX actions the operator takes: start and stop evacuations and rebalances. Reconcilers hold this (never a
/// concrete client), so they can only act on a broker, never read it: reading is the broker source's job.
///
/// Errors are ``EMQXError`` (or `CancellationError` when the calling task is cancelled).
public protocol EMQXActions: Sendable {
    /// `POST /api/v5/load_rebalance/{coordinator}/start`.
    func startRebalance(coordinator: String, _ request: RebalanceStartRequest) async throws
    /// `POST /api/v5/load_rebalance/{coordinator}/stop`.
    func stopRebalance(coordinator: String) async throws
    /// `POST /api/v5/load_rebalance/{node}/evacuation/start`.
    func startEvacuation(node: String, _ request: EvacuationStartRequest) async throws
    /// `POST /api/v5/load_rebalance/{node}/evacuation/stop`.
    func stopEvacuation(node: String) async throws
}

/// Every EMQX call the operator makes: the reads of the broker source and the ``EMQXActions``. ``EMQXClient`` is
/// the implementation; tests substitute others.
///
/// Errors are ``EMQXError`` (or `CancellationError` when the calling task is cancelled).
public protocol EMQXAPI: EMQXActions {
    /// `GET /api/v5/nodes`: every node the cluster knows, running or stopped.
    func nodes() async throws -> [EMQXNode]
    /// `GET /api/v5/load_rebalance/status`: the answering node's own status.
    func rebalanceStatus() async throws -> EMQXLocalStatus
    /// `GET /api/v5/load_rebalance/global_status`: every running evacuation and rebalance.
    func globalStatus() async throws -> EMQXGlobalStatus
    /// `GET /api/v5/load_rebalance/availability_check`: whether the answering node takes new clients.
    func availabilityCheck() async throws -> NodeAvailability
}
