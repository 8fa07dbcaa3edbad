import EMQXClient
import Foundation
import Rebalancing
import Synchronization
import Testing
import VirtualTime

/// The broker pod's preStop hook: when it holds the container and when it lets go.
@Suite("preStop hook")
struct PreStopHookTests {
    static let settings = PreStopHook.Settings(timeout: .seconds(100), startTimeout: .seconds(20))

    static func evacuation(_ state: EvacuationState, connections: Int64 = 10, sessions: Int64 = 10) -> EMQXLocalStatus {
        .evacuation(EvacuationStatus(state: state, stats: EvictionStats(initialConnected: 100, currentConnected: connections, initialSessions: 100, currentSessions: sessions)))
    }

    struct Down: Error {}

    @Test("one look: evacuated returns, a running evacuation or a rebalance holds until the timeout, nothing started holds until the start timeout")
    func step() {
        let s = Self.settings
        #expect(PreStopHook.step(.success(Self.evacuation(.prohibiting, connections: 0, sessions: 0)), elapsed: .seconds(1), hasStarted: true, settings: s) == .evacuated)
        for state in [EvacuationState.waitingHealthCheck, .evictingConnections, .waitingTakeover, .evictingSessions] {
            #expect(PreStopHook.step(.success(Self.evacuation(state)), elapsed: .seconds(99), hasStarted: true, settings: s) == nil)
            #expect(PreStopHook.step(.success(Self.evacuation(state)), elapsed: .seconds(100), hasStarted: true, settings: s).map { if case .timedOut = $0 { true } else { false } } == true)
        }
        #expect(PreStopHook.step(.success(.disabled), elapsed: .seconds(19), hasStarted: false, settings: s) == nil)
        #expect(PreStopHook.step(.success(.disabled), elapsed: .seconds(20), hasStarted: false, settings: s) == .nothingStarted)
        #expect(PreStopHook.step(.success(.disabled), elapsed: .seconds(1), hasStarted: true, settings: s) == .nothingStarted, "an evacuation stopped by its owner: nothing left to wait for")
        #expect(PreStopHook.step(.failure(Down()), elapsed: .seconds(19), hasStarted: false, settings: s) == nil)
        #expect(PreStopHook.step(.failure(Down()), elapsed: .seconds(20), hasStarted: false, settings: s).map { if case .unreachable = $0 { true } else { false } } == true)
        #expect(PreStopHook.step(.failure(Down()), elapsed: .seconds(50), hasStarted: true, settings: s) == nil, "once started, a silent API is waited for until the timeout")
    }

    @Test("on virtual time: waits through an evacuation's states and returns once it is prohibiting")
    func run() async {
        let clock = ManualClock()
        let states: [EMQXLocalStatus] = [.disabled, .disabled, Self.evacuation(.waitingHealthCheck), Self.evacuation(.evictingConnections), Self.evacuation(.waitingTakeover, connections: 0), Self.evacuation(.prohibiting, connections: 0, sessions: 0)]
        let calls = Mutex(0)
        let lines = Mutex<[String]>([])
        async let outcome = PreStopHook.run(status: {
            let index = calls.withLock { calls in
                defer { calls += 1 }
                return calls
            }
            return states[min(index, states.count - 1)]
        }, settings: Self.settings, clock: clock) { line in lines.withLock { $0.append(line) } }
        for _ in 0..<states.count {
            while clock.sleeperCount == 0 && calls.withLock({ $0 }) < states.count { await Task.yield() }
            await clock.advance(by: .seconds(1))
        }
        #expect(await outcome == .evacuated)
        #expect(lines.withLock { $0 }.last == PreStopHook.Outcome.evacuated.description)
    }
}
