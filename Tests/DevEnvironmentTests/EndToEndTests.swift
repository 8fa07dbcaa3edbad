import DevEnvironment
import EMQXSimulator
import Foundation
import KubeClient
import Logging
import Rebalancing
import Testing

/// The operator, the test API server and the simulated EMQX cluster together, on short real time, for what needs
/// the real API server: its request counts and its schema validation. Scenarios that need neither run on virtual
/// time in RebalancingTests (`Scenarios/`). Each test asserts the simulator's truth: no session lost, no client
/// left without a broker.
@Suite("end to end", .serialized)
struct EndToEndTests {
    static let logger: Logger = {
        var logger = Logger(label: "e2e")
        logger.logLevel = .warning
        return logger
    }()

    struct Environment {
        var info: DevEnvironment.Info
        var kube: KubeClient
        var simulator: EMQXSimulator { info.simulator }

        func evacuation(_ name: String) async throws -> NodeEvacuation {
            try await kube.resources(NodeEvacuation.self, namespace: "default").get(name)
        }

        func rebalance(_ name: String) async throws -> ClusterRebalance {
            try await kube.resources(ClusterRebalance.self, namespace: "default").get(name)
        }

        /// Waits (real time, bounded) until `condition` holds.
        func eventually(_ what: String, timeout: Duration = .seconds(60), _ condition: () async throws -> Bool) async throws {
            let deadline = ContinuousClock.now + timeout
            while ContinuousClock.now < deadline {
                if (try? await condition()) == true { return }
                try await Task.sleep(for: .milliseconds(100))
            }
            Issue.record("timed out waiting for: \(what)")
            throw CancellationError()
        }

        /// Runs `body` while watching `resources`, and returns how many times the object `name` was modified.
        func countingModifications<Object: Resource>(of resources: ResourceClient<Object>, named name: String, _ body: () async throws -> Void) async throws -> Int {
            let list = try await resources.list()
            let stream = resources.watch(WatchOptions(resourceVersion: list.metadata.resourceVersion, fieldSelector: "metadata.name=\(name)"))
            return try await withThrowingTaskGroup(of: Int.self) { group in
                group.addTask {
                    var count = 0
                    do {
                        for try await event in stream {
                            if case .modified = event { count += 1 }
                        }
                    } catch {}
                    return count
                }
                try await body()
                group.cancelAll()
                return try await group.next() ?? 0
            }
        }

        func expectTruth(allowLostSessions: Bool = false) async {
            let stats = await simulator.stats()
            if !allowLostSessions { #expect(stats.sessionsLost == 0, "sessions lost") }
            #expect(stats.clientsWithoutNode == 0, "clients without a node")
        }
    }

    static func settings() throws -> OperatorSettings {
        var flags = OperatorSettings.Flags()
        flags.metricsBindAddress = "0"
        flags.healthProbeBindAddress = "0"
        flags.logLevel = "warning"
        return try OperatorSettings.resolve(flags: flags, environment: [:])
    }

    /// Runs `body` with the dev environment and the operator in this process.
    static func withEnvironment(clients: Int = 3000, distribution: [Double] = [15, 10, 5], withOperator: Bool = true, _ body: @Sendable (Environment) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-\(UUID().uuidString)")
        let options = DevEnvironment.Options(kubeconfigPath: directory.appendingPathComponent("kubeconfig").path, clients: clients, distribution: distribution)
        let settings = try settings()
        let (ready, continuation) = AsyncStream<DevEnvironment.Info>.makeStream()
        let operatorBody: @Sendable (KubeConfig) async throws -> Void = { config in
            try await BrokerOperator(settings: settings, kubeConfig: config, logger: logger).run()
        }
        let runOperator = withOperator ? operatorBody : nil
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await DevEnvironment.run(options, logger: logger, operator: runOperator) { continuation.yield($0) }
            }
            var iterator = ready.makeAsyncIterator()
            guard let info = await iterator.next() else { return }
            let kube = KubeClient(config: info.kubeConfig)
            do {
                try await body(Environment(info: info, kube: kube))
            } catch {
                try? await kube.shutdown()
                group.cancelAll()
                throw error
            }
            try? await kube.shutdown()
            group.cancelAll()
        }
        try? FileManager.default.removeItem(at: directory)
    }

    static func evacuation(_ name: String, pod: String, deadline: Int? = nil) -> NodeEvacuation {
        var spec = NodeEvacuation.Spec(clusterRef: "emqx", target: .init(pod: pod))
        spec.connEvictRate = 1000
        spec.sessEvictRate = 1000
        spec.waitHealthCheckSeconds = 1
        spec.waitTakeoverSeconds = 1
        spec.deadlineSeconds = deadline
        return NodeEvacuation(metadata: ObjectMeta(name: name, namespace: "default"), spec: spec)
    }

    static func rebalance(_ name: String) -> ClusterRebalance {
        var spec = ClusterRebalance.Spec(clusterRef: "emqx")
        // Batches small against the thresholds: clients evicted in one tick are still reconnecting at the next,
        // and EMQX overshoots by what is in flight when its donors' mean meets the recipients'.
        spec.connEvictRate = 20
        spec.sessEvictRate = 20
        spec.waitHealthCheckSeconds = 1
        spec.waitTakeoverSeconds = 1
        spec.absConnThreshold = 200
        spec.absSessThreshold = 200
        spec.retry = .init(limit: 5)
        return ClusterRebalance(metadata: ObjectMeta(name: name, namespace: "default"), spec: spec)
    }

    @Test("a pod is evacuated to Evacuated; deleting the resource lets the node accept clients again; status is written about once a second at most")
    func evacuatePod() async throws {
        try await Self.withEnvironment { env in
            let evacuations = env.kube.resources(NodeEvacuation.self, namespace: "default")
            let requests = env.info.apiServer.faults.requests
            requests.reset()
            let started = ContinuousClock.now
            let writes = try await env.countingModifications(of: evacuations, named: "evacuate-0") {
                _ = try await evacuations.create(Self.evacuation("evacuate-0", pod: "emqx-0"))
                try await env.eventually("Evacuated") { try await env.evacuation("evacuate-0").status?.phase == .evacuated }
            }
            let elapsed = (ContinuousClock.now - started) / .seconds(1)
            print("status writes of one evacuation: \(writes) in \(elapsed) s")
            // One write per observed change and the poll at most once a second; a reconcile triggered by its own
            // status write would write many times a second.
            #expect(Double(writes) <= 3 * elapsed + 10, "\(writes) updates in \(elapsed) s")
            // Once its caches synced the operator only watches; the test itself lists and gets NodeEvacuations.
            let polled = requests.snapshot.filter { ["list", "get"].contains($0.key.verb) && !$0.key.resource.hasPrefix("nodeevacuations") }
            print("list/get requests during the evacuation (besides the test's own): \(polled)")
            #expect(polled.values.reduce(0, +) <= 1, "polling requests: \(polled)")
            let evacuated = try await env.evacuation("evacuate-0")
            #expect(evacuated.status?.conditions?.first { $0.type == "Ready" }?.status == .true)
            #expect(evacuated.status?.progress == 100)
            #expect(evacuated.metadata.finalizers?.contains(RebalancingAPI.finalizer) == true)
            let node = SimulatorConfiguration.defaultNodeName(0)
            #expect(await env.simulator.stats().nodes.first { $0.name == node }?.connections == 0)
            await env.expectTruth()

            _ = try await evacuations.delete("evacuate-0")
            try await env.eventually("the resource is gone") { try await evacuations.getIfExists("evacuate-0") == nil }
            try await env.eventually("the node accepts clients again") { await env.simulator.stats().nodes.first { $0.name == node }?.acceptingConnections == true }
            await env.expectTruth()
        }
    }

    @Test("bad input never reaches the broker: schema violations are refused with field paths, cross-field rules give Ready=False")
    func badInput() async throws {
        try await Self.withEnvironment { env in
            var invalid = Self.evacuation("bad-rate", pod: "emqx-0")
            invalid.spec.connEvictRate = 0
            await #expect {
                _ = try await env.kube.resources(NodeEvacuation.self, namespace: "default").create(invalid)
            } throws: { error in
                guard let error = error as? KubeAPIError else { return false }
                return error.code == 422 && error.message.contains("spec.connEvictRate")
            }
            _ = try await env.kube.resources(NodeEvacuation.self, namespace: "default").create(Self.evacuation("no-such-pod", pod: "emqx-9"))
            try await env.eventually("Ready=False PodNotFound") {
                try await env.evacuation("no-such-pod").status?.conditions?.first { $0.type == "Ready" }?.reason == "PodNotFound"
            }
            #expect(await env.simulator.stats().nodes.allSatisfy { $0.evacuationState == nil })
        }
    }
}
