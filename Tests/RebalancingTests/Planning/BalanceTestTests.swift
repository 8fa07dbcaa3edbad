import Testing

@testable import Rebalancing

@Suite("BalanceTest: EMQX's donor/recipient split and threshold test (spec 5.2), at its edges")
struct BalanceTestTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var connections: [Int64]
        var sessions: [Int64]
        var thresholds: BalanceThresholds = .emqxDefaults
        var donors: [String]
        var balanced: Bool
        var testDescription: String { name }

        var loads: [NodeLoad] {
            connections.indices.map { NodeLoad(name: "n\($0)", connections: connections[$0], sessions: sessions[$0]) }
        }
    }

    static let strict = BalanceThresholds(absoluteConnections: 1, relativeConnections: 1.0, absoluteSessions: 1, relativeSessions: 1.0)

    static let cases: [Case] = [
        Case(name: "no nodes: nothing to balance", connections: [], sessions: [], donors: [], balanced: true),
        Case(name: "one node: nothing to balance", connections: [5000], sessions: [5000], donors: ["n0"], balanced: true),
        Case(
            name: "equal connections: every node a donor, balanced even with uneven sessions", connections: [100, 100, 100],
            sessions: [0, 50000, 0], thresholds: strict, donors: ["n0", "n1", "n2"], balanced: true),
        Case(name: "zero load everywhere", connections: [0, 0, 0], sessions: [0, 0, 0], thresholds: strict, donors: ["n0", "n1", "n2"], balanced: true),
        Case(
            name: "EMQX test t_no_need_to_rebalance: 50 vs 0 with abs 50 and rel 1.0", connections: [50, 0], sessions: [50, 0],
            thresholds: BalanceThresholds(absoluteConnections: 50, relativeConnections: 1.0, absoluteSessions: 50, relativeSessions: 1.0),
            donors: ["n0"], balanced: true),
        Case(
            name: "51 vs 0 with abs 50: one past the absolute edge", connections: [51, 0], sessions: [0, 0],
            thresholds: BalanceThresholds(absoluteConnections: 50, relativeConnections: 1.0, absoluteSessions: 50, relativeSessions: 1.0),
            donors: ["n0"], balanced: false),
        Case(
            name: "donor mean exactly recipient mean plus abs is within (non-strict)", connections: [2000, 1000], sessions: [0, 0],
            thresholds: BalanceThresholds(absoluteConnections: 1000, relativeConnections: 1.01), donors: ["n0"], balanced: true),
        Case(
            name: "one above recipient mean plus abs fails when the ratio does not save it", connections: [2001, 1000], sessions: [0, 0],
            thresholds: BalanceThresholds(absoluteConnections: 1000, relativeConnections: 1.01), donors: ["n0"], balanced: false),
        Case(
            name: "donor mean exactly recipient mean times rel is within", connections: [1100, 1000], sessions: [0, 0],
            thresholds: BalanceThresholds(absoluteConnections: 1, relativeConnections: 1.1), donors: ["n0"], balanced: true),
        Case(
            name: "one above recipient mean times rel fails", connections: [1101, 1000], sessions: [0, 0],
            thresholds: BalanceThresholds(absoluteConnections: 1, relativeConnections: 1.1), donors: ["n0"], balanced: false),
        Case(
            name: "either margin suffices: within the ratio though far past abs", connections: [10500, 10000], sessions: [0, 0],
            thresholds: BalanceThresholds(absoluteConnections: 1, relativeConnections: 1.1), donors: ["n0"], balanced: true),
        Case(
            name: "connections even but sessions out: not balanced", connections: [1000, 0], sessions: [10000, 0],
            thresholds: BalanceThresholds(absoluteConnections: 1000, relativeConnections: 1.1, absoluteSessions: 1000, relativeSessions: 1.1),
            donors: ["n0"], balanced: false),
        Case(
            name: "a node exactly at the mean is a donor", connections: [10, 5, 0], sessions: [0, 0, 0], thresholds: strict,
            donors: ["n0", "n1"], balanced: false),
        Case(
            name: "dev cluster 15000/10000/5000 with EMQX defaults", connections: [15000, 10000, 5000], sessions: [15000, 10000, 5000],
            donors: ["n0", "n1"], balanced: false),
        Case(
            name: "scale-up 3 to 5 nodes with EMQX defaults", connections: [10000, 10000, 10000, 0, 0],
            sessions: [10000, 10000, 10000, 0, 0], donors: ["n0", "n1", "n2"], balanced: false),
        Case(
            name: "means compared, not nodes: 1400 vs 0 apart, yet donor mean 1400 is within recipient mean 400 + 1000",
            connections: [1400, 600, 600, 0], sessions: [0, 0, 0, 0],
            thresholds: BalanceThresholds(absoluteConnections: 1000, relativeConnections: 1.1), donors: ["n0"], balanced: true),
    ]

    @Test("split and verdict", arguments: cases)
    func verdict(_ example: Case) {
        let verdict = BalanceTest.evaluate(example.loads, thresholds: example.thresholds)
        #expect(verdict.donors.map(\.name) == example.donors)
        let donorSet = Set(example.donors)
        #expect(verdict.recipients.map(\.name) == example.loads.map(\.name).filter { !donorSet.contains($0) })
        #expect(verdict.isBalanced == example.balanced)
    }

    @Test("the means are floats over each side")
    func means() {
        let loads = [
            NodeLoad(name: "a", connections: 10, sessions: 1), NodeLoad(name: "b", connections: 5, sessions: 2),
            NodeLoad(name: "c", connections: 0, sessions: 7),
        ]
        let verdict = BalanceTest.evaluate(loads)
        #expect(verdict.meanConnections == 5)
        #expect(verdict.donorConnectionMean == 7.5)
        #expect(verdict.recipientConnectionMean == 0)
        #expect(verdict.donorSessionMean == 1.5)
        #expect(verdict.recipientSessionMean == 7)
    }

    @Test("a one-sided verdict has no side means and holds on both counts")
    func oneSided() {
        let verdict = BalanceTest.evaluate([NodeLoad(name: "a", connections: 3, sessions: 3)])
        #expect(verdict.recipientConnectionMean == nil)
        #expect(verdict.connectionsWithinThresholds && verdict.sessionsWithinThresholds)
    }

    @Test(
        "within(v, goal, abs, rel) is v <= goal + abs or v <= goal × rel",
        arguments: [
            (100.0, 0.0, 100.0, 1.0, true), (100.5, 0.0, 100.0, 1.0, false), (110.0, 100.0, 1.0, 1.1, true),
            (110.5, 100.0, 1.0, 1.1, false), (0.0, 0.0, 1.0, 1.1, true), (5.0, 0.0, 1.0, 1000.0, false),
        ])
    func within(value: Double, goal: Double, absolute: Double, relative: Double, expected: Bool) {
        #expect(BalanceTest.within(value, goal: goal, absolute: absolute, relative: relative) == expected)
    }
}
