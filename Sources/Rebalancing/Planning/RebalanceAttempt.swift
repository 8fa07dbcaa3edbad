import EMQXClient
import Foundation

/// What the operator knows about the rebalance attempt it started: enough to judge EMQX's answers later, even
/// after an operator restart (everything but `lastSeenState` and `previousUptimes` is in the resource's status).
public struct RebalanceAttempt: Sendable, Hashable {
    /// The node the attempt was started on.
    public var coordinator: String
    /// The nodes sent as `nodes`.
    public var participants: [String]
    /// The plan's donors (EMQX's split at start; it never changes during a run).
    public var donors: [String]
    /// The plan's connections and sessions to move, for progress.
    public var connectionsToMove: Int64
    public var sessionsToMove: Int64
    /// The thresholds the attempt runs with.
    public var thresholds: BalanceThresholds
    /// When the attempt was started.
    public var startedAt: Date
    /// The EMQX state seen at the previous observation, if remembered. EMQX ends a run by itself only from
    /// `evicting_sessions`; a run that vanishes from an earlier state was stopped or aborted.
    public var lastSeenState: RebalanceState?
    /// Node uptimes seen at the previous observation, if remembered; a smaller uptime now means a restart.
    public var previousUptimes: [String: Duration]

    public init(
        coordinator: String, participants: [String], donors: [String], connectionsToMove: Int64 = 0, sessionsToMove: Int64 = 0,
        thresholds: BalanceThresholds = .emqxDefaults, startedAt: Date, lastSeenState: RebalanceState? = nil,
        previousUptimes: [String: Duration] = [:]
    ) {
        self.coordinator = coordinator
        self.participants = participants
        self.donors = donors
        self.connectionsToMove = connectionsToMove
        self.sessionsToMove = sessionsToMove
        self.thresholds = thresholds
        self.startedAt = startedAt
        self.lastSeenState = lastSeenState
        self.previousUptimes = previousUptimes
    }

    /// The attempt for `plan`, started at `startedAt`.
    public init(plan: RebalancePlan, thresholds: BalanceThresholds, startedAt: Date) {
        self.init(
            coordinator: plan.coordinator, participants: plan.participants, donors: plan.donors,
            connectionsToMove: plan.connectionsToMove, sessionsToMove: plan.sessionsToMove, thresholds: thresholds,
            startedAt: startedAt)
    }
}
