import Foundation
import Synchronization
import Testing

@testable import KubeClient

@Suite("in-cluster configuration and resolve order")
struct InClusterConfigTests {
    static let environment = ["KUBERNETES_SERVICE_HOST": "10.96.0.1", "KUBERNETES_SERVICE_PORT": "443"]

    func serviceAccount(in directory: String, namespace: String? = "brokers") throws -> String {
        let account = (directory as NSString).appendingPathComponent("serviceaccount")
        try write("token-1\n", to: "token", in: account)
        try write(TestMaterial.certificatePEM, to: "ca.crt", in: account)
        if let namespace { try write(namespace + "\n", to: "namespace", in: account) }
        return account
    }

    @Test("server from the environment, CA, namespace and a re-readable token file from the service account")
    func inCluster() throws {
        try withTemporaryDirectory { directory in
            let account = try serviceAccount(in: directory)
            let config = try KubeConfig.inCluster(environment: Self.environment, serviceAccountDirectory: account)
            #expect(config.server == "https://10.96.0.1")
            #expect(config.namespace == "brokers")
            #expect(config.tls.certificateAuthorityPEM == TestMaterial.certificatePEM)
            #expect(config.credentials == .bearerTokenFile((account as NSString).appendingPathComponent("token")))

            let ipv6 = try KubeConfig.inCluster(
                environment: ["KUBERNETES_SERVICE_HOST": "fd00::1", "KUBERNETES_SERVICE_PORT": "6443"],
                serviceAccountDirectory: account
            )
            #expect(ipv6.server == "https://[fd00::1]:6443")
        }
    }

    @Test("without a namespace file the namespace is default")
    func defaultNamespace() throws {
        try withTemporaryDirectory { directory in
            let account = try serviceAccount(in: directory, namespace: nil)
            #expect(try KubeConfig.inCluster(environment: Self.environment, serviceAccountDirectory: account).namespace == "default")
        }
    }

    @Test("outside a pod, or without token or CA, in-cluster configuration fails and says why")
    func failures() throws {
        try withTemporaryDirectory { directory in
            let account = try serviceAccount(in: directory)
            #expect(throws: KubeConfigError.notInCluster(missingVariable: "KUBERNETES_SERVICE_PORT")) {
                try KubeConfig.inCluster(environment: ["KUBERNETES_SERVICE_HOST": "10.0.0.1"], serviceAccountDirectory: account)
            }
            try FileManager.default.removeItem(atPath: (account as NSString).appendingPathComponent("ca.crt"))
            #expect {
                try KubeConfig.inCluster(environment: Self.environment, serviceAccountDirectory: account)
            } throws: { error in
                guard case .fileUnreadable(let path, _) = error as? KubeConfigError else { return false }
                return path.hasSuffix("serviceaccount/ca.crt")
            }
        }
    }

    @Test("resolve: explicit path, then in-cluster, then $KUBECONFIG, then ~/.kube/config")
    func resolveOrder() throws {
        try withTemporaryDirectory { directory in
            let account = try serviceAccount(in: directory)
            func kubeconfig(_ server: String, _ name: String) throws -> String {
                try write(
                    "current-context: c\nclusters: [{name: k, cluster: {server: \"\(server)\"}}]\ncontexts: [{name: c, context: {cluster: k}}]\n",
                    to: name,
                    in: directory
                )
            }
            let explicit = try kubeconfig("https://explicit", "explicit")
            let fromVariable = try kubeconfig("https://variable", "variable")
            _ = try kubeconfig("https://home", "home/.kube/config")
            let home = (directory as NSString).appendingPathComponent("home")

            var environment = Self.environment
            environment["KUBECONFIG"] = fromVariable
            environment["HOME"] = home
            func resolve(_ path: String?, _ environment: [String: String]) throws -> String {
                try KubeConfig.resolve(explicitPath: path, environment: environment, serviceAccountDirectory: account).server
            }
            #expect(try resolve(explicit, environment) == "https://explicit")
            #expect(try resolve(nil, environment) == "https://10.96.0.1")
            environment["KUBERNETES_SERVICE_HOST"] = nil
            #expect(try resolve(nil, environment) == "https://variable")
            environment["KUBECONFIG"] = nil
            #expect(try resolve(nil, environment) == "https://home")
            environment["HOME"] = directory
            #expect(throws: KubeConfigError.self) { try resolve(nil, environment) }
        }
    }

    @Test("a token file is re-read once its copy is a minute old, at once when forced, and kept when unreadable")
    func tokenRefresh() throws {
        try withTemporaryDirectory { directory in
            let path = try write("first\n", to: "token", in: directory)
            let start = ContinuousClock.now
            let offset = OffsetBox()
            let source = BearerTokenSource(credentials: .bearerTokenFile(path), now: { start + offset.value })
            #expect(try source.token() == "first")
            try write("second", to: "token", in: directory)
            offset.value = .seconds(59)
            #expect(try source.token() == "first")
            offset.value = .seconds(60)
            #expect(try source.token() == "second")
            try write("third", to: "token", in: directory)
            #expect(try source.token(forceRefresh: true) == "third")
            try FileManager.default.removeItem(atPath: path)
            offset.value = .seconds(600)
            #expect(try source.token() == "third")
            #expect(try BearerTokenSource(credentials: .bearerToken("fixed")).token() == "fixed")
            #expect(throws: KubeClientError.self) { try BearerTokenSource(credentials: .bearerTokenFile(path)).token() }
        }
    }
}

/// A mutable duration shared with a `@Sendable` closure.
final class OffsetBox: Sendable {
    private let stored = Mutex<Duration>(.zero)
    var value: Duration {
        get { stored.withLock { $0 } }
        set { stored.withLock { $0 = newValue } }
    }
}
