import Testing

@testable import EMQXSimulator

@Suite("Rebalance coordinator and balance test (spec §5)")
struct RebalanceStateMachineTests {
    @Test("the defaults are EMQX's")
    func defaults() {
        let options = RebalanceOptions()
        #expect(options.nodes == nil)
        #expect(options.waitHealthCheck == 60)
        #expect(options.connEvictRate == 500)
        #expect(options.connEvictRPCTimeout == 15000)
        #expect(options.sessEvictRate == 500)
        #expect(options.sessEvictRPCTimeout == 15000)
        #expect(options.absConnThreshold == 1000)
        #expect(options.relConnThreshold == 1.1)
        #expect(options.absSessThreshold == 1000)
        #expect(options.relSessThreshold == 1.1)
        #expect(options.waitTakeover == 60)
    }

    @Test(
        "within is non-strict and either threshold suffices",
        arguments: [
            (110.0, 100.0, 10.0, 1.0, true),  // exactly goal + abs
            (111.0, 100.0, 10.0, 1.0, false),
            (110.0, 100.0, 1.0, 1.1, true),  // exactly goal * rel
            (110.5, 100.0, 1.0, 1.1, false),
            (50.0, 0.0, 50.0, 1.0, true),  // t_no_need_to_rebalance
            (51.0, 0.0, 50.0, 1.0, false),
            (5.0, 0.0, 1.0, 100.0, false),  // a relative threshold over a zero goal never holds
        ])
    func within(value: Double, goal: Double, absolute: Double, relative: Double, expected: Bool) {
        #expect(BalanceTest.within(value, goal: goal, absolute: absolute, relative: relative) == expected)
    }

    @Test("donors hold at least the mean connection count; sessions play no part in the split")
    func split() {
        let split = BalanceTest.split(connections: [30, 10, 20, 20])
        #expect(split.donors == [0, 2, 3])
        #expect(split.recipients == [1])
    }

    @Test("nothing to balance: one node, equal connections (even with uneven sessions), or within thresholds")
    func nothingToBalance() {
        var options = RebalanceOptions()
        #expect(!BalanceTest.needsRebalance(connections: [100], sessions: [5000], options: options))
        #expect(!BalanceTest.needsRebalance(connections: [100, 100], sessions: [5000, 0], options: options))
        options.absConnThreshold = 50
        options.relConnThreshold = 1.0
        options.absSessThreshold = 50
        options.relSessThreshold = 1.0
        #expect(!BalanceTest.needsRebalance(connections: [50, 0], sessions: [50, 0], options: options))
        #expect(BalanceTest.needsRebalance(connections: [51, 0], sessions: [51, 0], options: options))
        #expect(
            BalanceTest.needsRebalance(connections: [50, 0], sessions: [200, 0], options: options),
            "a session imbalance alone starts a rebalance")
    }

    @Test("states go wait_health_check, evicting_conns, wait_takeover, evicting_sessions, then finish")
    func stateOrder() throws {
        var options = RebalanceOptions()
        options.absConnThreshold = 10
        options.relConnThreshold = 1.0
        options.absSessThreshold = 10
        options.relSessThreshold = 1.0
        options.connEvictRate = 5
        options.sessEvictRate = 3
        options.waitHealthCheck = 2
        options.waitTakeover = 4
        let started = Rebalance.start(
            coordinator: 0, nodes: [0, 1, 2], connections: [60, 40, 5], sessions: [60, 40, 5], options: options)
        var (machine, step) = try #require(started)
        #expect(machine.donors == [0, 1])
        #expect(machine.recipients == [2])
        #expect(machine.state == .waitHealthCheck)
        #expect(step.timer == 2000)
        #expect(machine.countKind == nil)

        step = machine.timerFired(donorCounts: [], recipientCounts: [])
        #expect(machine.state == .evictingConns)
        #expect(step == Rebalance.Step(actions: [.blockDonors], timer: 0))
        #expect(machine.countKind == .connections)

        step = machine.timerFired(donorCounts: [60, 12], recipientCounts: [5])
        #expect(step == Rebalance.Step(actions: [.evictConnections(5, from: [0, 1])], timer: 1000))
        #expect(machine.recipientConnAverage == 5.0)
        #expect(machine.donorConnAverage == 36.0)

        step = machine.timerFired(donorCounts: [40, 5], recipientCounts: [10])
        #expect(
            step == Rebalance.Step(actions: [.evictConnections(5, from: [0])], timer: 1000),
            "donors at or below the recipient mean are spared")

        step = machine.timerFired(donorCounts: [25, 5], recipientCounts: [20])
        #expect(machine.state == .waitTakeover)
        #expect(step == Rebalance.Step(timer: 4000))

        step = machine.timerFired(donorCounts: [], recipientCounts: [])
        #expect(machine.state == .evictingSessions)
        #expect(machine.countKind == .disconnectedSessions)

        step = machine.timerFired(donorCounts: [30, 0], recipientCounts: [0])
        #expect(step == Rebalance.Step(actions: [.evictSessions(3, from: [0], to: [2])], timer: 1000))
        #expect(machine.recipientSessAverage == 0.0)

        step = machine.timerFired(donorCounts: [10, 0], recipientCounts: [0])
        #expect(step == Rebalance.Step(actions: [.finish], timer: nil))
    }

    @Test("state strings are EMQX's")
    func stateStrings() {
        #expect(
            [Rebalance.State.waitHealthCheck, .evictingConns, .waitTakeover, .evictingSessions].map(\.rawValue)
                == ["wait_health_check", "evicting_conns", "wait_takeover", "evicting_sessions"])
    }
}
