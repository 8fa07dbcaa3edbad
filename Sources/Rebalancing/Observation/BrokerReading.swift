/// The outcome of one attempt to read a cluster's broker (``BrokerConnecting/read(_:)``), with the cause
/// when it failed, as the BrokerCluster reconciler reports it.
public enum BrokerReading: Sendable, Hashable {
    /// The API answered; `rebalanceAvailable` is false when `load_rebalance` answered 404.
    case snapshot(BrokerSnapshot, rebalanceAvailable: Bool)
    case unreachable(String)
    /// 401 or 403: the API key is wrong or lacks rights.
    case unauthorized(String)
    /// The configuration cannot be used (no BrokerCluster, missing Secret, bad CA, not an EMQX API); nothing was
    /// sent, or the answer was not EMQX's.
    case misconfigured(reason: ConditionReason, message: String)

    /// The view the evacuation and rebalance deciders take: anything but a snapshot is "unreachable, retry".
    public var readout: BrokerReadout {
        switch self {
        case let .snapshot(snapshot, _): .snapshot(snapshot)
        case let .unreachable(message), let .unauthorized(message), let .misconfigured(_, message): .unreachable(message)
        }
    }
}
