import ControllerRuntime
import EMQXSimulator
import Foundation
import KubeClient
import Logging
import Synchronization
import EMQXClient
import Rebalancing
import Testing
import VirtualTime

/// The operator's real controllers, reconcilers and broker source, with an in-memory Kubernetes
/// (``InMemoryKubernetes``) and a simulated EMQX cluster, all on one ``ManualClock``: whole evacuations and
/// rebalances run in a second or two of real time, and deterministically in virtual time.
///
/// Time moves only in ``advance()``: the harness first waits until the operator is quiet (no key queued or being
/// reconciled, no broker reading in flight), then moves the clock to the next instant anything sleeps until, where
/// the simulator advances too. EMQX is reached over loopback HTTP (the simulator's API and the real `EMQXClient`).
final class OperatorHarness: Sendable {
    static let namespace = "default"
    static let clusterName = "emqx"
    static let epoch = Date(timeIntervalSince1970: 1_800_000_000)

    let clock: ManualClock
    let kube: InMemoryKubernetes
    let simulator: EMQXSimulator
    let controllers: OperatorControllers
    let nodeNames: [String]
    /// Every reading of EMQX the broker source took.
    let reads: ReadCounter

    var clusterKey: ObjectKey { ObjectKey(namespace: Self.namespace, name: Self.clusterName) }

    /// Virtual time as a wall-clock date (what the reconcilers see as `now`).
    var now: Date { Self.date(of: clock) }

    static func date(of clock: ManualClock) -> Date {
        let offset = clock.now.offset.components
        return epoch.addingTimeInterval(Double(offset.seconds) + Double(offset.attoseconds) / 1e18)
    }

    private init(clock: ManualClock, kube: InMemoryKubernetes, simulator: EMQXSimulator, controllers: OperatorControllers, nodeNames: [String], reads: ReadCounter) {
        self.clock = clock
        self.kube = kube
        self.simulator = simulator
        self.controllers = controllers
        self.nodeNames = nodeNames
        self.reads = reads
    }

    /// Runs `body` with `nodes` broker pods (owned by the StatefulSet `emqx`, pod `emqx-<i>` on Kubernetes node
    /// `worker-<podNodes[i]>`, default `worker-<i>`) and EMQX nodes holding `clients` clients spread by
    /// `distribution`, a BrokerCluster `emqx` over them, and the operator running; everything is stopped afterwards.
    static func run(
        nodes: Int = 3, clients: Int = 3000, distribution: [Double] = [15, 10, 5], minAvailableNodes: Int? = nil, podNodes: [Int]? = nil,
        _ body: @Sendable (OperatorHarness) async throws -> Void
    ) async throws {
        let clock = ManualClock()
        var logger = Logger(label: "harness")
        logger.logLevel = .warning
        let configuration = SimulatorConfiguration(nodeCount: nodes, clientCount: clients, initialDistribution: distribution)
        let simulator = try await EMQXSimulator.start(configuration, clock: clock)
        let kube = InMemoryKubernetes(now: { date(of: clock) })
        let names = (0..<nodes).map(SimulatorConfiguration.defaultNodeName)
        kube.put(Secret(metadata: ObjectMeta(name: "emqx-api-key", namespace: namespace), data: ["key": Data(configuration.apiKey.utf8), "secret": Data(configuration.apiSecret.utf8)]))
        kube.put(statefulSet(replicas: nodes))
        for index in 0..<nodes {
            kube.put(KubeNode(metadata: ObjectMeta(name: "worker-\(index)"), spec: .init()))
            kube.put(pod(index, node: podNodes?[index]))
        }
        let cluster = BrokerCluster(
            metadata: ObjectMeta(name: clusterName, namespace: namespace),
            spec: .init(api: .init(url: simulator.serviceURL, credentialsSecret: "emqx-api-key", timeoutSeconds: 1), pods: .init(selector: LabelSelector(matchLabels: ["app": "emqx"])), minAvailableNodes: minAvailableNodes)
        )
        _ = try await kube.create(cluster)
        let connector = BrokerConnector(secrets: kube)
        let reads = ReadCounter(connector)
        let controllers = OperatorControllers(
            clusters: kube.clusters, evacuations: kube.evacuations, rebalances: kube.rebalances, pods: kube.pods,
            nodes: kube.nodes, budgets: kube.budgets, statefulSets: kube.statefulSets, writer: kube, connector: reads, clock: clock, now: { date(of: clock) }, logger: logger
        )
        let harness = OperatorHarness(clock: clock, kube: kube, simulator: simulator, controllers: controllers, nodeNames: names, reads: reads)
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await controllers.run() }
                defer { group.cancelAll() }
                try await harness.run(until: "the BrokerCluster is Ready") { harness.cluster?.status?.conditions?.condition(.ready)?.status == .true }
                try await body(harness)
            }
        } catch {
            await connector.shutdown()
            await simulator.shutdown()
            throw error
        }
        await connector.shutdown()
        await simulator.shutdown()
    }

    /// The StatefulSet `emqx` that owns the broker pods.
    static func statefulSet(replicas: Int) -> StatefulSet {
        StatefulSet(
            metadata: ObjectMeta(name: "emqx", namespace: namespace, labels: ["app": "emqx"]),
            spec: .init(replicas: replicas, selector: LabelSelector(matchLabels: ["app": "emqx"]), serviceName: "emqx-headless", template: PodTemplateSpec())
        )
    }

    /// Broker pod `emqx-<index>` on `worker-<node>` (default: the same index), Running and Ready, owned by the
    /// StatefulSet.
    static func pod(_ index: Int, node: Int? = nil) -> Pod {
        Pod(
            metadata: ObjectMeta(
                name: "emqx-\(index)", namespace: namespace, labels: ["app": "emqx"],
                ownerReferences: [OwnerReference(apiVersion: "apps/v1", kind: "StatefulSet", name: "emqx", uid: "emqx-statefulset", controller: true)]
            ),
            spec: PodSpec(nodeName: "worker-\(node ?? index)", hostname: "emqx-\(index)", subdomain: "emqx-headless"),
            status: .init(phase: "Running", podIP: "10.0.0.\(index + 10)", conditions: [PodCondition(type: "Ready", status: "True")])
        )
    }

    // MARK: - Reading

    var cluster: BrokerCluster? { kube.object(BrokerCluster.self, clusterKey) }

    func evacuation(_ name: String) -> NodeEvacuation? { kube.object(NodeEvacuation.self, ObjectKey(namespace: Self.namespace, name: name)) }

    func rebalance(_ name: String) -> ClusterRebalance? { kube.object(ClusterRebalance.self, ObjectKey(namespace: Self.namespace, name: name)) }

    /// The simulator's truth must hold: no session lost, no client without a node.
    func expectTruth(sourceLocation: SourceLocation = #_sourceLocation) async {
        let stats = await simulator.stats()
        #expect(stats.sessionsLost == 0, "sessions lost", sourceLocation: sourceLocation)
        #expect(stats.clientsWithoutNode == 0, "clients without a node", sourceLocation: sourceLocation)
    }

    /// What the resources and the simulator show, for failure messages.
    func snapshot() async -> String {
        var lines: [String] = []
        for evacuation in kube.evacuations.objects {
            let ready = evacuation.status?.conditions?.condition(.ready)
            lines.append("NodeEvacuation \(evacuation.metadata.name ?? ""): \(evacuation.status?.phase?.rawValue ?? "-") \(ready?.reason ?? "") \(ready?.message ?? "")")
        }
        for rebalance in kube.rebalances.objects {
            let ready = rebalance.status?.conditions?.condition(.ready)
            let attempts = (rebalance.status?.attempts ?? []).map { $0.outcome?.rawValue ?? "open" }
            lines.append("ClusterRebalance \(rebalance.metadata.name ?? ""): \(rebalance.status?.phase?.rawValue ?? "-") \(ready?.reason ?? "") \(ready?.message ?? "") attempts \(attempts) plan \(String(describing: rebalance.status?.plan)) messages \((rebalance.status?.attempts ?? []).map { $0.message ?? "" })")
        }
        let stats = await simulator.stats()
        for node in stats.nodes {
            lines.append("\(node.name): \(node.status) \(node.connections) connections \(node.sessions) sessions evacuation \(node.evacuationState ?? "-") rebalance \(node.rebalanceState ?? "-")")
        }
        lines.append("virtual time \(clock.now), writes \(kube.writeLog.count), EMQX calls \(simulator.operationCalls.map { "\($0.kind) \($0.status)" })")
        return lines.joined(separator: "\n")
    }

    // MARK: - Time

    /// No key queued or being reconciled, no broker reading in flight.
    var isQuiet: Bool {
        let queues = [controllers.clusters.queue.statistics, controllers.evacuations.queue.statistics, controllers.rebalances.queue.statistics]
        return queues.allSatisfy { $0.ready == 0 && $0.processing == 0 } && controllers.source.readingsInFlight == 0
    }

    /// Waits (real time, bounded) until the operator has been quiet for a few consecutive looks.
    func settle() async {
        var quietLooks = 0
        let deadline = ContinuousClock.now + .seconds(10)
        while quietLooks < 4, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(1))
            quietLooks = isQuiet ? quietLooks + 1 : 0
        }
    }

    /// Lets the operator finish what it does, then moves virtual time to the next instant anything sleeps until
    /// (at most `limit` ahead).
    func advance(limit: Duration = .seconds(1)) async {
        await settle()
        let target = clock.now.advanced(by: limit)
        let next = clock.nextDeadline.map { min($0, target) } ?? target
        await clock.advance(to: max(next, clock.now.advanced(by: .milliseconds(1))))
        await settle()
    }

    /// Moves virtual time forward by `duration`, stopping wherever something wakes.
    func advance(by duration: Duration) async {
        let end = clock.now.advanced(by: duration)
        while clock.now < end {
            await advance(limit: clock.now.duration(to: end))
        }
    }

    /// Advances virtual time until `condition` holds; records an issue and throws after `timeout` of virtual time.
    func run(until what: String, timeout: Duration = .seconds(900), sourceLocation: SourceLocation = #_sourceLocation, _ condition: () async throws -> Bool) async throws {
        let end = clock.now.advanced(by: timeout)
        await settle()
        while clock.now < end {
            if try await condition() { return }
            await advance()
            if ProcessInfo.processInfo.environment["HARNESS_TRACE"] != nil {
                FileHandle.standardError.write(Data("[\(what)] \(clock.now) quiet=\(isQuiet) \(controllers.clusters.queue.statistics) \(controllers.evacuations.queue.statistics) \(controllers.rebalances.queue.statistics) inflight=\(controllers.source.readingsInFlight)\n".utf8))
            }
        }
        if try await condition() { return }
        Issue.record("not within \(timeout) of virtual time: \(what)\n\(await snapshot())", sourceLocation: sourceLocation)
        throw HarnessTimeout(what: what)
    }
}

/// A ``BrokerConnecting`` that counts the readings taken through it.
final class ReadCounter: BrokerConnecting {
    private let base: BrokerConnector
    private let count = Mutex(0)

    init(_ base: BrokerConnector) { self.base = base }

    var total: Int { count.withLock { $0 } }

    func read(_ cluster: BrokerCluster) async -> BrokerReading {
        count.withLock { $0 += 1 }
        return await base.read(cluster)
    }

    func actions(for cluster: BrokerCluster) async throws -> any EMQXActions { try await base.actions(for: cluster) }
    func forget(_ key: ObjectKey) async { await base.forget(key) }
}

struct HarnessTimeout: Error {
    var what: String
}
