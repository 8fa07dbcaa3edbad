import KubeClient

extension APIHandler {
    /// `/testserver/v1/...`: fault injection over HTTP (token required).
    ///
    /// - `GET /testserver/v1/watches`: `{"open": N}`, the number of open watch streams.
    /// - `POST /testserver/v1/watches/drop`: end every open watch.
    /// - `POST /testserver/v1/history/compact`: forget the event history (older watches and continue tokens get 410).
    /// - `POST /testserver/v1/failures` with `{"status": 500, "count": 2, "method": "PUT", "pathPrefix": "...",
    ///   "resource": "pods", "pathSuffix": "/status"}`: fail matching requests; `DELETE` clears them.
    func handleTestServer(_ segments: [String], request: APIRequest) async -> APIResponse {
        switch (request.method, segments) {
        case ("GET", ["watches"]):
            return .ok(["open": .int(Int64(await store.openWatchCount))])
        case ("POST", ["watches", "drop"]):
            await faults.dropAllWatches()
            return .ok(["dropped": true])
        case ("POST", ["history", "compact"]):
            await faults.compactHistory()
            return .ok(["compactedThrough": .string(await store.currentResourceVersion)])
        case ("POST", ["failures"]):
            guard let body = try? request.jsonBody(), let status = body["status"]?.intValue, (400...599).contains(status) else {
                return .failure(.badRequest("expected {\"status\": 400...599, \"count\": N, \"method\"?, \"pathPrefix\"?, \"resource\"?, \"pathSuffix\"?}"))
            }
            let matcher = RequestMatcher(method: body["method"]?.stringValue, pathPrefix: body["pathPrefix"]?.stringValue,
                                         resource: body["resource"]?.stringValue, pathSuffix: body["pathSuffix"]?.stringValue)
            faults.failRequests(matching: matcher, status: Int(status), count: Int(body["count"]?.intValue ?? 1))
            return .ok(["pending": .int(Int64(faults.pendingFailures))], code: 201)
        case ("DELETE", ["failures"]):
            faults.clearRequestFailures()
            return .ok(["pending": 0])
        default:
            return .failure(.pathNotFound(request.path))
        }
    }
}
