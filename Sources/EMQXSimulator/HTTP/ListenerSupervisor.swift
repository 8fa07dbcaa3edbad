import Hummingbird
import Logging
import ServiceLifecycle
import Synchronization

/// Runs the simulator's HTTP listeners as child tasks of one task group, and starts and stops them on demand
/// (a crashed node's listener closes; a restarted one binds its old port again).
final class ListenerSupervisor: Sendable {
    enum ListenerError: Error, CustomStringConvertible {
        case stoppedBeforeRunning(String)
        case shuttingDown

        var description: String {
            switch self {
            case .stoppedBeforeRunning(let id): "listener \(id) stopped before it was running"
            case .shuttingDown: "the simulator is shutting down"
            }
        }
    }

    /// One running listener: its service group, the port it bound, and whether it has closed.
    final class Handle: Sendable {
        let group: ServiceGroup
        private let port = Mutex<(value: Int?, waiters: [CheckedContinuation<Int, any Error>], failure: (any Error)?)>(
            (nil, [], nil))
        private let closed = Mutex<(done: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

        init(group: ServiceGroup) { self.group = group }

        func bound(_ value: Int) {
            let waiters = port.withLock { state in
                state.value = value
                defer { state.waiters = [] }
                return state.waiters
            }
            for waiter in waiters { waiter.resume(returning: value) }
        }

        func finished(_ error: (any Error)?) {
            let portWaiters = port.withLock { state in
                if state.value == nil { state.failure = error ?? ListenerError.stoppedBeforeRunning("") }
                defer { state.waiters = [] }
                return state.waiters
            }
            for waiter in portWaiters { waiter.resume(throwing: error ?? ListenerError.stoppedBeforeRunning("")) }
            let closeWaiters = closed.withLock { state in
                state.done = true
                defer { state.waiters = [] }
                return state.waiters
            }
            for waiter in closeWaiters { waiter.resume() }
        }

        func boundPort() async throws -> Int {
            try await withCheckedThrowingContinuation { continuation in
                let immediate: Result<Int, any Error>? = port.withLock { state in
                    if let value = state.value { return .success(value) }
                    if let failure = state.failure { return .failure(failure) }
                    state.waiters.append(continuation)
                    return nil
                }
                if let immediate { continuation.resume(with: immediate) }
            }
        }

        func waitUntilClosed() async {
            await withCheckedContinuation { continuation in
                let done = closed.withLock { state in
                    if !state.done { state.waiters.append(continuation) }
                    return state.done
                }
                if done { continuation.resume() }
            }
        }
    }

    private let commands: AsyncStream<Handle>
    private let continuation: AsyncStream<Handle>.Continuation
    private let handles = Mutex<[String: Handle]>([:])
    private let logger: Logger

    init(logger: Logger) {
        (commands, continuation) = AsyncStream.makeStream(of: Handle.self)
        self.logger = logger
    }

    /// Runs the listeners (and `driver`, if given) until ``shutdown()``.
    func run(driver: (@Sendable () async -> Void)?) async {
        await withTaskGroup(of: Void.self) { group in
            if let driver { group.addTask { await driver() } }
            for await handle in commands {
                group.addTask {
                    do {
                        try await handle.group.run()
                        handle.finished(nil)
                    } catch {
                        handle.finished(error)
                    }
                }
            }
            group.cancelAll()
        }
    }

    /// Binds `host:port` (0: any free port) and serves `responder` there; returns the bound port. A previous
    /// listener under the same `id` is waited for until it has closed.
    func start(
        id: String, host: String, port: Int,
        responder: @escaping @Sendable (Request, BasicRequestContext) async throws -> Response
    ) async throws -> Int {
        if let previous = handles.withLock({ $0[id] }) {
            await previous.group.triggerGracefulShutdown()
            await previous.waitUntilClosed()
        }
        let box = Mutex<Handle?>(nil)
        let application = Application(
            responder: CallbackResponder(callback: responder),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                box.withLock { $0 }?.bound(channel.localAddress?.port ?? 0)
            },
            logger: logger)
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: [application], logger: logger))
        let handle = Handle(group: group)
        box.withLock { $0 = handle }
        handles.withLock { $0[id] = handle }
        guard case .enqueued = continuation.yield(handle) else { throw ListenerError.shuttingDown }
        return try await handle.boundPort()
    }

    /// Closes the listener `id`; with `waitUntilClosed`, returns once its port no longer accepts connections.
    func stop(id: String, waitUntilClosed: Bool) async {
        guard let handle = handles.withLock({ $0[id] }) else { return }
        await handle.group.triggerGracefulShutdown()
        if waitUntilClosed { await handle.waitUntilClosed() }
    }

    /// Closes every listener and ends ``run(driver:)``.
    func shutdown() async {
        let all = handles.withLock { handles in
            defer { handles = [:] }
            return Array(handles.values)
        }
        for handle in all { await handle.group.triggerGracefulShutdown() }
        for handle in all { await handle.waitUntilClosed() }
        continuation.finish()
    }
}
