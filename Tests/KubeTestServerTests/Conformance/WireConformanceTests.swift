import Foundation
import KubeClient
import KubeTestServer
import NIOHTTP1
import Testing

/// How the server reads requests and shapes answers, each point checked with a real client where one exists:
/// boolean query parameters, `Status` bodies, metadata-only reads, and the kubelet subresources it does not serve.
@Suite("request parsing and answer shapes")
struct WireConformanceTests {
    static let configMaps = "/api/v1/namespaces/default/configmaps"

    static func configMap(_ name: String, owner: JSONValue? = nil) -> JSONValue {
        var object: JSONValue = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": .string(name)], "data": ["a": "b"]]
        if let owner { object[path: ["metadata", "ownerReferences"]] = [owner] }
        return object
    }

    @Test("boolean query parameters read as on a real cluster: watch=True (36.x Python clients) is a watch, 0/false/False are not")
    func booleanParameters() async throws {
        try await TestEnvironment.with { env in
            try await env.create(Self.configMaps, Self.configMap("flags"))
            for spelling in ["True", "true", "1", "t", "TRUE", "yes", ""] {
                let watch = try await env.watchLines(Self.configMaps + "?watch=\(spelling)&timeoutSeconds=1")
                #expect(watch.events.first?["type"] == "ADDED", "watch=\(spelling) is a watch: \(watch.events)")
            }
            for spelling in ["0", "false", "False", "FALSE"] {
                let list = try await env.request(.GET, Self.configMaps + "?watch=\(spelling)")
                #expect(list.json["kind"] == "ConfigMapList", "watch=\(spelling) is a list")
            }
            // orphanDependents=True orphans, orphanDependents=False collects.
            for (spelling, survives) in [("True", true), ("False", false)] {
                let suffix = spelling.lowercased()
                let owner = try await env.create(Self.configMaps, Self.configMap("owner-\(suffix)"))
                let reference: JSONValue = ["apiVersion": "v1", "kind": "ConfigMap", "name": owner[path: ["metadata", "name"]] ?? "", "uid": owner[path: ["metadata", "uid"]] ?? ""]
                try await env.create(Self.configMaps, Self.configMap("dependent-\(suffix)", owner: reference))
                let deleted = try await env.request(.DELETE, Self.configMaps + "/owner-\(suffix)?orphanDependents=\(spelling)")
                #expect(deleted.status == 200)
                let dependent = try await env.request(.GET, Self.configMaps + "/dependent-\(suffix)")
                #expect((dependent.status == 200) == survives, "orphanDependents=\(spelling): dependent \(dependent.status)")
            }
        }
        // The Python client's watch sending `watch=True` itself, as kubernetes 36.x does.
        try await TestEnvironment.with { env in
            try await env.python(PythonPrelude.text + #"""
            core.create_namespaced_config_map(NS, {"metadata": {"name": "seen"}, "data": {"a": "b"}})
            params = api_client.param_serialize(method="GET", resource_path="/api/v1/namespaces/default/configmaps",
                                                query_params=[("watch", "True"), ("timeoutSeconds", 1)],
                                                header_params={"Accept": "application/json"}, auth_settings=["BearerToken"])
            response = api_client.call_api(*params)
            response.read()
            lines = [json.loads(line) for line in response.data.decode().splitlines() if line]
            check(lines and lines[0]["type"] == "ADDED" and lines[0]["object"]["metadata"]["name"] == "seen", lines)
            events = [e["type"] for e in watch.Watch().stream(core.list_namespaced_config_map, NS, timeout_seconds=1)]
            check(events == ["ADDED"], events)
            print("ok")
            """#)
        }
    }

    @Test("Status bodies are written in Kubernetes' field order: kind, apiVersion, metadata, status, message, reason, details, code")
    func statusFieldOrder() async throws {
        try await TestEnvironment.with { env in
            let missing = try await env.request(.GET, Self.configMaps + "/absent")
            #expect(missing.status == 404)
            #expect(missing.body == #"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"configmaps \"absent\" not found","reason":"NotFound","details":{"name":"absent","kind":"configmaps"},"code":404}"# + "\n")
            try await env.create(Self.configMaps, Self.configMap("twice"))
            let duplicate = try await env.request(.POST, Self.configMaps, body: Self.configMap("twice"))
            #expect(duplicate.body.hasPrefix(#"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"configmaps \"twice\" already exists","reason":"AlreadyExists","details":{"name":"twice","kind":"configmaps"},"code":409}"#))
            let deleted = try await env.request(.DELETE, Self.configMaps + "/twice")
            #expect(deleted.body.hasPrefix(#"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Success","details":{"name":"twice","kind":"configmaps","uid":"#))
        }
    }

    @Test("Accept as=PartialObjectMetadataList / PartialObjectMetadata: metadata-only lists, gets and watches; 406 otherwise")
    func partialObjectMetadata() async throws {
        try await TestEnvironment.with { env in
            try await env.create(Self.configMaps, Self.configMap("meta"))
            let clientGo = "application/vnd.kubernetes.protobuf;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json"
            let list = try await env.request(.GET, Self.configMaps, accept: clientGo)
            #expect(list.json["kind"] == "PartialObjectMetadataList")
            #expect(list.json["apiVersion"] == "meta.k8s.io/v1")
            #expect(list.json[path: ["metadata", "resourceVersion"]] != nil)
            let item = list.json["items"]?[0] ?? .null
            #expect(item["kind"] == "PartialObjectMetadata")
            #expect(item[path: ["metadata", "name"]] == "meta")
            #expect(item["data"] == nil)
            let single = try await env.request(.GET, Self.configMaps + "/meta", accept: "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1")
            #expect(single.json["kind"] == "PartialObjectMetadata")
            #expect(single.json["data"] == nil)
            let refused = try await env.request(.GET, Self.configMaps, accept: "application/json;as=Scale;g=autoscaling;v=v1")
            #expect(refused.status == 406)
            #expect(refused.json["reason"] == "NotAcceptable")
            let wrongForm = try await env.request(.GET, Self.configMaps + "/meta", accept: "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1")
            #expect(wrongForm.status == 406)
            let fallback = try await env.request(.GET, Self.configMaps + "/meta", accept: "application/json;as=Scale;g=autoscaling;v=v1, application/json")
            #expect(fallback.json["kind"] == "ConfigMap")
        }
        try await TestEnvironment.with { env in
            try await env.python(PythonPrelude.text + #"""
            from kubernetes.dynamic import DynamicClient
            core.create_namespaced_config_map(NS, {"metadata": {"name": "dyn"}, "data": {"a": "b"}})
            dynamic = DynamicClient(api_client)
            api = dynamic.resources.get(api_version="v1", kind="ConfigMap")
            listed = api.get(namespace=NS, header_params={"Accept": "application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io"})
            check(listed.kind == "PartialObjectMetadataList" and listed.apiVersion == "meta.k8s.io/v1", listed)
            names = [item.metadata.name for item in listed.items]
            check("dyn" in names and listed.items[0].data is None, names)
            params = api_client.param_serialize(method="GET", resource_path="/api/v1/namespaces/default/configmaps",
                                                query_params=[("watch", "true"), ("timeoutSeconds", 1)],
                                                header_params={"Accept": "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1"}, auth_settings=["BearerToken"])
            response = api_client.call_api(*params)
            response.read()
            lines = [json.loads(line) for line in response.data.decode().splitlines() if line]
            check(lines[0]["object"]["kind"] == "PartialObjectMetadata" and "data" not in lines[0]["object"], lines)
            print("ok")
            """#)
        }
    }

    @Test("kubectl exec, logs, attach and port-forward get a clear 'not supported by this test server'")
    func kubeletSubresources() async throws {
        try await TestEnvironment.with { env in
            try await env.create("/api/v1/namespaces/default/pods", Fixtures.pod("runner", node: "worker-1", ownerUID: nil))
            // A running pod, so kubectl's own checks (port-forward needs phase Running) pass and the request reaches the server.
            let running = try await env.request(.PATCH, "/api/v1/namespaces/default/pods/runner/status", body: ["status": Fixtures.readyStatus],
                                                contentType: "application/merge-patch+json")
            #expect(running.status == 200)
            for arguments in [["logs", "runner"], ["exec", "runner", "--", "date"], ["attach", "runner"], ["port-forward", "pod/runner", "18083:18083"]] {
                let result = try await env.kubectlResult(arguments + ["--request-timeout=20s"])
                #expect(result.status != 0)
                #expect((result.stderr + result.stdout).contains("not supported by this test server"), "kubectl \(arguments.joined(separator: " ")): \(result.stderr)")
                #expect(!(result.stderr + result.stdout).contains("could not find the requested resource"))
            }
        }
    }
}
