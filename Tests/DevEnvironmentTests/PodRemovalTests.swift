import DevEnvironment
import Foundation
import KubeClient
import Rebalancing
import Testing
import TestSupport

/// Pods that go away without an eviction, driven with stock `kubectl` against `dev` with the operator: the broker
/// pods carry the project's preStop hook, which the played kubelet runs, so a deleted pod stops only once its node is
/// evacuated. Each asserts the simulator's truth: no session lost, no client left without a node.
@Suite("pod removal with kubectl", .serialized)
struct PodRemovalTests {
    static func kubectl(_ env: EndToEndTests.Environment, _ arguments: String...) async throws -> ProcessResult {
        try await ProcessRunner.run("kubectl", arguments, environment: ["KUBECONFIG": env.info.kubeconfigPath])
    }

    /// Waits until drain protection has labelled the three broker pods.
    static func waitUntilGuarded(_ env: EndToEndTests.Environment) async throws {
        let pods = env.kube.resources(Pod.self, namespace: "default")
        try await env.eventually("every broker pod guarded") {
            try await pods.list(.init(labelSelector: "app=emqx")).items.filter { $0.metadata.labels?[DrainGuard.guardLabel] != nil }.count == 3
        }
    }

    static func brokerNode(_ index: Int) -> String { ClusterPlayer.brokerNode(pod: "emqx-\(index)", service: "emqx-headless", namespace: "default") }

    @Test("kubectl delete pod emqx-0: evacuated before it stops; back under its name it accepts clients again")
    func deletePod() async throws {
        try await EndToEndTests.withEnvironment(clients: 3000) { env in
            let pods = env.kube.resources(Pod.self, namespace: "default")
            try await Self.waitUntilGuarded(env)
            let before = try await pods.get("emqx-0").metadata.uid
            let started = ContinuousClock.now
            let deleted = try await Self.kubectl(env, "delete", "pod", "emqx-0", "--timeout=2m")
            print("kubectl delete pod emqx-0 took \(ContinuousClock.now - started) (the preStop hook held it until the node was evacuated)")
            #expect(deleted.status == 0, "\(deleted.stdout)\(deleted.stderr)")
            let node = Self.brokerNode(0)
            let stats = await env.simulator.stats()
            #expect(stats.sessionsLost == 0, "sessions lost: the pod stopped before its node was evacuated")
            let evacuation = DrainGuard.leaveEvacuationName(cluster: "emqx", pod: "emqx-0")
            try await env.eventually("emqx-0 is back", timeout: .seconds(60)) { try await pods.getIfExists("emqx-0").map { $0.metadata.uid != before && $0.isReady } == true }
            try await env.eventually("its leave evacuation is deleted", timeout: .seconds(60)) {
                try await env.kube.resources(NodeEvacuation.self, namespace: "default").getIfExists(evacuation) == nil
            }
            try await env.eventually("the new incarnation accepts clients", timeout: .seconds(60)) {
                await env.simulator.stats().nodes.first { $0.name == node }?.acceptingConnections == true
            }
            await env.expectTruth()
        }
    }

    @Test("kubectl rollout restart statefulset emqx, followed by kubectl rollout status: every pod replaced after its evacuation")
    func rollingRestart() async throws {
        try await EndToEndTests.withEnvironment(clients: 3000) { env in
            let pods = env.kube.resources(Pod.self, namespace: "default")
            try await Self.waitUntilGuarded(env)
            let before = Set(try await pods.list(.init(labelSelector: "app=emqx")).items.compactMap(\.metadata.uid))
            let started = ContinuousClock.now
            let restarted = try await Self.kubectl(env, "rollout", "restart", "statefulset", "emqx")
            #expect(restarted.status == 0, "\(restarted.stdout)\(restarted.stderr)")
            let status = try await Self.kubectl(env, "rollout", "status", "statefulset", "emqx", "--timeout=5m")
            print("rolling restart of 3 pods took \(ContinuousClock.now - started)")
            #expect(status.status == 0, "\(status.stdout)\(status.stderr)")
            // kubectl reports a defaulted partition (0) as a partitioned roll out, as against a real API server.
            #expect(status.stdout.contains("roll out complete: 3 new pods have been updated"), "\(status.stdout)")
            let after = try await pods.list(.init(labelSelector: "app=emqx")).items
            #expect(after.count == 3)
            #expect(Set(after.compactMap(\.metadata.uid)).isDisjoint(with: before), "every pod was replaced")
            #expect(await env.simulator.stats().sessionsLost == 0, "sessions lost in the rolling restart")
            try await env.eventually("every broker accepts clients again", timeout: .seconds(60)) {
                await env.simulator.stats().nodes.allSatisfy { $0.acceptingConnections }
            }
            await env.expectTruth()
        }
    }

    @Test("kubectl scale statefulset emqx --replicas=1: emqx-2 and emqx-1 are evacuated onto emqx-0 before they stop")
    func scaleDown() async throws {
        try await EndToEndTests.withEnvironment(clients: 3000) { env in
            let pods = env.kube.resources(Pod.self, namespace: "default")
            try await Self.waitUntilGuarded(env)
            let started = ContinuousClock.now
            let scaled = try await Self.kubectl(env, "scale", "statefulset", "emqx", "--replicas=1")
            #expect(scaled.status == 0, "\(scaled.stdout)\(scaled.stderr)")
            try await env.eventually("one broker pod left", timeout: .seconds(120)) {
                try await pods.list(.init(labelSelector: "app=emqx")).items.map { $0.metadata.name } == ["emqx-0"]
            }
            print("scale-down to 1 replica took \(ContinuousClock.now - started)")
            let stats = await env.simulator.stats()
            #expect(stats.sessionsLost == 0, "sessions lost on scale-down")
            try await env.eventually("only emqx-0's broker runs", timeout: .seconds(30)) {
                await env.simulator.stats().nodes.filter { $0.status == "running" }.map(\.name) == [Self.brokerNode(0)]
            }
            try await env.eventually("the leave evacuations are deleted", timeout: .seconds(60)) {
                try await env.kube.resources(NodeEvacuation.self, namespace: "default").list().items.isEmpty
            }
            await env.expectTruth()
        }
    }
}
