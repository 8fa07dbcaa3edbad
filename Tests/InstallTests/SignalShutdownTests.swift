import Foundation
import Testing
import TestSupport

/// SIGTERM (what the kubelet sends) and SIGINT (Ctrl-C) stop each executable cleanly: exit status 0, and not one
/// `warning`, `error` or `critical` log line when nothing went wrong.
@Suite("Shutdown on SIGTERM and SIGINT", .serialized)
struct SignalShutdownTests {
    static let signals: [Int32] = [SIGTERM, SIGINT]

    static func executable(_ name: String) throws -> String {
        try #require(BuiltExecutable.path(name), "build first: swift build --build-tests")
    }

    static func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)").path
    }

    /// Polls `condition` every 100 ms for up to `seconds`.
    static func waitUntil(seconds: Int, _ condition: () async throws -> Bool) async throws -> Bool {
        for _ in 0..<(seconds * 10) {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    /// Log lines at warning or above: text lines of swift-log's `StreamLogHandler` (`<time> <level> <label> : ...`)
    /// and JSON lines (`"level":"..."`).
    static func complaints(in output: String) -> [String] {
        output.split(separator: "\n").map(String.init).filter { line in
            if line.hasPrefix("{"), let data = line.data(using: .utf8),
               let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any], let level = object["level"] as? String {
                return ["warning", "error", "critical"].contains(level)
            }
            let words = line.split(separator: " ", maxSplits: 2)
            return words.count > 1 && ["warning", "error", "critical"].contains(String(words[1]))
        }
    }

    /// Sends `signal`, waits for the exit and checks status and output.
    static func stop(_ process: RunningProcess, with signal: Int32, name: String) async {
        process.signal(signal)
        let result = await process.wait()
        #expect(result.status == 0, "\(name) exited \(result.status) on signal \(signal)\n\(result.stderr)")
        let complaints = complaints(in: result.stdout + "\n" + result.stderr)
        #expect(complaints.isEmpty, "\(name) logged on signal \(signal):\n\(complaints.joined(separator: "\n"))")
    }

    @Test("kube-test-server", arguments: signals)
    func kubeTestServer(signal: Int32) async throws {
        let group = ProcessGroup()
        defer { group.killAll() }
        let kubeconfig = Self.temporaryPath("kubeconfig")
        defer { try? FileManager.default.removeItem(atPath: kubeconfig) }
        let server = try group.start(try Self.executable("kube-test-server"), ["--port", "0", "--kubeconfig", kubeconfig])
        #expect(try await Self.waitUntil(seconds: 30) { FileManager.default.fileExists(atPath: kubeconfig) })
        // A client with an open watch, as the operator and kubectl have, must not hold the shutdown up.
        let watch = try group.start("kubectl", ["--kubeconfig", kubeconfig, "get", "namespaces", "--watch"])
        try await Task.sleep(for: .milliseconds(500))
        await Self.stop(server, with: signal, name: "kube-test-server")
        watch.signal(SIGKILL)
    }

    @Test("emqx-sim", arguments: signals)
    func emqxSimulator(signal: Int32) async throws {
        let group = ProcessGroup()
        defer { group.killAll() }
        let simulator = try group.start(try Self.executable("emqx-sim"), ["--nodes", "2", "--clients", "200", "--port", "0"])
        #expect(try await Self.waitUntil(seconds: 30) { simulator.stdout.contains("service http") })
        await Self.stop(simulator, with: signal, name: "emqx-sim")
    }

    @Test("rebalance-operator dev", arguments: signals)
    func dev(signal: Int32) async throws {
        let group = ProcessGroup()
        defer { group.killAll() }
        let kubeconfig = Self.temporaryPath("kubeconfig")
        defer { try? FileManager.default.removeItem(atPath: kubeconfig) }
        let dev = try group.start(try Self.executable("rebalance-operator"), ["dev", "--kubeconfig", kubeconfig, "--clients", "1000"])
        #expect(try await Self.waitUntil(seconds: 120) { FileManager.default.fileExists(atPath: kubeconfig) }, "dev did not get ready:\n\(dev.stderr)")
        await Self.stop(dev, with: signal, name: "rebalance-operator dev")
        #expect(!FileManager.default.fileExists(atPath: kubeconfig), "dev removes its kubeconfig on shutdown")
    }

    @Test("rebalance-operator run, leading with JSON logs, releases its Lease", arguments: signals)
    func run(signal: Int32) async throws {
        let group = ProcessGroup()
        defer { group.killAll() }
        let kubeconfig = Self.temporaryPath("kubeconfig")
        defer { try? FileManager.default.removeItem(atPath: kubeconfig) }
        let server = try group.start(try Self.executable("kube-test-server"), ["--port", "0", "--kubeconfig", kubeconfig])
        #expect(try await Self.waitUntil(seconds: 30) { FileManager.default.fileExists(atPath: kubeconfig) })
        let crds = try await ProcessRunner.run("kubectl", ["--kubeconfig", kubeconfig, "apply", "-f", packageRoot.appendingPathComponent("crds").path])
        try #require(crds.status == 0, "\(crds.stderr)")
        let lease = ["--kubeconfig", kubeconfig, "get", "lease", "rebalance-operator.rebalance.brokers.dev", "-n", "default", "-o", "jsonpath={.spec.holderIdentity}"]
        let operatorProcess = try group.start(try Self.executable("rebalance-operator"), [
            "run", "--kubeconfig", kubeconfig, "--leader-elect", "--leader-election-namespace", "default",
            "--health-probe-bind-address", "127.0.0.1:0", "--metrics-bind-address", "127.0.0.1:0", "--log-format", "json", "--log-level", "info",
        ])
        let leading = try await Self.waitUntil(seconds: 60) {
            let result = try await ProcessRunner.run("kubectl", lease)
            return result.status == 0 && !result.stdout.isEmpty
        }
        #expect(leading, "the operator did not take the Lease:\n\(operatorProcess.stderr)")
        let output = operatorProcess.stderr
        await Self.stop(operatorProcess, with: signal, name: "rebalance-operator run")
        let released = try await ProcessRunner.run("kubectl", lease)
        #expect(released.status == 0 && released.stdout.isEmpty, "the Lease is released on shutdown, holder: \(released.stdout)")
        // JSON lines throughout, with controller-runtime's keys.
        for line in output.split(separator: "\n") {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not JSON: \(line)")
            for key in ["ts", "level", "msg", "logger"] { #expect(object[key] != nil, "no \(key): \(line)") }
        }
        server.signal(SIGTERM)
        _ = await server.wait()
    }
}
