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

    @Test("aggregated-discovery requests get the plain discovery documents; OpenAPI v3 follows CRD registration")
    func discoveryForms() async throws {
        try await TestEnvironment.with { env in
            let aggregated = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json"
            let groups = try await env.request(.GET, "/apis", accept: aggregated)
            #expect(groups.status == 200)
            #expect(groups.header("Content-Type") == "application/json")
            #expect(groups.json["kind"] == "APIGroupList")
            let core = try await env.request(.GET, "/api/v1", accept: aggregated)
            let names = (core.json["resources"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
            #expect(names.contains("pods/eviction"))
            #expect(try await env.request(.GET, "/openapi/v3/apis/test.kts.dev/v1").status == 404)
            try await env.server.registerCustomResourceDefinition(Fixtures.widgetCRD)
            let index = try await env.request(.GET, "/openapi/v3")
            #expect(index.json[path: ["paths", "apis/test.kts.dev/v1", "serverRelativeURL"]]?.stringValue?.hasPrefix("/openapi/v3/apis/test.kts.dev/v1?hash=") == true)
            let document = try await env.request(.GET, "/openapi/v3/apis/test.kts.dev/v1")
            #expect(document.status == 200)
            #expect(document.json["openapi"] == "3.0.0")
        }
    }

    @Test("registerCustomResourceDefinition serves the kind at once and reports a rejected CRD with its code")
    func registration() async throws {
        try await TestEnvironment.with { env in
            try await env.server.registerCustomResourceDefinition(Fixtures.widgetCRD)
            #expect(try await env.request(.GET, Fixtures.widgets).json["kind"] == "WidgetList")
            try await env.server.registerCustomResourceDefinition(Fixtures.widgetCRD)
            var broken = Fixtures.gadgetCRD
            broken[path: ["spec", "names"]] = [:]
            await #expect(throws: TestAPIServer.ServerError.self) { try await env.server.registerCustomResourceDefinition(broken) }
        }
    }
}
