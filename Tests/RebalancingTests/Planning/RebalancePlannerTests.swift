import EMQXClient
import Foundation
import Testing

@testable import Rebalancing

@Suite("RebalancePlanner: EMQX's plan, the coordinator, what must move, AlreadyBalanced")
struct RebalancePlannerTests {
    static func load(_ name: String, _ connections: Int64, _ sessions: Int64? = nil, available: Bool = true) -> NodeLoad {
        NodeLoad(name: name, connections: connections, sessions: sessions ?? connections, isAvailable: available)
    }

    @Test("the dev cluster 15000/10000/5000: two donors, the idle node coordinates, 5000 to move")
    func devCluster() throws {
        let plan = try RebalancePlanner.plan(loads: [Self.load("a", 15000), Self.load("b", 10000), Self.load("c", 5000)])
        #expect(plan.donors == ["a", "b"])
        #expect(plan.recipients == ["c"])
        #expect(plan.coordinator == "c")
        #expect(plan.participants == ["a", "b", "c"])
        #expect(plan.connectionsToMove == 5000)
        #expect(plan.sessionsToMove == 5000)
        #expect(!plan.isAlreadyBalanced)
        #expect(
            plan.status
                == ClusterRebalance.Status.Plan(coordinator: "c", donors: ["a", "b"], recipients: ["c"], connectionsToMove: 5000, sessionsToMove: 5000))
    }

    @Test("a scale-up from 3 to 5: the new nodes receive, the first of them by name coordinates")
    func scaleUp() throws {
        let plan = try RebalancePlanner.plan(loads: [
            Self.load("emqx-0", 10000), Self.load("emqx-1", 10000), Self.load("emqx-2", 10000), Self.load("emqx-4", 0), Self.load("emqx-3", 0),
        ])
        #expect(plan.donors == ["emqx-0", "emqx-1", "emqx-2"])
        #expect(plan.recipients == ["emqx-4", "emqx-3"])
        #expect(plan.coordinator == "emqx-3")
        #expect(plan.connectionsToMove == 12000)
    }

    @Test("a cluster within the thresholds is AlreadyBalanced, and its plan still says who would give")
    func alreadyBalanced() throws {
        let plan = try RebalancePlanner.plan(loads: [Self.load("a", 1000), Self.load("b", 900), Self.load("c", 950)])
        #expect(plan.isAlreadyBalanced)
        #expect(plan.donors == ["a", "c"], "a node exactly at the mean (950) is a donor")
        #expect(plan.coordinator == "b")
    }

    @Test("equal loads: every node a donor, no recipient; the least loaded (then by name) would coordinate")
    func equalLoads() throws {
        let plan = try RebalancePlanner.plan(loads: [Self.load("b", 10), Self.load("a", 10)])
        #expect(plan.isAlreadyBalanced)
        #expect(plan.recipients.isEmpty)
        #expect(plan.coordinator == "a")
        #expect(plan.connectionsToMove == 0)
    }

    @Test("unavailable nodes (stopped, evacuating) never take part and are listed")
    func unavailableExcluded() throws {
        let plan = try RebalancePlanner.plan(loads: [
            Self.load("a", 9000), Self.load("evacuating", 0, available: false), Self.load("b", 1000), Self.load("down", 0, available: false),
        ])
        #expect(plan.participants == ["a", "b"])
        #expect(plan.unavailableNodes == ["evacuating", "down"])
        #expect(plan.recipients == ["b"])
        #expect(plan.coordinator == "b")
    }

    @Test("requested nodes restrict the plan, in the requested order, without duplicates")
    func requestedNodes() throws {
        let loads = [Self.load("a", 9000), Self.load("b", 1000), Self.load("c", 0)]
        let plan = try RebalancePlanner.plan(loads: loads, requestedNodes: ["b", "a", "b"])
        #expect(plan.participants == ["b", "a"])
        #expect(plan.donors == ["a"])
        #expect(plan.coordinator == "b")
        let all = try RebalancePlanner.plan(loads: loads, requestedNodes: [])
        #expect(all.participants == ["a", "b", "c"])
    }

    @Test("a requested node EMQX does not list is refused")
    func unknownNode() {
        #expect(throws: PlanningError.unknownNodes(["ghost"])) {
            try RebalancePlanner.plan(loads: [Self.load("a", 1)], requestedNodes: ["a", "ghost"])
        }
    }

    @Test("with no available node nothing can coordinate")
    func noCoordinator() {
        #expect(throws: PlanningError.noCoordinator) {
            try RebalancePlanner.plan(loads: [Self.load("a", 1, available: false)])
        }
        #expect(throws: PlanningError.noCoordinator) { try RebalancePlanner.plan(loads: []) }
    }

    @Test("sessions to move count the donors' sessions above the session mean")
    func sessionsToMove() throws {
        let plan = try RebalancePlanner.plan(loads: [Self.load("a", 100, 3000), Self.load("b", 0, 0), Self.load("c", 50, 0)])
        #expect(plan.donors == ["a", "c"])
        #expect(plan.connectionsToMove == 50)
        #expect(plan.sessionsToMove == 2000)
    }

    @Test("thresholds from the spec: EMQX defaults, decimal strings, refusals naming the field")
    func thresholdsFromSpec() throws {
        var spec = ClusterRebalance.Spec(clusterRef: "emqx")
        #expect(try BalanceThresholds(spec: spec) == .emqxDefaults)
        spec.relConnThreshold = "1.5"
        spec.absSessThreshold = 10
        let parsed = try BalanceThresholds(spec: spec)
        #expect(parsed.relativeConnections == 1.5)
        #expect(parsed.absoluteSessions == 10)
        for (field, bad) in [("spec.relConnThreshold", "abc"), ("spec.relConnThreshold", "1.0")] {
            spec.relConnThreshold = bad
            let error = #expect(throws: PlanningError.self) { try BalanceThresholds(spec: spec) }
            guard case .invalidSpec(let name, _) = error else {
                Issue.record("expected invalidSpec, got \(String(describing: error))")
                continue
            }
            #expect(name == field)
            #expect(error?.reason == .invalidSpec)
        }
        spec.relConnThreshold = nil
        spec.absConnThreshold = 0
        #expect(throws: PlanningError.invalidSpec(field: "spec.absConnThreshold", message: "must be at least 1, got 0")) {
            try BalanceThresholds(spec: spec)
        }
    }

    @Test("loads from /api/v5/nodes: live_connections are connections; stopped and busy nodes are unavailable")
    func loadsFromNodes() {
        let nodes = [
            EMQXNode(name: "a", status: .running, connections: 10, sessions: 12),
            EMQXNode(name: "b", status: .stopped),
            EMQXNode(name: "c", status: .running, connections: 1, sessions: 1),
        ]
        let status = EMQXGlobalStatus(evacuations: [
            EvacuationStatus(node: "c", state: .prohibiting, stats: EvictionStats(initialConnected: 1, currentConnected: 0, initialSessions: 1, currentSessions: 0))
        ])
        let busy = NodeLoad.busyNodes(in: status, allNodes: nodes.map(\.name))
        let loads = nodes.map { NodeLoad($0, busyNodes: busy) }
        #expect(loads == [
            NodeLoad(name: "a", connections: 10, sessions: 12), NodeLoad(name: "b", connections: 0, sessions: 0, isAvailable: false),
            NodeLoad(name: "c", connections: 1, sessions: 1, isAvailable: false),
        ])
        let donorsBusy = NodeLoad.busyNodes(
            in: EMQXGlobalStatus(rebalances: [RebalanceCoordinatorStatus(node: "a", state: .evictingConnections, donors: ["b"], recipients: ["a"])]),
            allNodes: ["a", "b"])
        #expect(donorsBusy == ["b"])
    }
}
