import EMQXClient
import Testing

@testable import Rebalancing

@Suite("EMQX start bodies from decided requests")
struct StartRequestBodyTests {
    @Test("an evacuation start carries the decided rates, waits and recipients, EMQX's defaults filled in")
    func evacuation() {
        var spec = NodeEvacuation.Spec(clusterRef: "emqx", target: .init(pod: "emqx-2"))
        spec.sessEvictRate = 50
        spec.waitTakeoverSeconds = 0
        spec.migrateTo = ["emqx@b"]
        let body = EvacuationStartRequest(EvacuationRequest(node: "emqx@a", spec: spec))
        #expect(body == EvacuationStartRequest(waitHealthCheck: .seconds(60), connEvictRate: 500, sessEvictRate: 50, waitTakeover: .zero, migrateTo: ["emqx@b"]))
    }

    @Test("a rebalance start carries the plan's participants and the spec's settings")
    func rebalance() {
        var spec = ClusterRebalance.Spec(clusterRef: "emqx")
        spec.connEvictRate = 100
        spec.waitHealthCheckSeconds = 30
        spec.relSessThreshold = "1.25"
        let plan = ClusterRebalance.Status.Plan(coordinator: "b", donors: ["a"], recipients: ["b"])
        let body = RebalanceStartRequest(RebalanceRequest(plan: plan, spec: spec))
        #expect(body == RebalanceStartRequest(
            nodes: ["a", "b"], waitHealthCheck: .seconds(30), connEvictRate: 100, sessEvictRate: 500, absConnThreshold: 1000,
            relConnThreshold: 1.1, absSessThreshold: 1000, relSessThreshold: 1.25, waitTakeover: .seconds(60)))
    }
}
