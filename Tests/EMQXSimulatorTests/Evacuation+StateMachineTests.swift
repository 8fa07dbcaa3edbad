import Testing

@testable import EMQXSimulator

@Suite("Evacuation state machine (spec §3.2)")
struct EvacuationStateMachineTests {
    @Test("the defaults are EMQX's: 60 s health check, 500/500 per tick, 60 s takeover, no redirect, all nodes")
    func defaults() {
        let options = EvacuationOptions()
        #expect(options.waitHealthCheck == 60)
        #expect(options.connEvictRate == 500)
        #expect(options.sessEvictRate == 500)
        #expect(options.waitTakeover == 60)
        #expect(options.serverReference == nil)
        #expect(options.migrateTo == nil)
    }

    @Test("states go waiting_health_check, evicting_conns, waiting_takeover, evicting_sessions, prohibiting")
    func stateOrder() {
        var options = EvacuationOptions()
        options.connEvictRate = 10
        options.sessEvictRate = 7
        options.waitHealthCheck = 5
        options.waitTakeover = 9
        var (machine, step) = Evacuation.started(options: options, connections: 25, sessions: 40)
        #expect(machine.state == .waitingHealthCheck)
        #expect(step == Evacuation.Step(timer: 5000))

        step = machine.timerFired(connections: 25, sessions: 40, targets: [1])
        #expect(machine.state == .evictingConns)
        #expect(step == Evacuation.Step(actions: [.blockConnections], timer: 0))

        step = machine.timerFired(connections: 25, sessions: 40, targets: [1])
        #expect(machine.state == .evictingConns)
        #expect(step == Evacuation.Step(actions: [.evictConnections(10)], timer: 1000))
        #expect(machine.currentConnections == 25)

        step = machine.timerFired(connections: 15, sessions: 40, targets: [1])
        #expect(machine.currentConnections == 15, "current_conns is the count before the batch")

        step = machine.timerFired(connections: 0, sessions: 40, targets: [1])
        #expect(machine.state == .waitingTakeover)
        #expect(machine.currentConnections == 0)
        #expect(step == Evacuation.Step(timer: 9000))
        #expect(machine.currentSessions == 40, "still the start-time value while waiting for takeover")

        step = machine.timerFired(connections: 0, sessions: 30, targets: [1])
        #expect(machine.state == .evictingSessions)
        #expect(step == Evacuation.Step(timer: 0))

        step = machine.timerFired(connections: 0, sessions: 30, targets: [1, 2])
        #expect(step == Evacuation.Step(actions: [.evictSessions(7, targets: [1, 2])], timer: 1000))
        #expect(machine.currentSessions == 30)

        step = machine.timerFired(connections: 0, sessions: 0, targets: [1])
        #expect(machine.state == .prohibiting)
        #expect(machine.currentSessions == 0)
        #expect(step == Evacuation.Step(timer: nil))

        step = machine.timerFired(connections: 0, sessions: 0, targets: [1])
        #expect(machine.state == .prohibiting, "prohibiting only ends with stop")
    }

    @Test("with no migration target, evicting_sessions retries every 30 s")
    func noTargets() {
        var (machine, _) = Evacuation.restored(options: EvacuationOptions(), connections: 0, sessions: 3)
        #expect(machine.state == .evictingConns)
        _ = machine.timerFired(connections: 0, sessions: 3, targets: [])
        _ = machine.timerFired(connections: 0, sessions: 3, targets: [])
        let step = machine.timerFired(connections: 0, sessions: 3, targets: [])
        #expect(machine.state == .evictingSessions)
        #expect(step == Evacuation.Step(timer: 30000))
    }

    @Test("state strings are EMQX's")
    func stateStrings() {
        #expect(
            [Evacuation.State.waitingHealthCheck, .evictingConns, .waitingTakeover, .evictingSessions, .prohibiting]
                .map(\.rawValue)
                == ["waiting_health_check", "evicting_conns", "waiting_takeover", "evicting_sessions", "prohibiting"])
    }
}
