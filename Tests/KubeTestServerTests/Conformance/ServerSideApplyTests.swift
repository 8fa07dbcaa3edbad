import Foundation
import KubeClient
import KubeTestServer
import TestSupport
import Testing

/// Server-side apply with real field ownership (`metadata.managedFields`), driven by `kubectl apply --server-side`
/// and the Python client.
@Suite("server-side apply and managed fields")
struct ServerSideApplyTests {
    static func configMap(_ data: [String: String]) -> String {
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n" + (data.isEmpty ? "" : "data:\n" + data.keys.sorted().map { "  \($0): \"\(data[$0] ?? "")\"\n" }.joined())
    }

    @Test("kubectl apply --server-side: ownership per manager, 409 on another manager's field, --force-conflicts, removal of fields no longer applied")
    func kubectlOwnership() async throws {
        try await TestEnvironment.with { env in
            func apply(_ manager: String, _ data: [String: String], force: Bool = false) async throws -> ProcessResult {
                try await env.kubectlResult(["apply", "--server-side", "--field-manager=\(manager)", "-f", try env.file("\(manager).yaml", Self.configMap(data))]
                                            + (force ? ["--force-conflicts"] : []))
            }
            #expect(try await apply("alice", ["a": "1", "b": "2"]).status == 0)
            let managed = try await env.kubectl("get", "cm", "settings", "--show-managed-fields", "-o", "jsonpath={.metadata.managedFields[0].manager} {.metadata.managedFields[0].operation} {.metadata.managedFields[0].fieldsV1}")
            #expect(managed.hasPrefix("alice Apply "))
            #expect(managed.contains(#""f:data":{"f:a":{},"f:b":{}}"#))
            // The same value applied by a second manager is shared ownership, not a conflict.
            #expect(try await apply("carol", ["b": "2"]).status == 0)
            let conflict = try await apply("bob", ["a": "9"])
            #expect(conflict.status != 0)
            #expect(conflict.stderr.contains("conflict with \"alice\""), "\(conflict.stderr)")
            #expect(conflict.stderr.contains(".data.a"))
            #expect(try await env.kubectl("get", "cm", "settings", "-o", "jsonpath={.data.a}") == "1")
            #expect(try await apply("bob", ["a": "9"], force: true).status == 0)
            #expect(try await env.kubectl("get", "cm", "settings", "-o", "jsonpath={.data.a}") == "9")
            // alice no longer owns a (bob took it); she stops applying b, which carol still owns: both stay.
            #expect(try await apply("alice", [:]).status == 0)
            #expect(try await env.kubectl("get", "cm", "settings", "-o", "jsonpath={.data.a},{.data.b}") == "9,2")
            // carol stops applying b, and nobody else owns it: it goes.
            #expect(try await apply("carol", ["c": "3"]).status == 0)
            #expect(try await env.kubectl("get", "cm", "settings", "-o", "jsonpath={.data}") == #"{"a":"9","c":"3"}"#)
            // Writes that are not applies are recorded as Update by their manager.
            try await env.kubectl("create", "configmap", "plain", "--from-literal=x=1")
            try await env.kubectl("patch", "configmap", "plain", "--type=merge", "-p", #"{"data":{"y":"2"}}"#)
            let updates = try await env.kubectl("get", "cm", "plain", "--show-managed-fields", "-o",
                                                #"jsonpath={range .metadata.managedFields[*]}{.manager}/{.operation}={.fieldsV1}{"\n"}{end}"#)
            #expect(updates.contains(#"kubectl-create/Update={"f:data":{"f:x":{}}}"#), "\(updates)")
            #expect(updates.contains(#"kubectl-patch/Update={"f:data":{"f:y":{}}}"#), "\(updates)")
        }
    }

    @Test("apply with a YAML body, associative lists merged by key, 409 causes FieldManagerConflict, force=true, dry run")
    func pythonApply() async throws {
        try await TestEnvironment.with { env in
            try await env.python(PythonPrelude.text + #"""
            def apply(path, text, manager, force=False, status=None, dry_run=False):
                query = [("fieldManager", manager)] + ([("force", "true")] if force else []) + ([("dryRun", "All")] if dry_run else [])
                params = api_client.param_serialize(method="PATCH", resource_path=path, query_params=query, body=text,
                                                    header_params={"Content-Type": "application/apply-patch+yaml", "Accept": "application/json"},
                                                    auth_settings=["BearerToken"])
                response = api_client.call_api(*params)
                response.read()
                if status is not None:
                    check(response.status == status, "%s: %d %s" % (manager, response.status, response.data))
                return json.loads(response.data)

            pod = "/api/v1/namespaces/default/pods/web"
            first = apply(pod, "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels:\n    app: web\nspec:\n  containers:\n  - name: main\n    image: nginx:1\n", "deployer", status=201)
            entry = first["metadata"]["managedFields"][0]
            check(entry["manager"] == "deployer" and entry["operation"] == "Apply" and entry["fieldsType"] == "FieldsV1", entry)
            containers = entry["fieldsV1"]["f:spec"]["f:containers"]
            check(containers['k:{"name":"main"}'] == {".": {}, "f:image": {}, "f:name": {}}, containers)
            second = apply(pod, "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: sidecar\n    image: envoy:1\n", "mesh", status=200)
            check([c["name"] for c in second["spec"]["containers"]] == ["main", "sidecar"], second["spec"]["containers"])
            check(second["metadata"]["labels"] == {"app": "web"}, second["metadata"])
            conflict = apply(pod, "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: main\n    image: nginx:2\n", "mesh", status=409)
            check(conflict["reason"] == "Conflict", conflict)
            causes = conflict["details"]["causes"]
            check(causes == [{"reason": "FieldManagerConflict", "message": 'conflict with "deployer" using v1', "field": '.spec.containers[name="main"].image'}], causes)
            check(conflict["message"] == 'Apply failed with 1 conflict: conflict with "deployer" using v1: .spec.containers[name="main"].image', conflict["message"])
            forced = apply(pod, "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: main\n    image: nginx:2\n  - name: sidecar\n    image: envoy:1\n", "mesh", force=True, status=200)
            check(forced["spec"]["containers"][0]["image"] == "nginx:2", forced["spec"])
            owners = {e["manager"]: e["fieldsV1"] for e in forced["metadata"]["managedFields"]}
            check("f:image" not in owners["deployer"]["f:spec"]["f:containers"]['k:{"name":"main"}'], owners)
            dry = apply("/api/v1/namespaces/default/configmaps/dry", '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"dry"},"data":{"a":"b"}}', "tester", status=201, dry_run=True)
            check(dry["metadata"]["managedFields"][0]["manager"] == "tester", dry)
            fails(404, core.read_namespaced_config_map, "dry", NS)
            missing = apply("/api/v1/namespaces/default/configmaps/x", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n", "", status=422)
            check("fieldManager: Required value" in missing["message"], missing)
            print("ok")
            """#)
        }
    }
}
