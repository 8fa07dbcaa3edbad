/// Why a start or stop call failed, as EMQX's coordinators answer (spec §7.1).
public enum OperationError: Error, Equatable, Sendable {
    /// `{error, already_started}`: an evacuation or rebalance already runs there.
    case alreadyStarted
    /// `{error, eviction_agent_busy}`: the agent is enabled by another owner.
    case evictionAgentBusy
    /// `{error, nothing_to_balance}`: the balance test already holds.
    case nothingToBalance
    /// `{error, not_started}`: stop with nothing running.
    case notStarted
    /// `{badrpc, Reason}`: the call crashed (for example a busy donor in the enable multicall).
    case rpcError(reason: String)

    /// The Erlang reason as EMQX prints it in the error message.
    public var reason: String {
        switch self {
        case .alreadyStarted: "already_started"
        case .evictionAgentBusy: "eviction_agent_busy"
        case .nothingToBalance: "nothing_to_balance"
        case .notStarted: "not_started"
        case .rpcError(let reason): reason
        }
    }
}
