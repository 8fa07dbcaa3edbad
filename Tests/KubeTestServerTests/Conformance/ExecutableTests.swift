import Foundation
import TestSupport
import Testing

@Suite("the kube-test-server executable")
struct ExecutableTests {
    @Test("kube-test-server --port 0 --kubeconfig PATH writes a kubeconfig kubectl can use, and stops on SIGTERM")
    func runsUntilTerminated() async throws {
        let binary = try #require(BuiltExecutable.path("kube-test-server"),
                                  "build the package first (swift build --build-tests)")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kts-exe-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let kubeconfig = directory.appendingPathComponent("nested/kubeconfig").path
        let server = try ProcessRunner.start(binary, ["--port", "0", "--kubeconfig", kubeconfig])
        for _ in 0..<600 where !FileManager.default.fileExists(atPath: kubeconfig) {
            try await Task.sleep(for: .milliseconds(25))
        }
        let namespaces = try await ProcessRunner.run(
            "kubectl", ["--kubeconfig", kubeconfig, "--cache-dir", directory.appendingPathComponent("cache").path, "get", "namespaces", "-o", "name"],
            environment: ["HOME": directory.path])
        server.terminate()
        let result = await server.wait()
        #expect(namespaces.status == 0, "\(namespaces.stderr)")
        #expect(namespaces.stdout.contains("namespace/default"))
        #expect(result.stdout.contains("kube-test-server listening on https://127.0.0.1:"))
        #expect(result.status == 0, "\(result.stderr)")
    }
}
