import Foundation
import Testing

@testable import KubeClient

@Suite("kubeconfig parsing")
struct KubeConfigTests {
    static let inline = """
        apiVersion: v1
        kind: Config
        current-context: dev
        clusters:
        - name: dev-cluster
          cluster:
            server: https://127.0.0.1:6443/
            certificate-authority-data: \(TestMaterial.base64(TestMaterial.certificatePEM))
        - name: prod-cluster
          cluster:
            server: https://prod.example:443
            insecure-skip-tls-verify: true
        users:
        - name: dev-user
          user:
            client-certificate-data: \(TestMaterial.base64(TestMaterial.certificatePEM))
            client-key-data: \(TestMaterial.base64(TestMaterial.privateKeyPEM))
        - name: prod-user
          user:
            token: s3cr3t
        contexts:
        - name: dev
          context:
            cluster: dev-cluster
            user: dev-user
            namespace: brokers
        - name: prod
          context:
            cluster: prod-cluster
            user: prod-user
        """

    @Test("the current context gives server, namespace, CA and client certificate from inline data")
    func currentContextInlineData() throws {
        try withTemporaryDirectory { directory in
            let path = try write(Self.inline, to: "config", in: directory)
            let config = try KubeConfig.load(path: path)
            #expect(config.server == "https://127.0.0.1:6443")
            #expect(config.namespace == "brokers")
            #expect(config.tls.certificateAuthorityPEM == TestMaterial.certificatePEM)
            #expect(config.tls.clientCertificatePEM == TestMaterial.certificatePEM)
            #expect(config.tls.clientKeyPEM == TestMaterial.privateKeyPEM)
            #expect(config.tls.insecureSkipVerify == false)
            #expect(config.credentials == .none)
        }
    }

    @Test("a named context picks its own cluster and user; namespace defaults to default")
    func namedContext() throws {
        try withTemporaryDirectory { directory in
            let path = try write(Self.inline, to: "config", in: directory)
            let config = try KubeConfig.load(path: path, context: "prod")
            #expect(config.server == "https://prod.example:443")
            #expect(config.namespace == "default")
            #expect(config.tls.insecureSkipVerify)
            #expect(config.tls.certificateAuthorityPEM == nil)
            #expect(config.credentials == .bearerToken("s3cr3t"))
        }
    }

    @Test("relative file paths resolve against the kubeconfig's directory")
    func relativePaths() throws {
        try withTemporaryDirectory { directory in
            try write(TestMaterial.certificatePEM, to: "kube/certs/ca.crt", in: directory)
            try write(TestMaterial.certificatePEM, to: "kube/certs/client.crt", in: directory)
            try write(TestMaterial.privateKeyPEM, to: "kube/certs/client.key", in: directory)
            let tokenPath = try write("file-token\n", to: "kube/token", in: directory)
            let path = try write(
                """
                current-context: c
                clusters:
                - name: k
                  cluster:
                    server: https://10.0.0.1:6443
                    certificate-authority: certs/ca.crt
                users:
                - name: u
                  user:
                    client-certificate: certs/client.crt
                    client-key: certs/client.key
                    tokenFile: token
                contexts:
                - name: c
                  context: {cluster: k, user: u, namespace: ops}
                """,
                to: "kube/config",
                in: directory
            )
            let config = try KubeConfig.load(path: path)
            #expect(config.tls.certificateAuthorityPEM == TestMaterial.certificatePEM)
            #expect(config.tls.clientCertificatePEM == TestMaterial.certificatePEM)
            #expect(config.tls.clientKeyPEM == TestMaterial.privateKeyPEM)
            #expect(config.credentials == .bearerTokenFile(tokenPath))
            #expect(config.namespace == "ops")
        }
    }

    @Test("a missing server names the file and the field")
    func missingServer() throws {
        try withTemporaryDirectory { directory in
            let path = try write(
                """
                current-context: c
                clusters: [{name: k, cluster: {insecure-skip-tls-verify: true}}]
                contexts: [{name: c, context: {cluster: k}}]
                """,
                to: "config",
                in: directory
            )
            #expect(throws: KubeConfigError.missingField(field: "clusters[name=k].cluster.server", path: path)) {
                try KubeConfig.load(path: path)
            }
        }
    }

    @Test("unknown contexts, clusters and users, and a missing current-context, are named")
    func missingEntries() throws {
        try withTemporaryDirectory { directory in
            let path = try write(Self.inline, to: "config", in: directory)
            #expect(throws: KubeConfigError.entryNotFound(kind: "context", name: "staging", path: path)) {
                try KubeConfig.load(path: path, context: "staging")
            }
            let dangling = try write(
                """
                current-context: c
                clusters: [{name: k, cluster: {server: "https://x"}}]
                contexts: [{name: c, context: {cluster: k, user: ghost}}, {name: d, context: {cluster: nowhere}}]
                """,
                to: "dangling",
                in: directory
            )
            #expect(throws: KubeConfigError.entryNotFound(kind: "user", name: "ghost", path: dangling)) {
                try KubeConfig.load(path: dangling)
            }
            #expect(throws: KubeConfigError.entryNotFound(kind: "cluster", name: "nowhere", path: dangling)) {
                try KubeConfig.load(path: dangling, context: "d")
            }
            let noCurrent = try write("clusters: []\ncontexts: []\n", to: "nocurrent", in: directory)
            #expect(throws: KubeConfigError.noCurrentContext(path: noCurrent)) {
                try KubeConfig.load(path: noCurrent)
            }
        }
    }

    @Test("bad base64, unparsable PEM, a missing key file and unreadable files are reported with their field")
    func badMaterial() throws {
        try withTemporaryDirectory { directory in
            func config(user: String) -> String {
                """
                current-context: c
                clusters: [{name: k, cluster: {server: "https://x"}}]
                users: [{name: u, user: {\(user)}}]
                contexts: [{name: c, context: {cluster: k, user: u}}]
                """
            }
            let badBase64 = try write(config(user: "client-certificate-data: '%%%', client-key-data: 'AA=='"), to: "a", in: directory)
            #expect(throws: KubeConfigError.invalidField(field: "users[name=u].user.client-certificate-data", path: badBase64, reason: "not base64-encoded PEM")) {
                try KubeConfig.load(path: badBase64)
            }
            let notPEM = try write(config(user: "client-certificate-data: \(TestMaterial.base64("hello"))"), to: "b", in: directory)
            #expect {
                try KubeConfig.load(path: notPEM)
            } throws: { error in
                guard case .invalidField(let field, let path, _) = error as? KubeConfigError else { return false }
                return field == "users[name=u].user.client-certificate-data" && path == notPEM
            }
            let noKey = try write(config(user: "client-certificate-data: \(TestMaterial.base64(TestMaterial.certificatePEM))"), to: "c", in: directory)
            #expect(throws: KubeConfigError.missingField(field: "users[name=u].user.client-key (or client-key-data)", path: noKey)) {
                try KubeConfig.load(path: noKey)
            }
            let missingFile = try write(config(user: "tokenFile: /nonexistent/token"), to: "d", in: directory)
            #expect {
                try KubeConfig.load(path: missingFile)
            } throws: { error in
                guard case .fileUnreadable(let path, _) = error as? KubeConfigError else { return false }
                return path == "/nonexistent/token"
            }
            let exec = try write(config(user: "exec: {command: aws, apiVersion: client.authentication.k8s.io/v1}"), to: "e", in: directory)
            #expect(throws: KubeConfigError.unsupportedAuthentication(user: "u", method: "an exec plugin", path: exec)) {
                try KubeConfig.load(path: exec)
            }
            #expect(throws: KubeConfigError.self) { try KubeConfig.load(path: (directory as NSString).appendingPathComponent("absent")) }
            let notYAML = try write("clusters: [unclosed", to: "f", in: directory)
            #expect {
                try KubeConfig.load(path: notYAML)
            } throws: { error in
                guard case .invalidKubeconfig(let path, _) = error as? KubeConfigError else { return false }
                return path == notYAML
            }
        }
    }

    @Test("several files merge: the first file wins per name and sets current-context")
    func mergedFiles() throws {
        try withTemporaryDirectory { directory in
            let first = try write(
                """
                current-context: a
                clusters: [{name: shared, cluster: {server: "https://first"}}]
                contexts: [{name: a, context: {cluster: shared}}]
                """,
                to: "first",
                in: directory
            )
            let second = try write(
                """
                current-context: b
                clusters: [{name: shared, cluster: {server: "https://second"}}, {name: other, cluster: {server: "https://other"}}]
                users: [{name: t, user: {token: abc}}]
                contexts: [{name: b, context: {cluster: other, user: t, namespace: x}}]
                """,
                to: "second",
                in: directory
            )
            let merged = try KubeConfig.load(path: nil, context: nil, environment: ["KUBECONFIG": "\(first):\(second)"])
            #expect(merged.server == "https://first")
            let other = try KubeConfig.load(path: "\(first):\(second)", context: "b")
            #expect(other.server == "https://other")
            #expect(other.credentials == .bearerToken("abc"))
            #expect(other.namespace == "x")
        }
    }
}

@Test("a config's description never shows the token or key")
func configDescriptionRedactsSecrets() {
    let config = KubeConfig(
        server: "https://k",
        tls: .init(certificateAuthorityPEM: TestMaterial.certificatePEM, clientCertificatePEM: TestMaterial.certificatePEM, clientKeyPEM: TestMaterial.privateKeyPEM),
        credentials: .bearerToken("s3cr3t")
    )
    #expect(!config.description.contains("s3cr3t"))
    #expect(!config.description.contains("PRIVATE KEY"))
    #expect(config.description == "KubeConfig(server: https://k, namespace: default, trust: custom CA, credentials: bearer token (redacted), client certificate)")
}
