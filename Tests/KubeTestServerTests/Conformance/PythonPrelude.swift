/// The lines every Python conformance script starts with: the client configured from the server's kubeconfig,
/// the Widget CRD registered, and small helpers.
enum PythonPrelude {
    static let text = #"""
    import json, sys, time
    from kubernetes import client, config, watch
    from kubernetes.client.rest import ApiException

    config.load_kube_config(config_file=sys.argv[1])
    api_client = client.ApiClient()
    custom = client.CustomObjectsApi()
    core = client.CoreV1Api()
    G, V, NS = "test.kts.dev", "v1", "default"

    def check(condition, message):
        if not condition:
            raise AssertionError(message)

    def widget(name, size="small", labels=None, **spec):
        body = {"apiVersion": "test.kts.dev/v1", "kind": "Widget",
                "metadata": {"name": name, "labels": labels or {}}, "spec": {"size": size}}
        body["spec"].update(spec)
        return body

    def fails(status, call, *args, **kwargs):
        try:
            call(*args, **kwargs)
        except ApiException as error:
            check(error.status == status, "expected %d, got %d: %s" % (status, error.status, error.body))
            return json.loads(error.body) if error.body else {}
        raise AssertionError("expected HTTP %d, but the call succeeded" % status)

    def testserver(path, body=None):
        return api_client.call_api("/testserver/v1/" + path, "POST", body=body or {}, auth_settings=["BearerToken"],
                                   response_type="object", _return_http_data_only=True)

    """#
}
