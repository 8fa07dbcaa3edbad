import ServiceLifecycle

/// Runs a ``TestAPIServer`` as a swift-service-lifecycle `Service`: starts it, calls `onReady` (write the
/// kubeconfig, print the URL, install CRDs...), then serves until graceful shutdown and stops it.
public struct TestAPIServerService: Service {
    public let configuration: TestAPIServer.Configuration
    private let onReady: @Sendable (TestAPIServer) async throws -> Void

    public init(configuration: TestAPIServer.Configuration = .init(), onReady: @escaping @Sendable (TestAPIServer) async throws -> Void = { _ in }) {
        self.configuration = configuration
        self.onReady = onReady
    }

    public func run() async throws {
        let server = try await TestAPIServer.start(configuration)
        do {
            try await onReady(server)
            try? await gracefulShutdown()
        } catch {
            await server.shutdown()
            throw error
        }
        await server.shutdown()
    }
}
