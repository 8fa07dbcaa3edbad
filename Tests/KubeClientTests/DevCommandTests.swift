import Foundation
import Testing
import TestSupport

/// Runs the built executable, as a user would: `rebalance-operator dev --kubeconfig PATH`, then `kubectl get crds`
/// against the kubeconfig it writes, then SIGTERM.
@Suite("rebalance-operator dev")
struct DevCommandTests {
    static let executable = BuiltExecutable.path("rebalance-operator")

    static var kubectl: String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/kubectl" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static var canRun: Bool { executable != nil && kubectl != nil }

    @Test(
        "dev writes a kubeconfig once ready, kubectl sees the CRDs and broker pods, and SIGTERM stops it with exit 0",
        .enabled(if: canRun, "needs .build/debug/rebalance-operator (swift build) and kubectl on the PATH"),
        .timeLimit(.minutes(3))
    )
    func devServesCRDs() async throws {
        let directory = (NSTemporaryDirectory() as NSString).appendingPathComponent("dev-command-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let kubeconfig = (directory as NSString).appendingPathComponent("nested/kubeconfig")

        let dev = Process()
        dev.executableURL = URL(fileURLWithPath: try #require(Self.executable))
        dev.arguments = ["dev", "--kubeconfig", kubeconfig, "--clients", "300"]
        let output = Pipe()
        dev.standardOutput = output
        dev.standardError = FileHandle.nullDevice
        let exited = AsyncStream.makeStream(of: Void.self)
        dev.terminationHandler = { _ in
            exited.continuation.yield()
            exited.continuation.finish()
        }
        try dev.run()
        defer { if dev.isRunning { dev.terminate() } }

        while !FileManager.default.fileExists(atPath: kubeconfig) {
            try #require(dev.isRunning, "rebalance-operator dev exited before writing the kubeconfig")
            try await Task.sleep(for: .milliseconds(50))
        }

        let crds = try runKubectl(["get", "crds", "-o", "name"], kubeconfig: kubeconfig)
        #expect(crds.status == 0)
        for plural in ["brokerclusters", "nodeevacuations", "clusterrebalances"] {
            #expect(crds.output.contains("customresourcedefinition.apiextensions.k8s.io/\(plural).rebalance.brokers.dev"))
        }

        let pods = try runKubectl(["get", "pods", "-o", "name"], kubeconfig: kubeconfig)
        #expect(pods.status == 0)
        #expect(pods.output.split(separator: "\n").sorted() == ["pod/emqx-0", "pod/emqx-1", "pod/emqx-2"])

        dev.terminate()
        for await _ in exited.stream {}
        #expect(dev.terminationReason == .exit)
        #expect(dev.terminationStatus == 0)
        #expect(!FileManager.default.fileExists(atPath: kubeconfig), "the kubeconfig is removed on shutdown")
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(printed.contains("export KUBECONFIG=\(kubeconfig)"))
        #expect(printed.contains("kubectl get brokers"))
    }

    /// Runs kubectl with `KUBECONFIG` set, as the printed instructions say, and returns its exit status and stdout.
    func runKubectl(_ arguments: [String], kubeconfig: String) throws -> (status: Int32, output: String) {
        let kubectl = Process()
        kubectl.executableURL = URL(fileURLWithPath: try #require(Self.kubectl))
        kubectl.arguments = arguments
        kubectl.environment = ProcessInfo.processInfo.environment.merging(["KUBECONFIG": kubeconfig]) { $1 }
        let output = Pipe()
        kubectl.standardOutput = output
        kubectl.standardError = FileHandle.nullDevice
        try kubectl.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        kubectl.waitUntilExit()
        return (kubectl.terminationStatus, text.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
