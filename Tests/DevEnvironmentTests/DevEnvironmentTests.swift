import Foundation
import KubeClient
import Logging
import Rebalancing
import Synchronization
import Testing

@testable import DevEnvironment

@Suite("dev environment")
struct DevEnvironmentTests {
    @Test("starts the played cluster: 3 Ready broker pods on 3 nodes, the BrokerCluster, kubeconfig written last; scaling and deleting a pod are played")
    func starts() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dev-\(UUID().uuidString)")
        let path = directory.appendingPathComponent("kubeconfig").path
        let ready = AsyncStream<DevEnvironment.Info>.makeStream()
        let logger: Logger = {
            var logger = Logger(label: "dev-test")
            logger.logLevel = .warning
            return logger
        }()
        let continuation = ready.continuation
        let options = DevEnvironment.Options(kubeconfigPath: path, brokerNodes: 3, clients: 300)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await DevEnvironment.run(options, logger: logger) { info in continuation.yield(info) }
            }
            var iterator = ready.stream.makeAsyncIterator()
            let info = try #require(await iterator.next())
            #expect(FileManager.default.fileExists(atPath: path))
            let kubeconfig = try String(contentsOfFile: path, encoding: .utf8)
            #expect(kubeconfig.contains(info.apiServerURL))

            let client = KubeClient(config: info.kubeConfig)
            let pods = try await client.resources(Pod.self, namespace: "default").list().items
            #expect(pods.filter(\.isReady).map { $0.metadata.name ?? "" }.sorted() == ["emqx-0", "emqx-1", "emqx-2"])
            #expect(Set(pods.compactMap { $0.spec?.nodeName }) == ["worker-0", "worker-1", "worker-2"])
            #expect(pods.allSatisfy { $0.metadata.ownerReferences?.first?.kind == "StatefulSet" && $0.metadata.ownerReferences?.first?.controller == true })
            let cluster = try await client.resources(BrokerCluster.self, namespace: "default").get("emqx")
            #expect(cluster.spec.api.url == info.brokerServiceURL)
            #expect(info.brokerNodeURLs.count == 3)

            // Scale up to 4: a fourth pod and broker node appear.
            var scale = try await client.resources(StatefulSet.self, namespace: "default").getScale("emqx")
            scale.spec.replicas = 4
            _ = try await client.resources(StatefulSet.self, namespace: "default").updateScale("emqx", scale)
            try await eventually { try await client.resources(Pod.self, namespace: "default").list().items.filter(\.isReady).count == 4 }

            // Delete a pod: it comes back under the same name (after its preStop hook found no evacuation to wait
            // for within its 10 s start timeout: no operator runs here).
            let before = try await client.resources(Pod.self, namespace: "default").get("emqx-1").metadata.uid
            _ = try await client.resources(Pod.self, namespace: "default").delete("emqx-1")
            try await eventually(tries: 600) {
                let pod = try await client.resources(Pod.self, namespace: "default").getIfExists("emqx-1")
                return pod.map { $0.metadata.uid != before && $0.isReady } ?? false
            }
            try await client.shutdown()
            group.cancelAll()
        }
        #expect(!FileManager.default.fileExists(atPath: path), "the kubeconfig is removed on shutdown")
        try? FileManager.default.removeItem(at: directory)
    }

    func eventually(tries: Int = 300, _ condition: () async throws -> Bool) async throws {
        for _ in 0..<tries {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("condition not met within \(tries / 20) s")
    }
}
