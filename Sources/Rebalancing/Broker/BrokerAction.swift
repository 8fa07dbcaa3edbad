import EMQXClient

/// One thing the operator asks of EMQX. Reconcilers carry these out through ``BrokerActionPerformer`` and hand the
/// outcome back to their decider when it was not a success.
public enum BrokerAction: Sendable, Hashable {
    case startEvacuation(EvacuationRequest)
    /// `not_started` counts as done: the stop's goal holds.
    case stopEvacuation(node: String)
    case startRebalance(RebalanceRequest)
    /// `not_started` counts as done.
    case stopRebalance(coordinator: String)

    /// The EMQX node the call is addressed to.
    public var node: String {
        switch self {
        case let .startEvacuation(request): request.node
        case let .stopEvacuation(node): node
        case let .startRebalance(request): request.coordinator
        case let .stopRebalance(coordinator): coordinator
        }
    }

    /// What was done, for logs: "started the evacuation", "stopped the rebalance", ...
    public var logDescription: String {
        switch self {
        case .startEvacuation: "started the evacuation"
        case .stopEvacuation: "stopped the evacuation"
        case .startRebalance: "started the rebalance"
        case .stopRebalance: "stopped the rebalance"
        }
    }

    public var isStart: Bool {
        switch self {
        case .startEvacuation, .startRebalance: true
        case .stopEvacuation, .stopRebalance: false
        }
    }
}

/// EMQX's answer to a ``BrokerAction``, in the deciders' words. One mapping from EMQX's errors for every kind.
public enum BrokerActionOutcome: Sendable, Hashable {
    /// EMQX did it.
    case done
    /// `already_started`: the operation runs already; adopted.
    case alreadyRunning
    /// `not_started` (or an unknown node) on a stop: nothing runs there, the stop's goal holds.
    case notRunning
    /// `nothing_to_balance` on a rebalance start: EMQX's balance test holds.
    case nothingToBalance
    /// Another operation holds a node (`eviction_agent_busy`, nodes unavailable, an RPC error): wait and retry.
    case busy(String)
    /// EMQX refused the request itself (invalid nodes, a bad request, unknown node on a start): retrying the same
    /// request cannot help.
    case rejected(String)
    /// No answer (transport failure, time-out, 5xx, an answer that is not EMQX's): transient.
    case unreachable(String)

    /// Whether the action's goal holds now.
    public var succeeded: Bool {
        switch self {
        case .done, .alreadyRunning, .notRunning: true
        case .nothingToBalance, .busy, .rejected, .unreachable: false
        }
    }

    /// The outcome of an EMQX error on `action`.
    public init(_ error: EMQXError, of action: BrokerAction) {
        switch error.kind {
        case .alreadyStarted:
            self = .alreadyRunning
        case .notStarted:
            self = action.isStart ? .rejected(error.message) : .notRunning
        case .nodeNotFound:
            self = action.isStart ? .rejected(error.message) : .notRunning
        case .nothingToBalance:
            self = .nothingToBalance
        case .evictionAgentBusy, .nodesUnavailable, .rpcError:
            self = .busy(error.message)
        case .invalidNodes, .badRequest:
            self = .rejected(error.message)
        default:
            self = .unreachable(error.description)
        }
    }
}

/// A ``BrokerAction`` that did not succeed, as its decider receives it.
public struct BrokerActionRefusal: Sendable, Hashable {
    public var action: BrokerAction
    public var outcome: BrokerActionOutcome

    public init(action: BrokerAction, outcome: BrokerActionOutcome) {
        self.action = action
        self.outcome = outcome
    }
}

/// Carries out ``BrokerAction``s against EMQX.
public enum BrokerActionPerformer {
    /// Performs `action` on `api`; EMQX's errors become outcomes, cancellation is rethrown.
    public static func perform(_ action: BrokerAction, on api: any EMQXActions) async throws -> BrokerActionOutcome {
        do {
            switch action {
            case let .startEvacuation(request):
                try await api.startEvacuation(node: request.node, EvacuationStartRequest(request))
            case let .stopEvacuation(node):
                try await api.stopEvacuation(node: node)
            case let .startRebalance(request):
                try await api.startRebalance(coordinator: request.coordinator, RebalanceStartRequest(request))
            case let .stopRebalance(coordinator):
                try await api.stopRebalance(coordinator: coordinator)
            }
            return .done
        } catch let error as EMQXError {
            return BrokerActionOutcome(error, of: action)
        } catch let error as CancellationError {
            throw error
        } catch {
            return .unreachable(String(describing: error))
        }
    }
}
