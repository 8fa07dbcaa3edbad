import Foundation
import Testing
import TestSupport

/// Every rendered object against the Kubernetes 1.30 to 1.33 OpenAPI schemas, strict (unknown fields rejected),
/// offline, with the PyPI package `kubernetes-validate` that `scripts/test` installs into `.venv`.
///
/// Custom kinds have no schema there: the Prometheus Operator's `ServiceMonitor` and `PrometheusRule` are skipped
/// (reported as "Couldn't find schema"); our own CRDs are validated as `CustomResourceDefinition` objects.
@Suite("Kubernetes schemas (kubernetes-validate)", .enabled(if: KubernetesValidate.path != nil, "needs kubernetes-validate in .venv or $KUBE_TEST_PYTHON's environment (scripts/test installs it)"))
struct SchemaValidationTests {
    static let kubernetesVersions = ["1.30.0", "1.31.0", "1.32.0", "1.33.0"]
    /// Kinds without a schema in kubernetes-validate, and why they may be skipped.
    static let skippedKinds = ["ServiceMonitor": "Prometheus Operator CRD", "PrometheusRule": "Prometheus Operator CRD"]

    static var validator: String? { KubernetesValidate.path }

    @Test("deploy/ and every optional component validate strictly", arguments: ["deploy", "examples/install-all-components"])
    func validate(directory: String) async throws {
        let validator = try #require(Self.validator)
        let rendered = try await Manifests.kustomize(directory)
        let documents = try Manifests.documents(yaml: rendered)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("install-\(UUID().uuidString).yaml")
        try rendered.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let checked = documents.filter { Self.skippedKinds[$0["kind"]?.stringValue ?? ""] == nil }.count
        for version in Self.kubernetesVersions {
            let result = try await ProcessRunner.run(validator, ["--strict", "--kubernetes-version", version, file.path])
            let output = result.stdout + result.stderr
            #expect(result.status == 0, "Kubernetes \(version): \(output)")
            let passed = output.split(separator: "\n").filter { $0.contains(" passed for resource ") }.count
            #expect(passed == checked, "Kubernetes \(version): \(passed) of \(checked) objects passed\n\(output)")
            for line in output.split(separator: "\n") where line.hasPrefix("WARN") || line.hasPrefix("ERROR") {
                #expect(Self.skippedKinds.keys.contains { line.contains("kind \($0) ") }, "Kubernetes \(version): \(line)")
            }
        }
    }
}

/// The `kubernetes-validate` script beside the test venv's python (`$KUBE_TEST_PYTHON`, else `.venv/bin/python`).
enum KubernetesValidate {
    static var path: String? {
        let python = ProcessInfo.processInfo.environment["KUBE_TEST_PYTHON"] ?? packageRoot.appendingPathComponent(".venv/bin/python").path
        let script = URL(fileURLWithPath: python).deletingLastPathComponent().appendingPathComponent("kubernetes-validate").path
        return FileManager.default.isExecutableFile(atPath: script) ? script : nil
    }
}
