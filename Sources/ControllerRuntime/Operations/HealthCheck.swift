/// A named probe check: `true` when healthy.
public struct HealthCheck: Sendable {
    public var name: String
    public var check: @Sendable () async -> Bool

    public init(name: String, check: @escaping @Sendable () async -> Bool) {
        self.name = name
        self.check = check
    }

    /// Always healthy: the process answers (controller-runtime's `healthz.Ping`).
    public static var ping: HealthCheck { HealthCheck(name: "ping") { true } }

    /// Healthy once `store` has synced; named `informer:<name>` or as given.
    public static func synced<Object>(_ store: Store<Object>, name: String) -> HealthCheck {
        HealthCheck(name: name) { store.isSynced }
    }
}

/// The text controller-runtime's `healthz` handler answers, as a pure function.
///
/// - All checks pass: 200 and `ok`, or with `verbose` one `[+]name ok` line per check and `<probe> check passed`.
/// - Any check fails: 500, every check listed (`[+]name ok` / `[-]name failed: reason withheld`) and
///   `<probe> check failed`.
/// - Checks named in `excluded` are not run.
public enum HealthReport {
    public static func render(probe: String, results: [(name: String, healthy: Bool)], verbose: Bool) -> (status: Int, body: String) {
        let failed = results.contains { !$0.healthy }
        if !failed, !verbose { return (200, "ok") }
        var body = ""
        for result in results {
            body += result.healthy ? "[+]\(result.name) ok\n" : "[-]\(result.name) failed: reason withheld\n"
        }
        body += failed ? "\(probe) check failed\n" : "\(probe) check passed\n"
        return (failed ? 500 : 200, body)
    }

    /// Query options of a probe request: `verbose` (present, any value) and `exclude` (repeatable).
    public static func options(fromQuery query: String?) -> (verbose: Bool, excluded: Set<String>) {
        var verbose = false
        var excluded: Set<String> = []
        for item in (query ?? "").split(separator: "&") {
            let parts = item.split(separator: "=", maxSplits: 1)
            let name = parts.first.map(String.init) ?? ""
            let value = parts.count > 1 ? String(parts[1]).removingPercentEncoding ?? String(parts[1]) : ""
            if name == "verbose", value != "false", value != "0" { verbose = true }
            if name == "exclude", !value.isEmpty { excluded.insert(value) }
        }
        return (verbose, excluded)
    }

    /// Runs `checks` (minus the excluded ones) in order.
    public static func evaluate(_ checks: [HealthCheck], excluding excluded: Set<String>) async -> [(name: String, healthy: Bool)] {
        var results: [(name: String, healthy: Bool)] = []
        for check in checks where !excluded.contains(check.name) {
            results.append((check.name, await check.check()))
        }
        return results
    }
}
