import Foundation
import KubeClient
import KubeTestServer
import NIOHTTP1
import Testing

/// spec/kubernetes.md 3.15, one test per item, driven by the Python `kubernetes` client (and raw HTTP where the
/// wire format itself is the subject).
@Suite("spec 3.15 conformance checklist")
struct ChecklistTests {
    /// Starts a server with the test CRDs and runs `script` (after the prelude) with the Python client.
    func runPython(_ script: String, setUp: (@Sendable (TestEnvironment) async throws -> Void)? = nil) async throws {
        try await TestEnvironment.with { env in
            try await env.server.registerCustomResourceDefinition(Fixtures.widgetCRD)
            try await env.server.registerCustomResourceDefinition(Fixtures.gadgetCRD)
            try await setUp?(env)
            let output = try await env.python(PythonPrelude.text + script + "\nprint('ok')\n")
            #expect(output.contains("ok"))
        }
    }

    @Test("(1) CRUD with server-set uid, creationTimestamp, generation 1 and resourceVersion")
    func crud() async throws {
        try await runPython(#"""
        created = custom.create_namespaced_custom_object(G, V, NS, "widgets", widget("one"))
        meta = created["metadata"]
        check(len(meta["uid"]) == 36, meta)
        check(meta["generation"] == 1, meta)
        check(meta["resourceVersion"] != "", meta)
        check(meta["creationTimestamp"].endswith("Z") and "." not in meta["creationTimestamp"], meta)
        check(created["spec"]["rate"] == 10, "default applied: %s" % created)
        got = custom.get_namespaced_custom_object(G, V, NS, "widgets", "one")
        check(got == created, "get returns the stored object")
        got["spec"]["size"] = "large"
        updated = custom.replace_namespaced_custom_object(G, V, NS, "widgets", "one", got)
        check(updated["metadata"]["generation"] == 2, updated["metadata"])
        check(int(updated["metadata"]["resourceVersion"]) > int(meta["resourceVersion"]), "RV increases")
        fails(409, custom.create_namespaced_custom_object, G, V, NS, "widgets", widget("one"))
        generated = custom.create_namespaced_custom_object(G, V, NS, "widgets",
            {"apiVersion": "test.kts.dev/v1", "kind": "Widget", "metadata": {"generateName": "w-"}, "spec": {"size": "small"}})
        check(generated["metadata"]["name"].startswith("w-") and len(generated["metadata"]["name"]) == 7, generated["metadata"])
        status = custom.delete_namespaced_custom_object(G, V, NS, "widgets", "one")
        check(status["kind"] == "Status" and status["status"] == "Success", status)
        check(status["details"]["name"] == "one" and status["details"]["kind"] == "widgets", status)
        fails(404, custom.get_namespaced_custom_object, G, V, NS, "widgets", "one")
        """#)
    }

    @Test("(2) limit/continue pages one snapshot; an expired continue token gets 410")
    func paging() async throws {
        try await runPython(#"""
        for i in range(5):
            custom.create_namespaced_custom_object(G, V, NS, "widgets", widget("w%d" % i))
        first = custom.list_namespaced_custom_object(G, V, NS, "widgets", limit=2)
        check([o["metadata"]["name"] for o in first["items"]] == ["w0", "w1"], first)
        snapshot = first["metadata"]["resourceVersion"]
        custom.create_namespaced_custom_object(G, V, NS, "widgets", widget("w9"))
        custom.delete_namespaced_custom_object(G, V, NS, "widgets", "w3")
        second = custom.list_namespaced_custom_object(G, V, NS, "widgets", limit=2, _continue=first["metadata"]["continue"])
        check([o["metadata"]["name"] for o in second["items"]] == ["w2", "w3"], "snapshot: w3 still listed")
        check(second["metadata"]["resourceVersion"] == snapshot, "same RV on every page")
        third = custom.list_namespaced_custom_object(G, V, NS, "widgets", limit=2, _continue=second["metadata"]["continue"])
        check([o["metadata"]["name"] for o in third["items"]] == ["w4"], third)
        check(not third["metadata"].get("continue"), "last page has no continue")
        again = custom.list_namespaced_custom_object(G, V, NS, "widgets", limit=2)
        custom.create_namespaced_custom_object(G, V, NS, "widgets", widget("w10"))
        testserver("history/compact")
        status = fails(410, custom.list_namespaced_custom_object, G, V, NS, "widgets", limit=2, _continue=again["metadata"]["continue"])
        check(status["reason"] == "Expired", status)
        """#)
    }

    @Test("(3) a watch from N replays every change after N in order; unset or 0 starts with synthetic ADDED")
    func watchReplay() async throws {
        try await runPython(#"""
        custom.create_namespaced_custom_object(G, V, NS, "widgets", widget("a"))
        start = custom.list_namespaced_custom_object(G, V, NS, "widgets")["metadata"]["resourceVersion"]
        custom.create_namespaced_custom_object(G, V, NS, "widgets", widget("b"))
        custom.patch_namespaced_custom_object(G, V, NS, "widgets", "a", {"spec": {"size": "large"}})
        custom.delete_namespaced_custom_object(G, V, NS, "widgets", "b")
        w = watch.Watch()
        seen = []
        for event in w.stream(custom.list_namespaced_custom_object, G, V, NS, "widgets", resource_version=start, timeout_seconds=10):
            seen.append((event["type"], event["object"]["metadata"]["name"], int(event["object"]["metadata"]["resourceVersion"])))
            if len(seen) == 3:
                w.stop()
        check([(t, n) for t, n, _ in seen] == [("ADDED", "b"), ("MODIFIED", "a"), ("DELETED", "b")], seen)
        check([rv for _, _, rv in seen] == sorted(rv for _, _, rv in seen) and seen[0][2] > int(start), seen)
        for rv in (None, "0"):
            w = watch.Watch()
            initial = []
            kwargs = {"timeout_seconds": 10}
            if rv is not None:
                kwargs["resource_version"] = rv
            for event in w.stream(custom.list_namespaced_custom_object, G, V, NS, "widgets", **kwargs):
                initial.append((event["type"], event["object"]["metadata"]["name"]))
                w.stop()
            check(initial == [("ADDED", "a")], initial)
        """#)
    }

    @Test("(4) watch events are chunked JSON lines; bookmarks and the initial-events-end bookmark")
    func watchFraming() async throws {
        try await TestEnvironment.with { env in
            try await env.server.registerCustomResourceDefinition(Fixtures.widgetCRD)
            try await env.create(Fixtures.widgets, Fixtures.widget("a"))
            try await env.create(Fixtures.widgets, Fixtures.widget("b"))
            let initial = try await env.watchLines(Fixtures.widgets + "?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&timeoutSeconds=1")
            #expect(initial.status == 200)
            #expect(initial.transferEncoding == "chunked")
            let types = initial.events.map { $0["type"]?.stringValue ?? "" }
            #expect(Array(types.prefix(3)) == ["ADDED", "ADDED", "BOOKMARK"])
            let bookmark = initial.events[2]["object"] ?? .null
            #expect(bookmark[path: ["metadata", "annotations", "k8s.io/initial-events-end"]] == "true")
            #expect(bookmark["kind"] == "Widget")
            #expect(bookmark["spec"] == nil)
            // With bookmarks allowed, the stream ends with a BOOKMARK just before its timeout.
            #expect(types.last == "BOOKMARK")
        }
        try await runPython(#"""
        custom.create_namespaced_custom_object(G, V, NS, "widgets", widget("a"))
        rv = custom.list_namespaced_custom_object(G, V, NS, "widgets")["metadata"]["resourceVersion"]
        w = watch.Watch()
        types = [e["type"] for e in w.stream(custom.list_namespaced_custom_object, G, V, NS, "widgets",
                                               resource_version=rv, allow_watch_bookmarks=True, timeout_seconds=1)]
        check(types == ["BOOKMARK"], types)
        """#)
    }

    @Test("(5) a watch from a compacted resourceVersion gets 200, one ERROR 410 Expired, then the end")
    func watchTooOld() async throws {
        try await TestEnvironment.with { env in
            try await env.server.registerCustomResourceDefinition(Fixtures.widgetCRD)
            let created = try await env.create(Fixtures.widgets, Fixtures.widget("a"))
            let old = created.resourceVersionText
            try await env.create(Fixtures.widgets, Fixtures.widget("b"))
            await env.server.faults.compactHistory()
            let result = try await env.watchLines(Fixtures.widgets + "?watch=true&resourceVersion=\(old)")
            #expect(result.status == 200)
            #expect(result.events.count == 1)
            let error = result.events.first ?? .null
            #expect(error["type"] == "ERROR")
            #expect(error[path: ["object", "kind"]] == "Status")
            #expect(error[path: ["object", "code"]] == 410)
            #expect(error[path: ["object", "reason"]] == "Expired")
            #expect(error[path: ["object", "message"]]?.stringValue?.hasPrefix("too old resource version: \(old) (") == true)
        }
        try await runPython(#"""
        created = custom.create_namespaced_custom_object(G, V, NS, "widgets", widget("a"))
        custom.create_namespaced_custom_object(G, V, NS, "widgets", widget("b"))
        testserver("history/compact")
        try:
            for event in watch.Watch().stream(custom.list_namespaced_custom_object, G, V, NS, "widgets",
                                              resource_version=created["metadata"]["resourceVersion"], timeout_seconds=5):
                raise AssertionError("no event expected: %s" % event)
            raise AssertionError("expected the watch to fail with 410")
        except ApiException as error:
            check(error.status == 410, error)
        """#)
    }

    @Test("(6) selector transitions arrive as ADDED/DELETED, and DELETED carries the last state")
    func selectorTransitions() async throws {
        try await runPython(#"""
        custom.create_namespaced_custom_object(G, V, NS, "widgets", widget("a", labels={"tier": "gold"}))
        rv = custom.list_namespaced_custom_object(G, V, NS, "widgets")["metadata"]["resourceVersion"]
        custom.patch_namespaced_custom_object(G, V, NS, "widgets", "a", {"metadata": {"labels": {"tier": "silver"}}})
        custom.patch_namespaced_custom_object(G, V, NS, "widgets", "a", {"metadata": {"labels": {"tier": "gold"}}})
        custom.patch_namespaced_custom_object(G, V, NS, "widgets", "a", {"spec": {"size": "large"}})
        custom.delete_namespaced_custom_object(G, V, NS, "widgets", "a")
        w = watch.Watch()
        seen = []
        for event in w.stream(custom.list_namespaced_custom_object, G, V, NS, "widgets", label_selector="tier=gold",
                              resource_version=rv, timeout_seconds=10):
            seen.append((event["type"], event["object"]["metadata"]["labels"]["tier"], event["object"]["spec"]["size"]))
            if len(seen) == 4:
                w.stop()
        check(seen == [("DELETED", "silver", "small"), ("ADDED", "gold", "small"), ("MODIFIED", "gold", "large"),
                       ("DELETED", "gold", "large")], seen)
        """#)
    }

    @Test("(7) timeoutSeconds ends the stream cleanly; dropping all watches ends them too")
    func watchTimeoutAndDrop() async throws {
        try await runPython(#"""
        custom.create_namespaced_custom_object(G, V, NS, "widgets", widget("a"))
        rv = custom.list_namespaced_custom_object(G, V, NS, "widgets")["metadata"]["resourceVersion"]
        events = list(watch.Watch().stream(custom.list_namespaced_custom_object, G, V, NS, "widgets", resource_version=rv, timeout_seconds=1))
        check(events == [], events)
        """#)
        try await TestEnvironment.with { env in
            try await env.server.registerCustomResourceDefinition(Fixtures.widgetCRD)
            try await withThrowingTaskGroup(of: Int.self) { group in
                group.addTask {
                    try await env.watchLines(Fixtures.widgets + "?watch=true").events.count
                }
                while await env.server.openWatchCount() == 0 { try await Task.sleep(for: .milliseconds(20)) }
                try await env.create(Fixtures.widgets, Fixtures.widget("a"))
                let response = try await env.request(.POST, "/testserver/v1/watches/drop", body: [:])
                #expect(response.status == 200)
                let received = try await group.next()
                #expect(received == 1)
            }
        }
    }

    @Test("(8) 409 on a stale resourceVersion, 422 on a custom-resource PUT without one, RV inside a PATCH is checked")
    func optimisticConcurrency() async throws {
        try await runPython(#"""
        created = custom.create_namespaced_custom_object(G, V, NS, "widgets", widget("a"))
        stale = dict(created)
        custom.patch_namespaced_custom_object(G, V, NS, "widgets", "a", {"spec": {"rate": 20}})
        status = fails(409, custom.replace_namespaced_custom_object, G, V, NS, "widgets", "a", stale)
        check(status["reason"] == "Conflict", status)
        check(status["message"] == 'Operation cannot be fulfilled on widgets.test.kts.dev "a": the object has been modified; please apply your changes to the latest version and try again', status)
        check(status["details"] == {"name": "a", "group": "test.kts.dev", "kind": "widgets"}, status)
        unversioned = custom.get_namespaced_custom_object(G, V, NS, "widgets", "a")
        del unversioned["metadata"]["resourceVersion"]
        status = fails(422, custom.replace_namespaced_custom_object, G, V, NS, "widgets", "a", unversioned)
        check("metadata.resourceVersion: Invalid value: 0x0: must be specified for an update" in status["message"], status)
        fails(409, custom.patch_namespaced_custom_object, G, V, NS, "widgets", "a",
              {"metadata": {"resourceVersion": created["metadata"]["resourceVersion"]}, "spec": {"rate": 30}})
        current = custom.get_namespaced_custom_object(G, V, NS, "widgets", "a")
        patched = custom.patch_namespaced_custom_object(G, V, NS, "widgets", "a",
              {"metadata": {"resourceVersion": current["metadata"]["resourceVersion"]}, "spec": {"rate": 30}})
        check(patched["spec"]["rate"] == 30, patched)
        """#)
    }

    @Test("(9) generation bumps only on spec changes; status subresource rules")
    func generationAndStatus() async throws {
        try await runPython(#"""
        created = custom.create_namespaced_custom_object(G, V, NS, "widgets", dict(widget("a"), status={"phase": "Ignored"}))
        check("status" not in created, "status dropped on create: %s" % created)
        s = custom.patch_namespaced_custom_object_status(G, V, NS, "widgets", "a", {"status": {"phase": "Ready"}, "spec": {"size": "large"}})
        check(s["status"]["phase"] == "Ready" and s["spec"]["size"] == "small", "status write ignores spec: %s" % s)
        check(s["metadata"]["generation"] == 1, "status writes do not bump generation")
        m = custom.patch_namespaced_custom_object(G, V, NS, "widgets", "a", {"status": {"phase": "Hacked"}, "metadata": {"labels": {"x": "y"}}})
        check(m["status"]["phase"] == "Ready", "main endpoint ignores status: %s" % m)
        check(m["metadata"]["generation"] == 1, "metadata changes do not bump generation")
        check(m["metadata"]["resourceVersion"] != s["metadata"]["resourceVersion"], "every write changes the RV")
        m = custom.patch_namespaced_custom_object(G, V, NS, "widgets", "a", {"spec": {"size": "large"}})
        check(m["metadata"]["generation"] == 2, m["metadata"])
        same = custom.patch_namespaced_custom_object(G, V, NS, "widgets", "a", {"spec": {"size": "large"}})
        check(same["metadata"]["resourceVersion"] == m["metadata"]["resourceVersion"], "a no-op write keeps the RV")
        g = custom.create_namespaced_custom_object(G, V, NS, "gadgets", {"apiVersion": "test.kts.dev/v1", "kind": "Gadget", "metadata": {"name": "g"}, "status": {"x": 1}})
        check(g["status"] == {"x": 1}, "without a status subresource status is kept")
        g = custom.patch_namespaced_custom_object(G, V, NS, "gadgets", "g", {"status": {"x": 2}})
        check(g["metadata"]["generation"] == 2, "without a status subresource status changes bump generation")
        fails(404, custom.get_namespaced_custom_object_status, G, V, NS, "gadgets", "g")
        """#)
    }

    @Test("(10) finalizers: deletionTimestamp, no new finalizers, removal when the last one goes")
    func finalizers() async throws {
        try await runPython(#"""
        body = widget("a")
        body["metadata"]["finalizers"] = ["kts.dev/cleanup"]
        custom.create_namespaced_custom_object(G, V, NS, "widgets", body)
        marked = custom.delete_namespaced_custom_object(G, V, NS, "widgets", "a")
        check(marked["kind"] == "Widget" and marked["metadata"].get("deletionTimestamp"), marked)
        check(marked["metadata"]["generation"] == 2, "marking for deletion bumps generation")
        again = custom.delete_namespaced_custom_object(G, V, NS, "widgets", "a")
        check(again["metadata"]["deletionTimestamp"] == marked["metadata"]["deletionTimestamp"], "a repeated DELETE keeps the timestamp")
        status = fails(422, custom.patch_namespaced_custom_object, G, V, NS, "widgets", "a",
                       {"metadata": {"finalizers": ["kts.dev/cleanup", "kts.dev/other"]}})
        check("no new finalizers can be added if the object is being deleted" in status["message"], status)
        custom.patch_namespaced_custom_object(G, V, NS, "widgets", "a", {"spec": {"size": "large"}})
        rv = custom.get_namespaced_custom_object(G, V, NS, "widgets", "a")["metadata"]["resourceVersion"]
        custom.patch_namespaced_custom_object(G, V, NS, "widgets", "a", {"metadata": {"finalizers": None}})
        fails(404, custom.get_namespaced_custom_object, G, V, NS, "widgets", "a")
        w = watch.Watch()
        for event in w.stream(custom.list_namespaced_custom_object, G, V, NS, "widgets", resource_version=rv, timeout_seconds=10):
            check(event["type"] == "DELETED", event["type"])
            w.stop()
        """#)
    }

    @Test("(11) merge patch, JSON patch, failed test gives 422, SMP on a CR gives 415, apply needs fieldManager")
    func patchTypes() async throws {
        try await runPython(#"""
        custom.create_namespaced_custom_object(G, V, NS, "widgets", widget("a", tags=["x", "y"]))
        merged = custom.patch_namespaced_custom_object(G, V, NS, "widgets", "a", {"spec": {"tags": ["z"], "rate": None}})
        check(merged["spec"]["tags"] == ["z"], "arrays are replaced whole: %s" % merged["spec"])
        check(merged["spec"]["rate"] == 10, "null deletes, then the default comes back: %s" % merged["spec"])
        JSON_PATCH = "application/json-patch+json"
        patched = custom.patch_namespaced_custom_object(G, V, NS, "widgets", "a",
            [{"op": "test", "path": "/spec/size", "value": "small"}, {"op": "replace", "path": "/spec/size", "value": "large"},
             {"op": "add", "path": "/spec/tags/-", "value": "w"}], _content_type=JSON_PATCH)
        check(patched["spec"]["size"] == "large" and patched["spec"]["tags"] == ["z", "w"], patched["spec"])
        fails(422, custom.patch_namespaced_custom_object, G, V, NS, "widgets", "a", [{"op": "test", "path": "/spec/size", "value": "small"}],
              _content_type=JSON_PATCH)
        status = fails(415, custom.patch_namespaced_custom_object, G, V, NS, "widgets", "a", {"spec": {"size": "small"}},
                       _content_type="application/strategic-merge-patch+json")
        check(status["reason"] == "UnsupportedMediaType", status)
        status = fails(422, custom.patch_namespaced_custom_object, G, V, NS, "widgets", "a", widget("a"),
                       _content_type="application/apply-patch+yaml")
        check("fieldManager: Required value" in status["message"], status)
        custom.patch_namespaced_custom_object(G, V, NS, "widgets", "b", widget("b", size="large"),
                                              _content_type="application/apply-patch+yaml", field_manager="tests")
        applied = custom.get_namespaced_custom_object(G, V, NS, "widgets", "b")
        check(applied["spec"]["size"] == "large", applied)
        """#)
    }

    @Test("(12) Status bodies are exactly the real server's")
    func statusBodies() async throws {
        try await TestEnvironment.with { env in
            try await env.server.registerCustomResourceDefinition(Fixtures.widgetCRD)
            let missing = try await env.request(.GET, Fixtures.widgets + "/nope")
            #expect(missing.status == 404)
            #expect(missing.json == [
                "kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Failure",
                "message": "widgets.test.kts.dev \"nope\" not found", "reason": "NotFound",
                "details": ["name": "nope", "group": "test.kts.dev", "kind": "widgets"], "code": 404,
            ])
            try await env.create(Fixtures.widgets, Fixtures.widget("a"))
            let duplicate = try await env.request(.POST, Fixtures.widgets, body: Fixtures.widget("a"))
            #expect(duplicate.status == 409)
            #expect(duplicate.json["reason"] == "AlreadyExists")
            #expect(duplicate.json["message"] == "widgets.test.kts.dev \"a\" already exists")
            let invalid = try await env.request(.POST, Fixtures.widgets, body: Fixtures.widget("b", size: "huge", rate: 0))
            #expect(invalid.status == 422)
            #expect(invalid.json["reason"] == "Invalid")
            #expect(invalid.json[path: ["details", "kind"]] == "Widget")
            let fields = (invalid.json[path: ["details", "causes"]]?.arrayValue ?? []).compactMap { $0["field"]?.stringValue }
            #expect(Set(fields) == ["spec.size", "spec.rate"])
            #expect(invalid.json["message"]?.stringValue?.hasPrefix("Widget.test.kts.dev \"b\" is invalid: ") == true)
            let badSelector = try await env.request(.GET, Fixtures.widgets + "?labelSelector=a%20in%20(b")
            #expect(badSelector.status == 400)
            #expect(badSelector.json["reason"] == "BadRequest")
            let unknown = try await env.request(.GET, "/apis/test.kts.dev/v1/namespaces/default/widgets/a/nothing")
            #expect(unknown.status == 404)
        }
    }

    @Test("(13) Lease RV conflicts, strict MicroTime, events.k8s.io/v1 validation")
    func leasesAndEvents() async throws {
        try await runPython(#"""
        import datetime
        coordination = client.CoordinationV1Api()
        events = client.EventsV1Api()
        now = datetime.datetime.now(datetime.timezone.utc)
        lease = coordination.create_namespaced_lease(NS, client.V1Lease(metadata=client.V1ObjectMeta(name="leader"),
            spec=client.V1LeaseSpec(holder_identity="a", lease_duration_seconds=15, acquire_time=now, renew_time=now)))
        stored = raw("GET", "/apis/coordination.k8s.io/v1/namespaces/default/leases/leader")
        check(len(stored["spec"]["renewTime"].split(".")[1].rstrip("Z")) == 6, stored["spec"])
        stale = lease
        lease.spec.holder_identity = "b"
        coordination.replace_namespaced_lease("leader", NS, lease)
        fails(409, coordination.replace_namespaced_lease, "leader", NS, stale)
        made = coordination.replace_namespaced_lease("other", NS, client.V1Lease(metadata=client.V1ObjectMeta(name="other"),
            spec=client.V1LeaseSpec(holder_identity="c")))
        check(made.metadata.uid and made.spec.holder_identity == "c", "a PUT creates a missing Lease")
        fails(400, coordination.create_namespaced_lease, NS, {"apiVersion": "coordination.k8s.io/v1", "kind": "Lease",
              "metadata": {"name": "bad"}, "spec": {"renewTime": "2026-01-02T03:04:05Z"}})
        ok = events.create_namespaced_event(NS, {"apiVersion": "events.k8s.io/v1", "kind": "Event", "metadata": {"name": "e1"},
              "eventTime": "2026-01-02T03:04:05.123456Z", "reportingController": "kts.dev/tests", "reportingInstance": "t-1",
              "action": "Testing", "reason": "Tested", "type": "Normal", "note": "hello",
              "regarding": {"kind": "Pod", "namespace": NS, "name": "p"}})
        status = raw("POST", "/apis/events.k8s.io/v1/namespaces/default/events", {"apiVersion": "events.k8s.io/v1", "kind": "Event",
              "metadata": {"name": "e2"}, "reason": "Tested", "deprecatedCount": 3}, status=422)
        fields = {c["field"] for c in status["details"]["causes"]}
        check({"eventTime", "reportingController", "reportingInstance", "action", "deprecatedCount"} <= fields, fields)
        status = fails(422, events.patch_namespaced_event, "e1", NS, {"note": "changed"})
        check("note" in status["message"], status)
        patched = events.patch_namespaced_event("e1", NS, {"series": {"count": 2, "lastObservedTime": "2026-01-02T03:04:06.000000Z"}})
        check(patched.series.count == 2, patched)
        legacy = core.read_namespaced_event("e1", NS)
        check((legacy.message, legacy.involved_object.name, legacy.reporting_component) == ("hello", "p", "kts.dev/tests"), legacy)
        check([e.metadata.name for e in core.list_namespaced_event(NS, field_selector="involvedObject.name=p").items] == ["e1"], "shared storage")
        check(events.read_namespaced_event("e1", NS).note == "hello", "read back through events.k8s.io/v1")
        """#)
    }

    @Test("(14) cordon, pods by spec.nodeName, eviction with PDB 429, graceful pod delete")
    func drainFlow() async throws {
        try await runPython(#"""
        policy = client.PolicyV1Api()
        core.create_node({"apiVersion": "v1", "kind": "Node", "metadata": {"name": "n1"}})
        cordoned = core.patch_node("n1", {"spec": {"unschedulable": True}})
        check(cordoned.spec.unschedulable is True, cordoned.spec)
        check([n.metadata.name for n in core.list_node(field_selector="spec.unschedulable=true").items] == ["n1"], "node selector")
        for i, node in enumerate(["n1", "n1", "n2"]):
            core.create_namespaced_pod(NS, {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p%d" % i, "labels": {"app": "emqx"}},
                                            "spec": {"nodeName": node, "containers": [{"name": "c", "image": "emqx"}]}})
            core.patch_namespaced_pod_status("p%d" % i, NS, {"status": {"phase": "Running",
                "conditions": [{"type": "Ready", "status": "True"}]}})
        on_n1 = core.list_pod_for_all_namespaces(field_selector="spec.nodeName=n1")
        check(sorted(p.metadata.name for p in on_n1.items) == ["p0", "p1"], on_n1)
        policy.create_namespaced_pod_disruption_budget(NS, {"apiVersion": "policy/v1", "kind": "PodDisruptionBudget",
            "metadata": {"name": "emqx"}, "spec": {"minAvailable": 2, "selector": {"matchLabels": {"app": "emqx"}}}})
        pdb = policy.read_namespaced_pod_disruption_budget_status("emqx", NS)
        check((pdb.status.current_healthy, pdb.status.desired_healthy, pdb.status.expected_pods, pdb.status.disruptions_allowed) == (3, 2, 3, 1), pdb.status)
        core.create_namespaced_pod_eviction("p0", NS, {"apiVersion": "policy/v1", "kind": "Eviction", "metadata": {"name": "p0", "namespace": NS},
                                                "deleteOptions": {"dryRun": ["All"]}})
        core.read_namespaced_pod("p0", NS)
        check(policy.read_namespaced_pod_disruption_budget("emqx", NS).status.disruptions_allowed == 1, "a dry-run eviction changes nothing")
        core.create_namespaced_pod_eviction("p0", NS, {"apiVersion": "policy/v1", "kind": "Eviction", "metadata": {"name": "p0", "namespace": NS}})
        fails(404, core.read_namespaced_pod, "p0", NS)
        status = fails(429, core.create_namespaced_pod_eviction, "p1", NS, {"apiVersion": "policy/v1", "kind": "Eviction", "metadata": {"name": "p1", "namespace": NS}})
        check(status["reason"] == "TooManyRequests" and status["details"]["causes"][0]["reason"] == "DisruptionBudget", status)
        check(status["details"]["causes"][0]["message"] == "The disruption budget emqx needs 2 healthy pods and has 2 currently", status)
        policy.create_namespaced_pod_disruption_budget(NS, {"apiVersion": "policy/v1", "kind": "PodDisruptionBudget",
            "metadata": {"name": "second"}, "spec": {"maxUnavailable": 1, "selector": {"matchLabels": {"app": "emqx"}}}})
        status = fails(500, core.create_namespaced_pod_eviction, "p1", NS, {"apiVersion": "policy/v1", "kind": "Eviction", "metadata": {"name": "p1", "namespace": NS}})
        check("more than one PodDisruptionBudget" in status["message"], status)
        deleted = core.delete_namespaced_pod("p2", NS, grace_period_seconds=30)
        check(deleted.metadata.deletion_timestamp is not None and deleted.metadata.deletion_grace_period_seconds == 30, deleted.metadata)
        fails(404, core.read_namespaced_pod, "p2", NS)
        """#)
    }

    @Test("(15) discovery, Table output and pruning of unknown fields")
    func discoveryTablesPruning() async throws {
        try await runPython(#"""
        groups = client.ApisApi().get_api_versions()
        check("test.kts.dev" in [g.name for g in groups.groups], groups)
        resources = client.CustomObjectsApi().get_api_resources(G, V)
        widgets = [r for r in resources.resources if r.name == "widgets"][0]
        check(widgets.short_names == ["wd"] and widgets.categories == ["kts"] and widgets.kind == "Widget", widgets)
        check("widgets/status" in [r.name for r in resources.resources], resources)
        custom.create_namespaced_custom_object(G, V, NS, "widgets", dict(widget("a"), extra="dropped"))
        stored = custom.get_namespaced_custom_object(G, V, NS, "widgets", "a")
        check("extra" not in stored, "unknown fields are pruned: %s" % stored)
        table = raw("GET", "/apis/test.kts.dev/v1/namespaces/default/widgets", headers={"Accept": "application/json;as=Table;v=v1;g=meta.k8s.io"})
        check(table["kind"] == "Table", table)
        names = [c["name"] for c in table["columnDefinitions"]]
        check(names[:3] == ["Name", "Size", "Phase"], names)
        check(table["rows"][0]["cells"][:2] == ["a", "small"], table["rows"])
        status = fails(400, custom.create_namespaced_custom_object, G, V, NS, "widgets", dict(widget("b"), extra="x"), field_validation="Strict")
        check('unknown field "extra"' in status["message"], status)
        """#)
    }
}

extension JSONValue {
    var resourceVersionText: String { self[path: ["metadata", "resourceVersion"]]?.stringValue ?? "" }
}
