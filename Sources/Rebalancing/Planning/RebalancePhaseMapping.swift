import EMQXClient
import Foundation

/// Maps EMQX's view of a rebalance (`global_status`, `/api/v5/nodes`) to the ClusterRebalance attempt's signal,
/// phase and counts. Pure: the caller passes the current time.
///
/// ## Decisions, in order
/// 1. A participant or the coordinator not listed as running → interrupted (`nodeStopped`). EMQX aborts a run when
///    a participant goes down; a recipient's failure may only show at the coordinator's next count.
/// 2. A node whose uptime went back (smaller than at the previous observation), or that started after the attempt
///    (`uptime + restartTolerance < now − startedAt`) → interrupted (`nodeRestarted`). The second rule needs no
///    memory, so it survives an operator restart.
/// 3. The coordinator's entry is in `global_status` → running.
/// 4. The entry vanished and EMQX's balance test holds over the participants → balanced.
/// 5. The entry vanished from `evicting_sessions` (EMQX's own end) → not balanced; from any other or an unknown
///    state → interrupted (`coordinatorEntryVanished`). A stop by someone else looks the same as an abort.
public enum RebalancePhaseMapping {
    public static func observe(
        attempt: RebalanceAttempt, globalStatus: EMQXGlobalStatus, nodes: [EMQXNode], now: Date,
        restartTolerance: Duration = .seconds(5)
    ) -> RebalanceObservation {
        let running = Dictionary(nodes.filter(\.isRunning).map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var watched = attempt.participants
        if !watched.contains(attempt.coordinator) { watched.append(attempt.coordinator) }

        var interruptions: [RebalanceObservation.Interruption] = []
        var uptimes: [String: Duration] = [:]
        let elapsed = Duration.seconds(max(0, now.timeIntervalSince(attempt.startedAt)))
        for name in watched {
            guard let node = running[name] else {
                interruptions.append(.nodeStopped(name))
                continue
            }
            guard let uptime = node.uptime else { continue }
            uptimes[name] = uptime
            let wentBack = attempt.previousUptimes[name].map { uptime < $0 } ?? false
            if wentBack || uptime + restartTolerance < elapsed {
                interruptions.append(.nodeRestarted(name))
            }
        }

        let loads = attempt.participants.compactMap { running[$0].map { NodeLoad($0) } }
        let verdict = BalanceTest.evaluate(loads, thresholds: attempt.thresholds)
        let entry = globalStatus.rebalance(coordinatedBy: attempt.coordinator)

        let signal: RebalanceObservation.Signal
        if !interruptions.isEmpty {
            signal = .interrupted(interruptions)
        } else if let entry {
            signal = .running(entry.state)
        } else if verdict.isBalanced {
            signal = .balanced
        } else if attempt.lastSeenState == .evictingSessions {
            signal = .notBalanced
        } else {
            signal = .interrupted([.coordinatorEntryVanished(lastState: attempt.lastSeenState)])
        }

        let remaining = RebalancePlanner.excess(of: attempt.donors, in: loads)
        let moved = ClusterRebalance.Status.Moved(
            connections: max(0, attempt.connectionsToMove - remaining.connections),
            sessions: max(0, attempt.sessionsToMove - remaining.sessions))
        let planned = attempt.connectionsToMove + attempt.sessionsToMove
        let percent: Int
        if signal == .balanced {
            percent = 100
        } else if planned <= 0 {
            percent = verdict.isBalanced ? 100 : 0
        } else {
            percent = min(100, Int((100 * Double(moved.connections + moved.sessions) / Double(planned)).rounded(.down)))
        }

        let phase: ClusterRebalance.Phase
        let outcome: ClusterRebalance.Outcome?
        switch signal {
        case .running:
            phase = .rebalancing
            outcome = nil
        case .balanced:
            phase = .completed
            outcome = .balanced
        case .notBalanced:
            phase = .rebalancing
            outcome = .notBalanced
        case .interrupted:
            phase = .rebalancing
            outcome = .interrupted
        }
        return RebalanceObservation(
            signal: signal, phase: phase, outcome: outcome, moved: moved, percent: percent,
            nodes: loads.map { ClusterRebalance.Status.NodeCounts(name: $0.name, connections: $0.connections, sessions: $0.sessions) },
            verdict: verdict, emqxState: entry?.state, uptimes: uptimes)
    }

    /// Whether another attempt may start after `attempts` attempts (the first included): `retry.limit` counts
    /// the attempts after the first one.
    public static func canRetry(attempts: Int, retryLimit: Int) -> Bool {
        attempts < 1 + max(0, retryLimit)
    }

    /// The final result once no attempt remains: `Balanced` if the last attempt balanced, else `NotBalanced`.
    public static func result(of outcome: ClusterRebalance.Outcome) -> ClusterRebalance.Result {
        outcome == .balanced ? .balanced : .notBalanced
    }
}
