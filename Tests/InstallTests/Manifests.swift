import Foundation
import KubeClient
import TestSupport
import Yams

/// Loading the install's manifests for the tests: YAML streams as JSON values, `kubectl kustomize`, tools on the PATH.
enum Manifests {
    static let root = packageRoot

    /// Every document of a YAML stream, as JSON values (empty documents dropped).
    static func documents(yaml text: String) throws -> [JSONValue] {
        var sequence = try Yams.load_all(yaml: text)
        var documents: [JSONValue] = []
        while let document = sequence.next() {
            let data = try JSONSerialization.data(withJSONObject: document, options: [.fragmentsAllowed])
            let value = try JSONValue(parsing: data)
            if value != .null { documents.append(value) }
        }
        if let error = sequence.error { throw error }
        return documents
    }

    /// The documents of a file below the package root.
    static func documents(file path: String) throws -> [JSONValue] {
        try documents(yaml: String(contentsOf: root.appendingPathComponent(path), encoding: .utf8))
    }

    /// `kubectl kustomize <directory>` (a path below the package root); throws with kubectl's message when it fails.
    static func kustomize(_ directory: String) async throws -> String {
        let result = try await ProcessRunner.run("kubectl", ["kustomize", root.appendingPathComponent(directory).path])
        guard result.status == 0 else { throw ManifestError.kustomizeFailed(directory: directory, stderr: result.stderr) }
        return result.stdout
    }

    /// The rendered install of `dist/install.yaml`.
    static func distInstall() throws -> [JSONValue] { try documents(file: "dist/install.yaml") }

    /// Every RBAC rule of the `ClusterRole`s and `Role`s among `documents`, with the kind that holds it.
    static func rules(in documents: [JSONValue]) -> [(kind: String, rule: JSONValue)] {
        documents.filter { $0["kind"] == "ClusterRole" || $0["kind"] == "Role" }.flatMap { role in
            (role["rules"]?.arrayValue ?? []).map { (role["kind"]?.stringValue ?? "", $0) }
        }
    }

    /// The absolute path of `name` on the PATH, if any.
    static func tool(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

enum ManifestError: Error, CustomStringConvertible {
    case kustomizeFailed(directory: String, stderr: String)

    var description: String {
        switch self {
        case let .kustomizeFailed(directory, stderr): "kubectl kustomize \(directory) failed: \(stderr)"
        }
    }
}

extension JSONValue {
    /// The strings of an array value (`[]` when not an array).
    var strings: [String] { arrayValue?.compactMap(\.stringValue) ?? [] }
}
