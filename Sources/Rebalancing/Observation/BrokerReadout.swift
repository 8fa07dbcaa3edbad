/// What the evacuation and rebalance deciders know of a cluster's broker: a snapshot, or why there is none.
///
/// Anything but a snapshot is transient for them (retried with backoff, never a failure); the BrokerCluster
/// reconciler reports the finer cause (``BrokerReading``) in the BrokerCluster's conditions.
public enum BrokerReadout: Sendable, Hashable {
    case snapshot(BrokerSnapshot)
    case unreachable(String)
}
