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

    def raw(method, path, body=None, headers=None, status=None):
        header_params = {"Content-Type": "application/json", "Accept": "application/json"}
        header_params.update(headers or {})
        params = api_client.param_serialize(method=method, resource_path=path, header_params=header_params,
                                            body=body, auth_settings=["BearerToken"])
        response = api_client.call_api(*params)
        response.read()
        if status is None:
            check(200 <= response.status < 300, "%s %s: %d %s" % (method, path, response.status, response.data))
        else:
            check(response.status == status, "%s %s: expected %d, got %d %s" % (method, path, status, response.status, response.data))
        return json.loads(response.data)

    def testserver(path, body=None):
        return raw("POST", "/testserver/v1/" + path, body or {})

    """#
}
