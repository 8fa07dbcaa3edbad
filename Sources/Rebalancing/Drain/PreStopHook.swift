import EMQXClient
import Foundation
import Primitives

/// What a broker pod's `preStop` hook does (`rebalance-operator prestop`): it holds the container until its own EMQX
/// node is evacuated, so that a pod deleted directly (rolling update, scale-down, `kubectl delete pod`) stops only
/// once its clients and sessions have moved.
///
/// It needs nothing the broker pod does not have: the node's own management API (`GET
/// /api/v5/load_rebalance/status` on localhost) and an API key. Guarantees:
/// - It returns once the local evacuation reaches `prohibiting` (no connection, no session left).
/// - It waits while an evacuation runs, and while a rebalance holds the node (the evacuation starts after it).
/// - When no evacuation starts within ``Settings/startTimeout`` (drain protection off, or the whole cluster going,
///   where nothing is evacuated), it returns: nothing to wait for.
/// - It never outlives ``Settings/timeout`` (set it below the pod's grace period), and an API that does not answer
///   is waited for only as long as an evacuation that has not started.
public enum PreStopHook {
    public struct Settings: Sendable, Hashable {
        /// The longest the hook holds the container.
        public var timeout: Duration
        /// How long to wait for the operator to start an evacuation here.
        public var startTimeout: Duration
        public var pollInterval: Duration

        public init(timeout: Duration = .seconds(3600), startTimeout: Duration = .seconds(20), pollInterval: Duration = .seconds(1)) {
            self.timeout = timeout
            self.startTimeout = startTimeout
            self.pollInterval = pollInterval
        }
    }

    /// Why the hook returned.
    public enum Outcome: Sendable, Hashable, CustomStringConvertible {
        /// The node holds no connection and no session.
        case evacuated
        /// No evacuation started here within the start timeout.
        case nothingStarted
        /// The local API did not answer within the start timeout.
        case unreachable(String)
        /// The timeout passed while the evacuation ran.
        case timedOut(String)

        public var description: String {
            switch self {
            case .evacuated: "the node is evacuated: no connection and no session left"
            case .nothingStarted: "no evacuation started on this node: nothing to wait for"
            case let .unreachable(message): "the local EMQX API did not answer: \(message)"
            case let .timedOut(progress): "timed out while the evacuation ran (\(progress))"
            }
        }
    }

    /// One look at the local status: `nil` to keep waiting, or why to return.
    public static func step(_ status: Result<EMQXLocalStatus, any Error>, elapsed: Duration, hasStarted: Bool, settings: Settings) -> Outcome? {
        switch status {
        case let .success(.evacuation(evacuation)):
            if evacuation.state == .prohibiting { return .evacuated }
            if elapsed >= settings.timeout { return .timedOut("\(evacuation.state.rawValue): \(evacuation.stats.currentConnected) connections, \(evacuation.stats.currentSessions) sessions left") }
            return nil
        case .success(.rebalance):
            return elapsed >= settings.timeout ? .timedOut("a rebalance holds the node") : nil
        case .success(.disabled), .success(.purge), .success(.other):
            // An evacuation that ended here is over: stopped by its owner, there is nothing left to wait for.
            if hasStarted { return .nothingStarted }
            return elapsed >= settings.startTimeout ? .nothingStarted : nil
        case let .failure(error):
            let limit = hasStarted ? settings.timeout : min(settings.startTimeout, settings.timeout)
            return elapsed >= limit ? .unreachable(String(describing: error)) : nil
        }
    }

    /// Polls `status` until ``step(_:elapsed:hasStarted:settings:)`` says to return; `report` hears each change of
    /// state, for the hook's output.
    public static func run(
        status: @Sendable () async throws -> EMQXLocalStatus, settings: Settings, clock: some Clock<Duration> = ContinuousClock(),
        report: @Sendable (String) -> Void = { _ in }
    ) async -> Outcome {
        let elapsedClock = ElapsedClock(clock)
        var hasStarted = false
        var lastState = ""
        while true {
            let result: Result<EMQXLocalStatus, any Error>
            do { result = .success(try await status()) } catch { result = .failure(error) }
            if case let .success(.evacuation(evacuation)) = result {
                hasStarted = true
                if evacuation.state.rawValue != lastState {
                    lastState = evacuation.state.rawValue
                    report("evacuation \(lastState): \(evacuation.stats.currentConnected) connections, \(evacuation.stats.currentSessions) sessions")
                }
            }
            if let outcome = step(result, elapsed: elapsedClock.now, hasStarted: hasStarted, settings: settings) {
                report(outcome.description)
                return outcome
            }
            do { try await elapsedClock.sleep(for: settings.pollInterval) } catch { return .timedOut("cancelled") }
        }
    }
}
