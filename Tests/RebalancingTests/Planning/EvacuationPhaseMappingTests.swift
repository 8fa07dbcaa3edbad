import EMQXClient
import Testing

@testable import Rebalancing

@Suite("EvacuationPhaseMapping: EMQX evacuation states to NodeEvacuation phases and progress")
struct EvacuationPhaseMappingTests {
    @Test(
        "each EMQX state maps to its phase",
        arguments: [
            (EvacuationState.waitingHealthCheck, NodeEvacuation.Phase?.some(.waitingHealthCheck)),
            (.evictingConnections, .evictingConnections), (.waitingTakeover, .waitingTakeover),
            (.evictingSessions, .evictingSessions), (.prohibiting, .evacuated), (.other("purging"), nil),
        ])
    func statePhase(state: EvacuationState, phase: NodeEvacuation.Phase?) {
        #expect(EvacuationPhaseMapping.phase(of: state) == phase)
    }

    static func evacuation(_ node: String, _ state: EvacuationState, initial: (Int64, Int64), current: (Int64, Int64)) -> EvacuationStatus {
        EvacuationStatus(
            node: node, state: state,
            stats: EvictionStats(initialConnected: initial.0, currentConnected: current.0, initialSessions: initial.1, currentSessions: current.1))
    }

    @Test("the local status of a node maps too; a disabled node has no phase")
    func localStatus() {
        let local = EMQXLocalStatus.evacuation(Self.evacuation("a", .waitingTakeover, initial: (1, 1), current: (0, 1)))
        #expect(EvacuationPhaseMapping.phase(of: local) == .waitingTakeover)
        #expect(EvacuationPhaseMapping.phase(of: EMQXLocalStatus.disabled) == nil)
    }

    @Test("progress uses live counts from /nodes over EMQX's stale snapshot")
    func liveProgress() {
        let status = EMQXGlobalStatus(evacuations: [Self.evacuation("a", .evictingConnections, initial: (100, 100), current: (100, 100))])
        let observation = EvacuationPhaseMapping.observe(
            targets: ["a"], globalStatus: status, nodes: [EMQXNode(name: "a", status: .running, connections: 40, sessions: 60)])
        #expect(observation.phase == .evictingConnections)
        #expect(observation.progress == 50)
        let node = observation.brokerNodes[0]
        #expect(node.state == "evicting_conns")
        #expect(node.initialConnections == 100)
        #expect(node.connections == 40)
        #expect(node.sessions == 60)
        #expect(observation.notRunning.isEmpty && observation.downNodes.isEmpty)
    }

    @Test("without live counts the snapshot is used; a down node is reported")
    func snapshotProgress() {
        let status = EMQXGlobalStatus(evacuations: [Self.evacuation("a", .evictingSessions, initial: (30, 30), current: (0, 15))])
        let observation = EvacuationPhaseMapping.observe(targets: ["a"], globalStatus: status, nodes: [EMQXNode(name: "a", status: .stopped)])
        #expect(observation.progress == 75)
        #expect(observation.downNodes == ["a"])
    }

    @Test("prohibiting is Evacuated at 100 percent")
    func evacuated() {
        let status = EMQXGlobalStatus(evacuations: [Self.evacuation("a", .prohibiting, initial: (30, 30), current: (0, 0))])
        let observation = EvacuationPhaseMapping.observe(
            targets: ["a"], globalStatus: status, nodes: [EMQXNode(name: "a", status: .running, connections: 0, sessions: 0)])
        #expect(observation.isEvacuated)
        #expect(observation.progress == 100)
    }

    @Test("a target without an entry is Pending and listed as not running")
    func notRunning() {
        let observation = EvacuationPhaseMapping.observe(
            targets: ["a"], globalStatus: EMQXGlobalStatus(), nodes: [EMQXNode(name: "a", status: .running, connections: 5, sessions: 5)])
        #expect(observation.phase == .pending)
        #expect(observation.notRunning == ["a"])
        #expect(observation.progress == 0)
        #expect(observation.brokerNodes[0].connections == 5)
        #expect(observation.brokerNodes[0].state == nil)
    }

    @Test("several targets: the least advanced sets the phase; Evacuated only when all are")
    func severalTargets() {
        let status = EMQXGlobalStatus(evacuations: [
            Self.evacuation("a", .prohibiting, initial: (10, 10), current: (0, 0)),
            Self.evacuation("b", .waitingTakeover, initial: (10, 10), current: (0, 10)),
        ])
        let observation = EvacuationPhaseMapping.observe(targets: ["a", "b"], globalStatus: status, nodes: [])
        #expect(observation.phase == .waitingTakeover)
        #expect(!observation.isEvacuated)
        #expect(observation.progress == 75)
    }

    @Test("an unknown state alone gives no phase: keep the previous one")
    func unknownState() {
        let status = EMQXGlobalStatus(evacuations: [Self.evacuation("a", .other("defragmenting"), initial: (1, 1), current: (1, 1))])
        let observation = EvacuationPhaseMapping.observe(targets: ["a"], globalStatus: status, nodes: [])
        #expect(observation.phase == nil)
    }
}
