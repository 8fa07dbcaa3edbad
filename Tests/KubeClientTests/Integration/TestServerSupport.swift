import Foundation
import KubeClient
import KubeTestServer
import Testing

/// Runs `body` with a fresh test API server and a client configured from the kubeconfig the server writes (so the
/// kubeconfig path through ``KubeConfig/load(path:context:)`` is exercised too); both are shut down afterwards.
func withServerAndClient<T: Sendable>(_ body: (TestAPIServer, KubeClient) async throws -> T) async throws -> T {
    try await TestAPIServer.withRunning { server in
        let config = try loadConfig(of: server)
        return try await withKubeClient(config: config) { client in
            try await body(server, client)
        }
    }
}

/// The server's kubeconfig, written to a temporary file and loaded back.
func loadConfig(of server: TestAPIServer) throws -> KubeConfig {
    try withTemporaryDirectory { directory in
        let path = (directory as NSString).appendingPathComponent("kubeconfig")
        try server.writeKubeconfig(to: path)
        return try KubeConfig.load(path: path)
    }
}

/// A short name for an event, for readable expectations.
func describe<Object: KubernetesObject>(_ event: WatcherEvent<Object>) -> String {
    switch event {
    case .initStart: "initStart"
    case .initApply(let object): "initApply(\(object.metadata.name ?? ""))"
    case .initDone: "initDone"
    case .apply(let object): "apply(\(object.metadata.name ?? ""))"
    case .delete(let object): "delete(\(object.metadata.name ?? ""))"
    }
}

func describe<Object: KubernetesObject>(_ event: WatchEvent<Object>) -> String {
    switch event {
    case .added(let object): "ADDED \(object.metadata.name ?? "")"
    case .modified(let object): "MODIFIED \(object.metadata.name ?? "")"
    case .deleted(let object): "DELETED \(object.metadata.name ?? "")"
    case .bookmark: "BOOKMARK"
    case .error(let status): "ERROR \(status.code ?? 0)"
    }
}

/// Waits (polling, bounded by the test's time limit) until `condition` holds.
func eventually(_ condition: () async -> Bool) async throws {
    while !(await condition()) {
        try await Task.sleep(for: .milliseconds(10))
    }
}
