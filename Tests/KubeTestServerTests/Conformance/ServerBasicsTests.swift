import Foundation
import KubeClient
import KubeTestServer
import NIOHTTP1
import Testing

@Suite("server basics: HTTPS, token, version, kubeconfig")
struct ServerBasicsTests {
    @Test("requests without the bearer token get 401 with a Status body")
    func unauthorized() async throws {
        try await TestEnvironment.with { env in
            let response = try await env.request(.GET, "/api/v1/namespaces", authorized: false)
            #expect(response.status == 401)
            #expect(response.json["kind"] == "Status")
            #expect(response.json["reason"] == "Unauthorized")
            #expect(response.json["code"] == 401)
        }
    }

    @Test("/version reports Kubernetes 1.32 over HTTPS verified with the minted CA")
    func version() async throws {
        try await TestEnvironment.with { env in
            let response = try await env.request(.GET, "/version")
            #expect(response.status == 200)
            #expect(response.json["major"] == "1")
            #expect(response.json["minor"] == "32")
            #expect(response.json["gitVersion"] == "v1.32.0")
            #expect(env.server.url.hasPrefix("https://127.0.0.1:"))
        }
    }

    @Test("the kubeconfig names the server, the CA and the token")
    func kubeconfig() async throws {
        try await TestEnvironment.with { env in
            let text = try String(contentsOfFile: env.kubeconfigPath, encoding: .utf8)
            #expect(text.contains("server: \(env.server.url)"))
            #expect(text.contains("token: \(env.server.token)"))
            #expect(text.contains("certificate-authority-data: "))
        }
    }
}
