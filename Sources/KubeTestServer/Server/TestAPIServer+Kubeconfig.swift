import Foundation
import KubeClient

extension TestAPIServer {
    /// A kubeconfig (YAML) for this server: its URL, its CA, the token, and `namespace` as the context's default.
    public func kubeconfig(namespace: String = "default") -> String {
        let caData = Data(caCertificatePEM.utf8).base64EncodedString()
        return """
            apiVersion: v1
            kind: Config
            clusters:
            - name: kube-test-server
              cluster:
                server: \(url)
                certificate-authority-data: \(caData)
            users:
            - name: kube-test-server
              user:
                token: \(token)
            contexts:
            - name: kube-test-server
              context:
                cluster: kube-test-server
                user: kube-test-server
                namespace: \(namespace)
            current-context: kube-test-server
            preferences: {}

            """
    }

    /// Writes ``kubeconfig(namespace:)`` to `path` atomically (mode 0600), creating missing directories.
    public func writeKubeconfig(to path: String, namespace: String = "default") throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString)")
        try Data(kubeconfig(namespace: namespace).utf8).write(to: temporary)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: temporary.path)
        if FileManager.default.fileExists(atPath: url.path) { try FileManager.default.removeItem(at: url) }
        try FileManager.default.moveItem(at: temporary, to: url)
    }
}

extension TestAPIServer {
    /// The configuration ``KubeClient`` needs to talk to this server in process: its URL, its CA and the token.
    public func kubeConfig(namespace: String = "default") -> KubeConfig {
        KubeConfig(server: url, namespace: namespace,
                   tls: KubeConfig.TLSSettings(certificateAuthorityPEM: caCertificatePEM),
                   credentials: .bearerToken(token))
    }
}
