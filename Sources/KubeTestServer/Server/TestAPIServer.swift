import Foundation
import Hummingbird
import HummingbirdTLS
import KubeClient
import Logging
import NIOCore
import NIOSSL
import ServiceLifecycle

/// A Kubernetes API server double for tests and `dev`: HTTPS with a CA minted at start, bearer-token auth, objects in
/// memory with one increasing resourceVersion, and the semantics of spec/kubernetes.md section 3, faithful enough
/// for `kubectl` and the Python `kubernetes` client.
///
/// ## Fidelity
/// - Reproduces: CRUD with server-set fields, paging on a snapshot (`limit`/`continue`, 410 once compacted), label and
///   field selectors, watch (initial ADDED, resume from a resourceVersion, bookmarks and `initial-events-end`, 410
///   as an ERROR event, selector transitions, `timeoutSeconds`), optimistic concurrency, generation and
///   status-subresource rules, finalizers and `deletionTimestamp`, merge / JSON / strategic-merge patch,
///   `fieldValidation`, `dryRun=All`, garbage collection through ownerReferences (background, foreground, orphan),
///   namespace termination, PodDisruptionBudget status and the eviction subresource, the unschedulable taint of
///   cordoned nodes, CRD registration with structural schemas (defaulting, pruning, validation), the `scale`
///   subresource, Table output, discovery and OpenAPI v3, core/v1 and events.k8s.io/v1 Events over one storage,
///   protobuf request bodies for ConfigMap, Secret, Namespace, Service and Eviction (what kubectl's typed clients send).
/// - Simplifies: pods are removed at once when deleted (no kubelet; the answer carries a `deletionTimestamp`)
///   unless ``Configuration/podDeletion`` is `.awaitKubelet`,
///   server-side apply is create-or-merge without managedFields, objects are served in any version by rewriting
///   `apiVersion` (no conversion), responses are JSON only, no CEL, no admission webhooks, no RBAC (one token, all
///   rights; every SelfSubjectAccessReview is allowed), no `pods/log` or `exec`. A watch without bookmarks whose client
///   vanished is noticed at its next write, its timeout or shutdown.
///
/// Start with ``start(_:)`` (or ``withRunning(_:_:)``), always end with ``shutdown()``.
public final class TestAPIServer: Sendable {
    /// How to start a server. Defaults: 127.0.0.1, an ephemeral port, a random token, 10,000 events of history.
    public struct Configuration: Sendable {
        public var host: String
        /// 0 picks a free port.
        public var port: Int
        /// The bearer token clients must send.
        public var token: String
        /// How many events the watch history keeps (older resourceVersions get 410).
        public var historyLimit: Int
        /// How often a watch with `allowWatchBookmarks=true` gets a BOOKMARK (the real server: about a minute).
        public var bookmarkInterval: Duration
        /// What deleting (or evicting) a running, scheduled pod does; `.immediate` by default.
        public var podDeletion: PodDeletion
        public var logLevel: Logger.Level

        public init(host: String = "127.0.0.1", port: Int = 0, token: String = TestAPIServer.randomToken(),
                    historyLimit: Int = 10_000, bookmarkInterval: Duration = .seconds(60), podDeletion: PodDeletion = .immediate,
                    logLevel: Logger.Level = .warning) {
            self.host = host
            self.port = port
            self.token = token
            self.historyLimit = historyLimit
            self.bookmarkInterval = bookmarkInterval
            self.podDeletion = podDeletion
            self.logLevel = logLevel
        }
    }

    /// How pod deletion plays the kubelet's part.
    public enum PodDeletion: Sendable, Hashable {
        /// The pod is removed at once; the answer carries the `deletionTimestamp` a graceful delete would set.
        case immediate
        /// As in a cluster: a running pod on a node only gets `deletionTimestamp` (now + grace period) and
        /// `deletionGracePeriodSeconds` and shows as Terminating; it is removed when someone playing the kubelet
        /// deletes it again with `gracePeriodSeconds=0`. Pods without a node, finished pods and a grace period of 0
        /// are removed at once.
        case awaitKubelet
    }

    /// `https://127.0.0.1:PORT`.
    public let url: String
    public let token: String
    /// The CA that signed the serving certificate (PEM): what clients must trust.
    public let caCertificatePEM: String
    public let faults: FaultInjector
    let store: ObjectStore
    private let serviceGroup: ServiceGroup
    private let runTask: Task<Void, any Error>

    private init(url: String, token: String, caCertificatePEM: String, store: ObjectStore, faults: FaultInjector,
                 serviceGroup: ServiceGroup, runTask: Task<Void, any Error>) {
        self.url = url
        self.token = token
        self.caCertificatePEM = caCertificatePEM
        self.store = store
        self.faults = faults
        self.serviceGroup = serviceGroup
        self.runTask = runTask
    }

    /// A random 32-hex-digit token.
    public static func randomToken() -> String {
        (0..<4).map { _ in String(format: "%08x", UInt32.random(in: .min ... .max)) }.joined()
    }

    /// Starts listening; returns once the port is bound.
    public static func start(_ configuration: Configuration = .init()) async throws -> TestAPIServer {
        let certificates = try CertificateAuthority.mint()
        let tls = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMBytes(Array(certificates.servingCertificatePEM.utf8)).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(certificates.servingKeyPEM.utf8), format: .pem))
        )
        let store = ObjectStore(builtinKinds: Surface.builtinKinds(), historyLimit: configuration.historyLimit,
                                podDeletion: configuration.podDeletion)
        let faults = FaultInjector(store: store)
        let address = LockedBox("\(configuration.host):\(configuration.port)")
        let handler = APIHandler(store: store, faults: faults, token: configuration.token,
                                 serverAddress: { address.withLock { $0 } }, bookmarkInterval: configuration.bookmarkInterval)
        var logger = Logger(label: "kube-test-server")
        logger.logLevel = configuration.logLevel
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let application = Application(
            responder: CallbackResponder<APIRequestContext> { request, context in
                let channel = context.channel
                return await HTTPBridge.respond(to: request, handler: handler, isConnected: { channel.isActive })
            },
            server: try .tls(.http1(), tlsConfiguration: tls),
            configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? configuration.port)
                portContinuation.finish()
            },
            logger: logger
        )
        let serviceGroup = ServiceGroup(configuration: ServiceGroupConfiguration(services: [application], logger: logger))
        let runTask = Task {
            defer { portContinuation.finish() }
            try await serviceGroup.run()
        }
        var boundPort: Int?
        for await port in ports {
            boundPort = port
            break
        }
        guard let boundPort else {
            try await runTask.value
            throw ServerError.notListening(host: configuration.host, port: configuration.port)
        }
        address.withLock { $0 = "\(configuration.host):\(boundPort)" }
        return TestAPIServer(url: "https://\(configuration.host):\(boundPort)", token: configuration.token,
                             caCertificatePEM: certificates.caCertificatePEM, store: store, faults: faults,
                             serviceGroup: serviceGroup, runTask: runTask)
    }

    /// Runs `body` with a started server and shuts it down afterwards, whatever happens.
    public static func withRunning<Result: Sendable>(
        _ configuration: Configuration = .init(), _ body: (TestAPIServer) async throws -> Result
    ) async throws -> Result {
        let server = try await start(configuration)
        do {
            let result = try await body(server)
            await server.shutdown()
            return result
        } catch {
            await server.shutdown()
            throw error
        }
    }

    /// Ends every watch, stops listening and waits until the server has stopped.
    public func shutdown() async {
        await store.beginShutdown()
        await serviceGroup.triggerGracefulShutdown()
        _ = try? await runTask.value
    }

    /// Registers a CustomResourceDefinition as `kubectl apply -f crd.yaml` would (creates it, or updates the stored one).
    public func registerCustomResourceDefinition(_ crd: JSONValue) async throws {
        guard let kind = await store.kind(group: "apiextensions.k8s.io", version: "v1", plural: "customresourcedefinitions"),
              let name = crd.name
        else { throw ServerError.missingKind("customresourcedefinitions.apiextensions.k8s.io") }
        do {
            let object = try Admission.checkTypeMeta(crd, kind: kind)
            if await store.get(kind, namespace: nil, name: name) == nil {
                _ = try await store.create(kind, namespace: nil, object: object, dryRun: false)
            } else {
                _ = try await store.update(kind, namespace: nil, name: name, dryRun: false) { current in
                    var updated = object
                    updated.resourceVersion = current.resourceVersion
                    updated["status"] = current["status"]
                    return updated
                }
            }
        } catch {
            throw ServerError.rejected(code: error.code, message: error.message)
        }
    }

    /// Errors of ``start(_:)`` and the in-process helpers (``registerCustomResourceDefinition(_:)``).
    public enum ServerError: Error, CustomStringConvertible {
        case notListening(host: String, port: Int)
        case missingKind(String)
        /// The server refused the object, with the HTTP code and Status message a client would have got.
        case rejected(code: Int, message: String)

        public var description: String {
            switch self {
            case .rejected(let code, let message): "the test API server answered \(code): \(message)"
            case .notListening(let host, let port): "the test API server did not start listening on \(host):\(port)"
            case .missingKind(let kind): "the test API server does not serve \(kind)"
            }
        }
    }
}

extension APIError: CustomStringConvertible {
    var description: String { "\(code) \(reason): \(message)" }
}

extension TestAPIServer {
    /// The number of watch streams open right now (lets tests wait until a client is watching).
    public func openWatchCount() async -> Int {
        await store.openWatchCount
    }

    /// The latest resourceVersion handed out.
    public func currentResourceVersion() async -> String {
        await store.currentResourceVersion
    }
}
