import EMQXSimulator
import Foundation
import KubeClient
import Rebalancing
import Testing
import TestSupport

/// The operator as a separate process, killed with SIGKILL in the middle of an evacuation (no shutdown, no
/// status written on the way out) and started again: EMQX keeps evacuating on its own, and the new process adopts
/// the running evacuation instead of starting it a second time.
@Suite("operator killed and restarted", .serialized)
struct OperatorRestartTests {
    @Test("SIGKILL mid-evacuation: EMQX keeps going, the restarted operator adopts it (one start call), reaches Evacuated, and the delete lets the node accept clients again")
    func killMidEvacuation() async throws {
        try await EndToEndTests.withEnvironment(clients: 3000, withOperator: false) { env in
            let group = ProcessGroup()
            defer { group.killAll() }
            let binary = try OperatorProcess.debugBinary()
            let evacuations = env.kube.resources(NodeEvacuation.self, namespace: "default")
            let node = SimulatorConfiguration.defaultNodeName(0)
            func nodeStats() async -> SimulatorStats.Node? { await env.simulator.stats().nodes.first { $0.name == node } }
            func startCalls() -> [OperationCall] { env.simulator.operationCalls.filter { $0.kind == .startEvacuation } }

            let first = try OperatorProcess.start(binary, kubeconfig: env.info.kubeconfigPath, in: group)
            // Slow enough (about 1,500 connections at 100/s) to be mid-way when the process dies.
            var evacuation = EndToEndTests.evacuation("restart", pod: "emqx-0")
            evacuation.spec.connEvictRate = 100
            evacuation.spec.sessEvictRate = 100
            _ = try await evacuations.create(evacuation)
            try await env.eventually("the operator reports EvictingConnections") {
                try await env.evacuation("restart").status?.phase == .evictingConnections
            }
            let before = try await env.evacuation("restart")
            let startedAt = try #require(before.status?.startedAt)
            let podUID = try #require(before.status?.brokerNodes?.first?.podUID)
            #expect(startCalls().count == 1)

            first.signal(SIGKILL)
            let killed = await first.wait()
            #expect(killed.status == SIGKILL, "the first operator died of SIGKILL")
            #expect(killed.stderr.contains("started the evacuation"), "the first process logged its start")

            // Nobody runs the operator now: EMQX's evacuation goes on by itself.
            let connectionsAtKill = try #require(await nodeStats()?.connections)
            #expect(await nodeStats()?.evacuationState != nil, "EMQX still evacuates \(node)")
            try await env.eventually("EMQX evicts connections without the operator", timeout: .seconds(30)) {
                (await nodeStats()?.connections ?? connectionsAtKill) < connectionsAtKill
            }
            #expect(await nodeStats()?.acceptingConnections == false, "the node keeps refusing clients")
            let orphaned = try await env.evacuation("restart")
            #expect(orphaned.status?.startedAt == startedAt)
            #expect(orphaned.status?.brokerNodes?.first?.podUID == podUID)
            #expect(orphaned.metadata.finalizers?.contains(RebalancingAPI.finalizer) == true)
            #expect(orphaned.status?.phase != .pending && orphaned.status?.phase != nil, "status not regressed: \(String(describing: orphaned.status?.phase))")

            print("killed the operator in phase \(before.status?.phase?.rawValue ?? "-") with \(connectionsAtKill) connections left on \(node); EMQX went on to \(await nodeStats()?.connections ?? -1) before the restart")
            let second = try OperatorProcess.start(binary, kubeconfig: env.info.kubeconfigPath, in: group)
            try await env.eventually("Evacuated under the restarted operator", timeout: .seconds(90)) {
                try await env.evacuation("restart").status?.phase == .evacuated
            }
            let evacuated = try await env.evacuation("restart")
            #expect(startCalls().count == 1, "the restarted operator adopted the running evacuation: \(startCalls())")
            #expect(evacuated.status?.startedAt == startedAt, "startedAt kept")
            #expect(evacuated.status?.brokerNodes?.first?.podUID == podUID, "pod UID kept")
            #expect(evacuated.status?.brokerNodes?.first?.initialConnections == before.status?.brokerNodes?.first?.initialConnections)
            #expect(evacuated.status?.conditions?.first { $0.type == "Ready" }?.status == .true)
            #expect(await nodeStats()?.connections == 0)
            #expect(await nodeStats()?.sessions == 0)
            await env.expectTruth()

            _ = try await evacuations.delete("restart")
            try await env.eventually("the resource is gone") { try await evacuations.getIfExists("restart") == nil }
            try await env.eventually("the node accepts clients again") { await nodeStats()?.acceptingConnections == true }
            #expect(env.simulator.operationCalls.contains { $0.kind == .stopEvacuation && $0.node == node && $0.status == 200 })
            await env.expectTruth()
            #expect(!second.stderr.contains("started the evacuation"), "the second process did not start it again")
            #expect(first.processIdentifier != second.processIdentifier)
        }
    }

    @Test("SIGKILL mid-rebalance: the restarted operator adopts the running attempt (one start call per attempt, the first attempt's start kept) and completes it")
    func killMidRebalance() async throws {
        try await EndToEndTests.withEnvironment(clients: 3000, withOperator: false) { env in
            let group = ProcessGroup()
            defer { group.killAll() }
            let binary = try OperatorProcess.debugBinary()
            let rebalances = env.kube.resources(ClusterRebalance.self, namespace: "default")
            func startCalls() -> [OperationCall] { env.simulator.operationCalls.filter { $0.kind == .startRebalance && $0.status == 200 } }

            let first = try OperatorProcess.start(binary, kubeconfig: env.info.kubeconfigPath, in: group)
            _ = try await rebalances.create(EndToEndTests.rebalance("restart"))
            try await env.eventually("EMQX evicting, the attempt recorded") {
                let recorded = try await env.rebalance("restart").status?.attempts?.count == 1
                let evicting = await env.simulator.stats().nodes.contains { $0.rebalanceState == "evicting_conns" }
                return recorded && evicting
            }
            let before = try await env.rebalance("restart")
            let firstStart = try #require(before.status?.attempts?.first?.startedAt)
            #expect(startCalls().count == 1)

            first.signal(SIGKILL)
            let killed = await first.wait()
            #expect(killed.status == SIGKILL, "the first operator died of SIGKILL")

            _ = try OperatorProcess.start(binary, kubeconfig: env.info.kubeconfigPath, in: group)
            try await env.eventually("Completed under the restarted operator", timeout: .seconds(120)) {
                try await env.rebalance("restart").status?.phase == .completed
            }
            let done = try await env.rebalance("restart")
            let attempts = done.status?.attempts ?? []
            #expect(done.status?.result == .balanced)
            #expect(attempts.first?.startedAt == firstStart, "the first attempt was adopted, not restarted")
            #expect(startCalls().count == attempts.count, "one start call per attempt: \(startCalls().count) calls, \(attempts.count) attempts")
            await env.expectTruth()
        }
    }
}
