import Foundation

/// The configuration of a pod's service account (client-go `rest.InClusterConfig`).
enum InClusterConfig {
    static let defaultServiceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount"

    static func isInCluster(environment: [String: String]) -> Bool {
        environment["KUBERNETES_SERVICE_HOST"].map { !$0.isEmpty } == true
            && environment["KUBERNETES_SERVICE_PORT"].map { !$0.isEmpty } == true
    }

    static func load(environment: [String: String], serviceAccountDirectory: String) throws(KubeConfigError) -> KubeConfig {
        guard let host = environment["KUBERNETES_SERVICE_HOST"], !host.isEmpty else {
            throw .notInCluster(missingVariable: "KUBERNETES_SERVICE_HOST")
        }
        guard let port = environment["KUBERNETES_SERVICE_PORT"], !port.isEmpty else {
            throw .notInCluster(missingVariable: "KUBERNETES_SERVICE_PORT")
        }
        let directory = serviceAccountDirectory as NSString
        let tokenPath = directory.appendingPathComponent("token")
        let caPath = directory.appendingPathComponent("ca.crt")
        let namespacePath = directory.appendingPathComponent("namespace")

        // Read once now so that a missing token fails at start-up; the client re-reads it while running.
        let token = try KubeconfigFile.readText(tokenPath).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else {
            throw .invalidField(field: "token", path: tokenPath, reason: "the file is empty")
        }
        let ca = try KubeconfigFile.readText(caPath)
        if let problem = PEMValidation.problem(with: ca, kind: .certificate) {
            throw .invalidField(field: "ca.crt", path: caPath, reason: problem)
        }
        var namespace = "default"
        if FileManager.default.fileExists(atPath: namespacePath) {
            let text = try KubeconfigFile.readText(namespacePath).trimmingCharacters(in: .whitespacesAndNewlines)
            if !text.isEmpty { namespace = text }
        }
        let hostPart = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        let server = port == "443" ? "https://\(hostPart)" : "https://\(hostPart):\(port)"
        return KubeConfig(
            server: server,
            namespace: namespace,
            tls: .init(certificateAuthorityPEM: ca),
            credentials: .bearerTokenFile(tokenPath)
        )
    }
}
