import Foundation
import KubeClient
import Testing
import TestSupport

/// `kubectl apply -f dist/install.yaml` against the test API server (`kube-test-server`), as a user would.
///
/// The install needs ServiceAccount, ClusterRole, ClusterRoleBinding, Role, RoleBinding and apps/v1 Deployment,
/// which the test API server does not all serve yet (another branch adds them). Until it does, the objects of the
/// served kinds must apply (and re-apply unchanged), and the whole file's apply is a known issue naming the missing
/// kinds; once every kind is served the known issue no longer occurs and the whole apply is checked as such.
@Suite("kubectl apply -f dist/install.yaml")
struct InstallApplyTests {
    /// `plural.group` (kubectl api-resources -o name) of each kind in the install.
    static let resourceNames: [String: String] = [
        "CustomResourceDefinition": "customresourcedefinitions.apiextensions.k8s.io", "Namespace": "namespaces",
        "ServiceAccount": "serviceaccounts", "ClusterRole": "clusterroles.rbac.authorization.k8s.io",
        "ClusterRoleBinding": "clusterrolebindings.rbac.authorization.k8s.io", "Role": "roles.rbac.authorization.k8s.io",
        "RoleBinding": "rolebindings.rbac.authorization.k8s.io", "Deployment": "deployments.apps", "Service": "services",
    ]

    @Test("applies against the test API server, and again unchanged")
    func apply() async throws {
        let group = ProcessGroup()
        defer { group.killAll() }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("apply-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let kubeconfig = directory.appendingPathComponent("kubeconfig").path
        let server = try group.start(try #require(BuiltExecutable.path("kube-test-server"), "swift build --build-tests first"), ["--port", "0", "--kubeconfig", kubeconfig])
        for _ in 0..<300 where !FileManager.default.fileExists(atPath: kubeconfig) { try await Task.sleep(for: .milliseconds(100)) }
        try #require(FileManager.default.fileExists(atPath: kubeconfig), "kube-test-server did not start: \(server.stderr)")
        func kubectl(_ arguments: [String]) async throws -> ProcessResult {
            try await ProcessRunner.run("kubectl", ["--kubeconfig", kubeconfig] + arguments)
        }

        let served = Set(try await kubectl(["api-resources", "-o", "name"]).stdout.split(separator: "\n").map(String.init))
        let documents = try Manifests.distInstall()
        let kinds = Set(documents.compactMap { $0["kind"]?.stringValue })
        let missing = kinds.filter { kind in !served.contains(Self.resourceNames[kind] ?? kind) }.sorted()
        #expect(kinds.allSatisfy { Self.resourceNames[$0] != nil }, "a kind of the install has no entry in resourceNames")

        // The objects of the kinds served now.
        let text = try String(contentsOf: Manifests.root.appendingPathComponent("dist/install.yaml"), encoding: .utf8)
        let servedDocuments = Self.split(text).filter { document in !missing.contains { document.contains("\nkind: \($0)\n") } }
        let servedFile = directory.appendingPathComponent("served.yaml")
        try servedDocuments.joined(separator: "---\n").write(to: servedFile, atomically: true, encoding: .utf8)
        let first = try await kubectl(["apply", "-f", servedFile.path])
        #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
        let again = try await kubectl(["apply", "-f", servedFile.path])
        #expect(again.status == 0 && !again.stdout.contains("configured") && !again.stdout.contains("created"), "re-apply changed something:\n\(again.stdout)\(again.stderr)")

        // The whole file, as a user runs it.
        if missing.isEmpty {
            let whole = try await kubectl(["apply", "-f", Manifests.root.appendingPathComponent("dist/install.yaml").path])
            #expect(whole.status == 0, "\(whole.stdout)\(whole.stderr)")
            let deployment = try await kubectl(["get", "deployment", "rebalance-operator", "-n", "rebalance-system", "-o", "jsonpath={.spec.replicas}"])
            #expect(deployment.stdout == "2")
        } else {
            await withKnownIssue("the test API server does not serve \(missing.joined(separator: ", ")) yet (added on another branch)") {
                let whole = try await kubectl(["apply", "-f", Manifests.root.appendingPathComponent("dist/install.yaml").path])
                #expect(whole.status == 0, "\(whole.stdout)\(whole.stderr)")
            }
        }
    }

    /// The documents of a YAML stream as text (split at `---` lines), each starting with a newline so that
    /// `\nkind: X\n` finds top-level kinds.
    static func split(_ text: String) -> [String] {
        var documents: [String] = []
        var current = "\n"
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "---" {
                if current.contains("\nkind: ") { documents.append(current) }
                current = "\n"
            } else {
                current += line + "\n"
            }
        }
        if current.contains("\nkind: ") { documents.append(current) }
        return documents
    }
}
