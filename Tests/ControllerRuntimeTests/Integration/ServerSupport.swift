import KubeClient
import KubeTestServer

/// Runs `body` with a fresh test API server (127.0.0.1, port 0) and a client for it; both are shut down afterwards.
func withServerAndClient<T: Sendable>(_ body: (TestAPIServer, KubeClient) async throws -> T) async throws -> T {
    try await TestAPIServer.withRunning { server in
        try await withKubeClient(config: server.kubeConfig()) { client in
            try await body(server, client)
        }
    }
}
