import EMQXClient
import Foundation
import Testing

@testable import Rebalancing

@Suite("RebalancePhaseMapping: running, balanced, not balanced, interrupted")
struct RebalancePhaseMappingTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    /// Donors a and b, recipient c, planned 5000 connections and 5000 sessions to move.
    static func attempt(lastSeen: RebalanceState? = nil, previousUptimes: [String: Duration] = [:], coordinator: String = "c") -> RebalanceAttempt {
        RebalanceAttempt(
            coordinator: coordinator, participants: ["a", "b", "c"], donors: ["a", "b"], connectionsToMove: 5000, sessionsToMove: 5000,
            startedAt: start, lastSeenState: lastSeen, previousUptimes: previousUptimes)
    }

    static func node(_ name: String, _ load: Int64, uptime: Duration = .seconds(86400), status: EMQXNode.Status = .running) -> EMQXNode {
        EMQXNode(name: name, status: status, connections: load, sessions: load, uptime: uptime)
    }

    static let unbalanced = [node("a", 15000), node("b", 10000), node("c", 5000)]
    static let halfway = [node("a", 12500), node("b", 10000), node("c", 7500)]
    static let balanced = [node("a", 10300), node("b", 10000), node("c", 9700)]
    static let running = EMQXGlobalStatus(rebalances: [
        RebalanceCoordinatorStatus(node: "c", state: .evictingConnections, donors: ["a", "b"], recipients: ["c"])
    ])

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var attempt: RebalanceAttempt
        var status: EMQXGlobalStatus
        var nodes: [EMQXNode]
        var elapsed: TimeInterval = 600
        var signal: RebalanceObservation.Signal
        var phase: ClusterRebalance.Phase
        var outcome: ClusterRebalance.Outcome?
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "entry present: running", attempt: attempt(), status: running, nodes: halfway,
            signal: .running(.evictingConnections), phase: .rebalancing, outcome: nil),
        Case(
            name: "entry gone and the balance test holds: balanced", attempt: attempt(lastSeen: .evictingSessions), status: EMQXGlobalStatus(),
            nodes: balanced, signal: .balanced, phase: .completed, outcome: .balanced),
        Case(
            name: "entry gone and balanced, last state unknown (operator restarted): balanced", attempt: attempt(),
            status: EMQXGlobalStatus(), nodes: balanced, signal: .balanced, phase: .completed, outcome: .balanced),
        Case(
            name: "entry gone before balance, last seen evicting connections: interrupted", attempt: attempt(lastSeen: .evictingConnections),
            status: EMQXGlobalStatus(), nodes: halfway,
            signal: .interrupted([.coordinatorEntryVanished(lastState: .evictingConnections)]), phase: .rebalancing, outcome: .interrupted),
        Case(
            name: "entry gone before balance, last state unknown: interrupted", attempt: attempt(), status: EMQXGlobalStatus(), nodes: halfway,
            signal: .interrupted([.coordinatorEntryVanished(lastState: nil)]), phase: .rebalancing, outcome: .interrupted),
        Case(
            name: "entry gone from evicting_sessions, test fails on total sessions: not balanced", attempt: attempt(lastSeen: .evictingSessions),
            status: EMQXGlobalStatus(), nodes: halfway, signal: .notBalanced, phase: .rebalancing, outcome: .notBalanced),
        Case(
            name: "a participant no longer listed: interrupted even while the entry lingers", attempt: attempt(), status: running,
            nodes: [node("a", 12500), node("c", 7500)], signal: .interrupted([.nodeStopped("b")]), phase: .rebalancing, outcome: .interrupted),
        Case(
            name: "a participant listed as stopped: interrupted", attempt: attempt(), status: EMQXGlobalStatus(),
            nodes: [node("a", 12500), node("b", 0, status: .stopped), node("c", 7500)], signal: .interrupted([.nodeStopped("b")]),
            phase: .rebalancing, outcome: .interrupted),
        Case(
            name: "a participant's uptime went back since the last look: interrupted",
            attempt: attempt(previousUptimes: ["a": .seconds(86000)]), status: running,
            nodes: [node("a", 0, uptime: .seconds(20)), node("b", 10000), node("c", 7500)], elapsed: 10,
            signal: .interrupted([.nodeRestarted("a")]), phase: .rebalancing, outcome: .interrupted),
        Case(
            name: "a participant started after the attempt (no memory needed): interrupted", attempt: attempt(), status: EMQXGlobalStatus(),
            nodes: [node("a", 0, uptime: .seconds(120)), node("b", 10000), node("c", 7500)], elapsed: 600,
            signal: .interrupted([.nodeRestarted("a")]), phase: .rebalancing, outcome: .interrupted),
        Case(
            name: "an uptime a little short of the elapsed time is clock skew, not a restart", attempt: attempt(), status: running,
            nodes: [node("a", 12500, uptime: .seconds(597)), node("b", 10000), node("c", 7500)], elapsed: 600,
            signal: .running(.evictingConnections), phase: .rebalancing, outcome: nil),
        Case(
            name: "a coordinator outside the participants that restarted: interrupted", attempt: attempt(coordinator: "x"),
            status: EMQXGlobalStatus(rebalances: [RebalanceCoordinatorStatus(node: "x", state: .waitTakeover, donors: ["a", "b"], recipients: ["c"])]),
            nodes: halfway + [node("x", 0, uptime: .seconds(5))], signal: .interrupted([.nodeRestarted("x")]), phase: .rebalancing,
            outcome: .interrupted),
        Case(
            name: "another coordinator's rebalance does not count as ours", attempt: attempt(), status: EMQXGlobalStatus(rebalances: [
                RebalanceCoordinatorStatus(node: "a", state: .evictingConnections, donors: ["b"], recipients: ["c"])
            ]), nodes: halfway, signal: .interrupted([.coordinatorEntryVanished(lastState: nil)]), phase: .rebalancing, outcome: .interrupted),
    ]

    @Test("signal, phase and outcome", arguments: cases)
    func mapping(_ example: Case) {
        let observation = RebalancePhaseMapping.observe(
            attempt: example.attempt, globalStatus: example.status, nodes: example.nodes, now: Self.start.addingTimeInterval(example.elapsed))
        #expect(observation.signal == example.signal)
        #expect(observation.phase == example.phase)
        #expect(observation.outcome == example.outcome)
    }

    @Test("moved and percent follow what the donors still hold above the mean")
    func progress() {
        let observation = RebalancePhaseMapping.observe(
            attempt: Self.attempt(), globalStatus: Self.running, nodes: Self.halfway, now: Self.start.addingTimeInterval(60))
        #expect(observation.moved == ClusterRebalance.Status.Moved(connections: 2500, sessions: 2500))
        #expect(observation.percent == 50)
        #expect(observation.nodes.map(\.name) == ["a", "b", "c"])
        #expect(observation.nodes[0].connections == 12500)
        #expect(observation.emqxState == .evictingConnections)
        #expect(observation.uptimes["a"] == .seconds(86400))
        #expect(!observation.verdict.isBalanced)
    }

    @Test("a balanced end reports 100 percent")
    func balancedPercent() {
        let observation = RebalancePhaseMapping.observe(
            attempt: Self.attempt(lastSeen: .evictingSessions), globalStatus: EMQXGlobalStatus(), nodes: Self.balanced,
            now: Self.start.addingTimeInterval(60))
        #expect(observation.percent == 100)
        #expect(observation.moved.connections == 4700)
    }

    @Test(
        "retry.limit counts the attempts after the first",
        arguments: [(1, 0, false), (1, 3, true), (3, 3, true), (4, 3, false), (2, -1, false)])
    func retries(attempts: Int, limit: Int, expected: Bool) {
        #expect(RebalancePhaseMapping.canRetry(attempts: attempts, retryLimit: limit) == expected)
    }

    @Test("the final result: Balanced only from a balanced attempt")
    func finalResult() {
        #expect(RebalancePhaseMapping.result(of: .balanced) == .balanced)
        #expect(RebalancePhaseMapping.result(of: .interrupted) == .notBalanced)
        #expect(RebalancePhaseMapping.result(of: .notBalanced) == .notBalanced)
    }
}
