import Foundation
import KubeClient

extension LeaderElector {
    /// client-go's `tryAcquireOrRenew` as a value: given what the Lease looks like, what to write. No I/O.
    ///
    /// Expiry is judged by when *this process* last saw the record change (`observedTime`, on the monotonic clock),
    /// not by the record's `renewTime`, so clock skew between candidates does not matter.
    struct StateMachine: Sendable {
        /// What to do after reading the Lease.
        enum Decision: Sendable, Hashable {
            /// No Lease: create it with us as holder.
            case create(LeaderElectionRecord)
            /// Take or renew: update the Lease at `version`.
            case update(LeaderElectionRecord, version: String)
            /// Another candidate holds an unexpired lease; try again later.
            case heldByOther(holder: String)
        }

        let identity: String
        let leaseDuration: Duration
        private(set) var observed: ObservedLease?
        /// When the observed record last changed, on the monotonic clock.
        private(set) var observedTime: Duration?
        private(set) var isLeader = false

        init(identity: String, leaseDuration: Duration) {
            self.identity = identity
            self.leaseDuration = leaseDuration
        }

        /// The fast path: while we lead and our observed lease is unexpired, renew without reading first.
        func renewalWithoutRead(now: Duration, wallNow: Date) -> (LeaderElectionRecord, version: String)? {
            guard isLeader, let observed, let observedTime, observedTime + leaseDuration > now else { return nil }
            return (record(replacing: observed.record, wallNow: wallNow), observed.version)
        }

        /// Decides after reading the Lease (`nil`: it does not exist).
        mutating func decide(after lease: ObservedLease?, now: Duration, wallNow: Date) -> Decision {
            guard let lease else {
                return .create(record(replacing: nil, wallNow: wallNow))
            }
            if observed?.record != lease.record {
                observedTime = now
            }
            observed = lease
            let holder = lease.record.holderIdentity ?? ""
            if !holder.isEmpty, holder != identity {
                isLeader = false
                let duration = Duration.seconds(lease.record.leaseDurationSeconds ?? 0)
                if let observedTime, observedTime + duration > now {
                    return .heldByOther(holder: holder)
                }
            }
            return .update(record(replacing: lease.record, wallNow: wallNow), version: lease.version)
        }

        /// Records a successful create or update: we lead, observed now.
        mutating func succeeded(with lease: ObservedLease, now: Duration) {
            observed = lease
            observedTime = now
            isLeader = lease.record.holderIdentity == identity
        }

        /// Gives up leadership locally (renew deadline passed).
        mutating func lost() {
            isLeader = false
        }

        /// The record that releases the lease (empty holder, 1 s duration), if we hold it.
        func releaseRecord(wallNow: Date) -> (LeaderElectionRecord, version: String)? {
            guard isLeader, let observed else { return nil }
            let now = MicroTimestamp(wallNow)
            let record = LeaderElectionRecord(
                holderIdentity: "",
                leaseDurationSeconds: 1,
                acquireTime: now,
                renewTime: now,
                leaseTransitions: observed.record.leaseTransitions ?? 0
            )
            return (record, observed.version)
        }

        /// Takes a fresh read before retrying a release: `true` (and the read is observed) when the Lease still names
        /// us, so a release may overwrite it; `false` (and we no longer lead) otherwise.
        mutating func refreshedBeforeRelease(_ lease: ObservedLease?) -> Bool {
            guard isLeader, let lease, lease.record.holderIdentity == identity else {
                isLeader = false
                return false
            }
            observed = lease
            return true
        }

        /// Records a successful release.
        mutating func released(_ lease: ObservedLease, now: Duration) {
            observed = lease
            observedTime = now
            isLeader = false
        }

        /// Our record, keeping acquireTime and transitions when we already held `old`, counting a transition otherwise.
        private func record(replacing old: LeaderElectionRecord?, wallNow: Date) -> LeaderElectionRecord {
            let now = MicroTimestamp(wallNow)
            let weHeldIt = old?.holderIdentity == identity
            let transitions = old?.leaseTransitions ?? 0
            return LeaderElectionRecord(
                holderIdentity: identity,
                leaseDurationSeconds: Int(leaseDuration.components.seconds),
                acquireTime: weHeldIt ? (old?.acquireTime ?? now) : now,
                renewTime: now,
                leaseTransitions: old == nil ? 0 : (weHeldIt ? transitions : transitions + 1)
            )
        }
    }
}
