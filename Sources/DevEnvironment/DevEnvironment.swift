import EMQXSimulator
import Foundation
import KubeClient
import KubeTestServer
import Logging
import Rebalancing

/// The embedded `dev` environment of the design (section 6), in one process: the test API server with the CRDs,
/// Kubernetes Nodes, a simulated EMQX cluster with its clients, the broker StatefulSet `emqx` with its Pods (played
/// by ``ClusterPlayer``), the API key Secret and the BrokerCluster `emqx` in namespace `default`.
///
/// Guarantees: the kubeconfig is written last, once every pod is Ready, so its existence means ready; everything
/// listens on loopback, on ephemeral ports unless told otherwise; ``run(_:logger:operator:onReady:)`` returns only
/// when cancelled (or on a start-up error), after shutting every part down.
public enum DevEnvironment {
    public struct Options: Sendable {
        public var kubeconfigPath: String
        public var apiServerPort: Int
        public var brokerNodes: Int
        public var clients: Int
        /// Share of the clients per broker at start; uneven so that the rebalance example has work to do.
        public var distribution: [Double]
        public var namespace: String

        public init(kubeconfigPath: String = ".dev/kubeconfig", apiServerPort: Int = 0, brokerNodes: Int = 3, clients: Int = 30_000, distribution: [Double] = [15, 10, 5], namespace: String = "default") {
            self.kubeconfigPath = kubeconfigPath
            self.apiServerPort = apiServerPort
            self.brokerNodes = brokerNodes
            self.clients = clients
            self.distribution = distribution
            self.namespace = namespace
        }
    }

    /// What a user (or a test) needs once the environment is ready.
    public struct Info: Sendable {
        public var kubeconfigPath: String
        public var apiServerURL: String
        public var brokerServiceURL: String
        public var brokerNodeURLs: [String: String]
        public var kubeConfig: KubeConfig
        /// The simulated EMQX cluster, for its truth (`stats()`) and its faults (crash, outage).
        public var simulator: EMQXSimulator
        /// The API server, for its faults.
        public var apiServer: TestAPIServer
    }

    public static let setName = "emqx"
    public static let serviceName = "emqx-headless"
    public static let secretName = "emqx-api-key"
    public static let clusterName = "emqx"

    /// Starts everything, calls `onReady`, then runs `operator` (if any) beside the played cluster until cancelled.
    public static func run(
        _ options: Options,
        logger: Logger,
        operator runOperator: (@Sendable (KubeConfig) async throws -> Void)? = nil,
        onReady: @Sendable (Info) -> Void
    ) async throws {
        // Pods stay Terminating until the played kubelet has run their preStop hook, as on a cluster.
        let server = try await TestAPIServer.start(.init(port: options.apiServerPort, podDeletion: .awaitKubelet))
        let simulator: EMQXSimulator
        do {
            simulator = try await EMQXSimulator.start(
                SimulatorConfiguration(nodeCount: options.brokerNodes, clientCount: options.clients, initialDistribution: options.distribution),
                clock: ContinuousClock(),
                logger: quiet(logger)
            )
        } catch {
            await server.shutdown()
            throw error
        }
        let kubeConfig = KubeConfig(server: server.url, namespace: options.namespace, tls: .init(certificateAuthorityPEM: server.caCertificatePEM), credentials: .bearerToken(server.token))
        let client = KubeClient(config: kubeConfig)
        defer { try? FileManager.default.removeItem(atPath: options.kubeconfigPath) }
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                try await install(options: options, server: server, client: client, simulator: simulator)
                let player = ClusterPlayer(client: client, simulator: simulator, namespace: options.namespace, setName: setName, logger: logger)
                group.addTask { await player.run(clock: ContinuousClock()) }
                try await waitForReadyPods(client: client, namespace: options.namespace, count: options.brokerNodes)
                if let runOperator {
                    group.addTask { try await runOperator(kubeConfig) }
                    try await waitForObservedCluster(client: client, namespace: options.namespace)
                }
                let directory = (options.kubeconfigPath as NSString).deletingLastPathComponent
                if !directory.isEmpty { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
                try server.writeKubeconfig(to: options.kubeconfigPath, namespace: options.namespace)
                onReady(Info(kubeconfigPath: options.kubeconfigPath, apiServerURL: server.url, brokerServiceURL: simulator.serviceURL, brokerNodeURLs: simulator.nodeURLs, kubeConfig: kubeConfig, simulator: simulator, apiServer: server))
                // Run until cancelled.
                group.addTask { while !Task.isCancelled { try? await Task.sleep(for: .seconds(3600)) } }
                try await group.next()
                group.cancelAll()
            }
        } catch {
            try? await client.shutdown()
            await simulator.shutdown()
            await server.shutdown()
            throw error
        }
        try? await client.shutdown()
        await simulator.shutdown()
        await server.shutdown()
    }

    /// The same logger, at warning or above: the simulator's HTTP servers are chatty at info.
    static func quiet(_ logger: Logger) -> Logger {
        var quiet = logger
        quiet.logLevel = max(logger.logLevel, .warning)
        return quiet
    }

    /// The objects of section 6: CRDs, Nodes, Secret, Service, StatefulSet, BrokerCluster.
    static func install(options: Options, server: TestAPIServer, client: KubeClient, simulator: EMQXSimulator) async throws {
        for definition in RebalancingCRDs.all {
            try await server.registerCustomResourceDefinition(definition.manifest)
        }
        let nodes = client.resources(KubeNode.self)
        for index in 0..<options.brokerNodes {
            var node = try await nodes.create(KubeNode(metadata: ObjectMeta(name: "worker-\(index)", labels: ["kubernetes.io/hostname": "worker-\(index)"])))
            node.status = KubeNode.Status(conditions: [.init(type: "Ready", status: "True", reason: "KubeletReady", message: "kubelet is posting ready status")])
            _ = try await nodes.updateStatus(node)
        }
        let namespace = options.namespace
        let labels = ["app": "emqx"]
        _ = try await client.resources(Secret.self, namespace: namespace).create(
            Secret(metadata: ObjectMeta(name: secretName, namespace: namespace), stringData: ["key": "rebalance-operator", "secret": "rebalance-operator-secret"])
        )
        _ = try await client.resources(KubeService.self, namespace: namespace).create(KubeService(
            metadata: ObjectMeta(name: serviceName, namespace: namespace),
            spec: .init(selector: labels, ports: [.init(name: "mqtt", port: 1883)], clusterIP: "None")
        ))
        // The broker pods carry the project's preStop hook (README: "Pods deleted directly"), which the played
        // kubelet runs when a pod is deleted, within the grace period.
        let hook = Container.Lifecycle(preStop: .init(exec: .init(command: ["/rebalance-operator/bin/rebalance-operator", "prestop", "--timeout", "110", "--start-timeout", "10"])))
        let template = PodTemplateSpec(
            metadata: ObjectMeta(labels: labels),
            spec: PodSpec(
                containers: [Container(name: "emqx", image: "emqx/emqx-enterprise:5.9.1", ports: [.init(name: "mqtt", containerPort: 1883), .init(name: "dashboard", containerPort: 18083)], lifecycle: hook)],
                terminationGracePeriodSeconds: 120
            )
        )
        _ = try await client.resources(StatefulSet.self, namespace: namespace).create(StatefulSet(
            metadata: ObjectMeta(name: setName, namespace: namespace, labels: labels),
            spec: .init(replicas: options.brokerNodes, selector: KubeLabelSelector(matchLabels: labels), serviceName: serviceName, template: template, podManagementPolicy: "Parallel")
        ))
        // Drain protection with short waits, so that a `kubectl drain` in the walkthrough takes seconds, not the
        // minutes of EMQX's default waits (60 s for the health check and for the takeover).
        let spec = BrokerCluster.Spec(
            api: .init(url: simulator.serviceURL, credentialsSecret: secretName),
            pods: .init(selector: LabelSelector(matchLabels: labels)),
            drain: .init(enabled: true, connEvictRate: 1000, sessEvictRate: 1000, waitHealthCheckSeconds: 5, waitTakeoverSeconds: 5)
        )
        _ = try await client.resources(BrokerCluster.self, namespace: namespace).create(BrokerCluster(metadata: ObjectMeta(name: clusterName, namespace: namespace), spec: spec))
    }

    static func waitForReadyPods(client: KubeClient, namespace: String, count: Int) async throws {
        let pods = client.resources(Pod.self, namespace: namespace)
        try await waitUntil(orThrow: .podsNotReady(expected: count)) {
            try await pods.list(.init(labelSelector: "app=emqx")).items.filter(\.isReady).count >= count
        }
    }

    /// Waits until the operator has reported on the BrokerCluster (its `Ready` condition is set), so that the first
    /// `kubectl get brokers` shows the brokers' state.
    static func waitForObservedCluster(client: KubeClient, namespace: String) async throws {
        let clusters = client.resources(BrokerCluster.self, namespace: namespace)
        try await waitUntil(orThrow: .clusterNotObserved(name: clusterName)) {
            try await clusters.get(clusterName).status?.conditions?.contains(where: { $0.type == "Ready" }) == true
        }
    }

    /// Checks `condition` every 100 ms for up to 60 s (start-up only); throws `error` when it never held.
    static func waitUntil(orThrow error: DevEnvironmentError, _ condition: () async throws -> Bool) async throws {
        for _ in 0..<600 {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw error
    }
}

/// Why the dev environment could not start.
public enum DevEnvironmentError: Error, CustomStringConvertible {
    case podsNotReady(expected: Int)
    case clusterNotObserved(name: String)

    public var description: String {
        switch self {
        case let .podsNotReady(expected): "the \(expected) broker pods did not become Ready within 60 s"
        case let .clusterNotObserved(name): "the operator did not report on the BrokerCluster \(name) within 60 s (see its log above)"
        }
    }
}
