import Foundation
import TestSupport
import Testing

/// The official Kubernetes Python client's own end-to-end tests (`kubernetes/e2e_test/` and the dynamic client's
/// `test_client.py`, copied from kubernetes-client/python into `PythonE2E/<release>/`), run with pytest against a
/// fresh `kube-test-server` process, once per client release: the newest 37.x (`KUBE_TEST_PYTHON`, `.venv`) and the pinned 36.0.3
/// (`KUBE_TEST_PYTHON_K8S36`, `.venv-k8s36`), both installed by scripts/test.
///
/// Tests of kinds or subresources this server does not serve are skipped with their reason from
/// `PythonE2E/skipped.txt`; every other test must pass, and a stale entry in that list fails the run. The two
/// releases run one after the other (about a minute each), to keep the load of a full test run down.
@Suite("the Python client's own e2e suite", .serialized)
struct PythonE2ETests {
    static let suiteDirectory = TestSupport.packageRoot.appendingPathComponent("Tests/KubeTestServerTests/PythonE2E")

    static func interpreter(_ variable: String) -> String? {
        guard let path = ProcessInfo.processInfo.environment[variable], !path.isEmpty,
              FileManager.default.isExecutableFile(atPath: path) else { return nil }
        return path
    }

    @Test("kubernetes 37.x: every e2e test of a served kind passes", .enabled(if: interpreter("KUBE_TEST_PYTHON") != nil, "needs KUBE_TEST_PYTHON (a venv with kubernetes 37.x and pytest; scripts/test makes .venv)"),
          .timeLimit(.minutes(8)))
    func release37() async throws {
        try await run(release: "v37.0.2", interpreter: Self.interpreter("KUBE_TEST_PYTHON") ?? "")
    }

    @Test("kubernetes 36.0.3: every e2e test of a served kind passes", .enabled(if: interpreter("KUBE_TEST_PYTHON_K8S36") != nil, "needs KUBE_TEST_PYTHON_K8S36 (a venv with kubernetes 36.0.3 and pytest; scripts/test makes .venv-k8s36)"),
          .timeLimit(.minutes(8)))
    func release36() async throws {
        try await run(release: "v36.0.3", interpreter: Self.interpreter("KUBE_TEST_PYTHON_K8S36") ?? "")
    }

    /// Runs one release's suite against a fresh `kube-test-server` process (apart from the test process, so the suite
    /// sees the server as any client does); `timeout` bounds the run at 7 minutes.
    func run(release: String, interpreter: String) async throws {
        let binary = try #require(BuiltExecutable.path("kube-test-server"), "build the package first (swift build --build-tests)")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kts-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let kubeconfig = directory.appendingPathComponent("kubeconfig").path
        let server = try ProcessRunner.start(binary, ["--port", "0", "--kubeconfig", kubeconfig])
        for _ in 0..<1200 where !FileManager.default.fileExists(atPath: kubeconfig) {
            try await Task.sleep(for: .milliseconds(25))
        }
        let result = try await ProcessRunner.run("timeout", [
            "--kill-after=10", "420", interpreter,
            Self.suiteDirectory.appendingPathComponent("run_suite.py").path,
            Self.suiteDirectory.appendingPathComponent(release).path,
            Self.suiteDirectory.appendingPathComponent("skipped.txt").path,
            kubeconfig, directory.appendingPathComponent("work").path,
        ], environment: ["PYTHONDONTWRITEBYTECODE": "1", "PYTHONUNBUFFERED": "1"])
        server.terminate()
        _ = await server.wait()
        let summary = result.stdout.split(separator: "\n").last { $0.contains(" passed") || $0.contains(" failed") || $0.contains(" error") } ?? ""
        print("Python e2e suite \(release): \(summary)")
        #expect(result.status == 0, "pytest for \(release) exited \(result.status) (124: timed out):\n\(result.stdout.suffix(20000))\n\(result.stderr.suffix(4000))")
        #expect(summary.contains(" passed"), "no test ran for \(release): \(result.stdout.suffix(4000))")
    }
}
