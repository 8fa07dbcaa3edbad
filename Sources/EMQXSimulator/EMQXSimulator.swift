import Hummingbird
import Logging
import Primitives
import ServiceLifecycle
import Synchronization
import VirtualTime

/// A simulated EMQX 5.9 cluster behind the real HTTP API, with simulated MQTT clients.
///
/// ## Guarantees
/// - Each node serves the API on its own listener (``nodeURLs``); node-local endpoints (`status`,
///   `availability_check`, `node_eviction/status`) answer for that node. ``serviceURL`` spreads requests over
///   the running nodes round robin, as a Kubernetes Service would.
/// - Time comes from the injected clock. With a `ManualClock`, the simulation advances synchronously at every
///   instant the clock stops at, before sleepers wake; with any other clock, it catches up every 100 ms and
///   before every request. The state machines are the same either way.
/// - Control and truth endpoints live under `/sim/v1` on every listener, without authentication.
/// - ``shutdown()`` closes every listener; call it (or use ``withSimulator(_:clock:_:)``) before exiting.
///
/// ## Fidelity
/// The behaviour follows `spec/emqx-rebalance.md`. Not simulated: purge, durable (DS) sessions (so the §9.2
/// item 2 stall cannot happen), MQTT protocol versions and Server-Reference (clients always reconnect through
/// the load balancer), RPC timeouts and slow RPCs (`*_rpc_timeout` are only reported), replicant nodes,
/// Dashboard bearer tokens, and per-field schema error texts (400 `BAD_REQUEST` bodies name the field in our
/// own words). A crashed node loses every session it held, as an in-memory EMQX node does.
public final class EMQXSimulator: Sendable {
    enum Binding: Sendable, Equatable {
        case node(String)
        case service
    }

    /// Raised by the controls.
    public enum ControlError: Error, Equatable, CustomStringConvertible {
        case unknownNode(String)
        case nodeNotStopped(String)
        case nodeExists(String)

        public var description: String {
            switch self {
            case .unknownNode(let name): "no node \(name) in the simulated cluster"
            case .nodeNotStopped(let name): "node \(name) is not stopped"
            case .nodeExists(let name): "node \(name) is already a member of the cluster"
            }
        }
    }

    let configuration: SimulatorConfiguration
    /// The API key every node accepts, and its secret.
    public var apiKey: String { configuration.apiKey }
    public var apiSecret: String { configuration.apiSecret }
    let box: SimulationBox
    let listeners: ListenerSupervisor
    private let runner: Mutex<Task<Void, Never>?>
    private let urls = Mutex<[String: String]>([:])
    private let ports = Mutex<[String: Int]>([:])
    let latency = Mutex<Duration>(.zero)
    let serviceCursor = Mutex<Int>(0)
    let operationCallLog = OperationCallLog()
    private let serviceAddress = Mutex<String>("")

    /// EMQX node name → `http://host:port` of that node's own listener (running and stopped nodes; a stopped
    /// node's port refuses connections).
    public var nodeURLs: [String: String] { urls.withLock { $0 } }

    /// The listener that spreads requests over the running nodes.
    public var serviceURL: String { serviceAddress.withLock { $0 } }

    private init(configuration: SimulatorConfiguration, box: SimulationBox, listeners: ListenerSupervisor) {
        self.configuration = configuration
        self.box = box
        self.listeners = listeners
        runner = Mutex(nil)
    }

    /// Builds the cluster, binds every listener, and returns once they all accept connections.
    public static func start(
        _ configuration: SimulatorConfiguration, clock: some Clock<Duration>, logger: Logger? = nil
    ) async throws -> EMQXSimulator {
        var quiet = logger ?? Logger(label: "emqx-sim")
        if logger == nil { quiet.logLevel = .warning }
        let origin = clock.now
        let box = SimulationBox(core: SimulationCore(configuration: configuration)) {
            origin.duration(to: clock.now).inMilliseconds
        }
        var driver: (@Sendable () async -> Void)?
        if let manual = clock as? ManualClock {
            let manualOrigin = manual.now
            manual.onAdvance { [weak box] instant in
                box?.advance(to: manualOrigin.duration(to: instant).inMilliseconds)
            }
        } else {
            driver = { [weak box] in
                while !Task.isCancelled {
                    try? await clock.sleep(for: .milliseconds(100))
                    box?.catchUp()
                }
            }
        }
        let listeners = ListenerSupervisor(logger: quiet)
        let simulator = EMQXSimulator(configuration: configuration, box: box, listeners: listeners)
        let task = Task { [driver] in await listeners.run(driver: driver) }
        simulator.runner.withLock { $0 = task }
        do {
            let servicePort = try await listeners.start(
                id: "service", host: configuration.host, port: configuration.servicePort,
                responder: { [weak simulator] request, _ in
                    guard let simulator else { return Response(status: .serviceUnavailable) }
                    return await simulator.respond(to: request, binding: .service)
                })
            simulator.serviceAddress.withLock { $0 = "http://\(configuration.host):\(servicePort)" }
            let names = box.withCore { core in core.nodes.map(\.name) }
            for (index, name) in names.enumerated() {
                let port = index < configuration.nodePorts.count ? configuration.nodePorts[index] : 0
                try await simulator.startListener(node: name, port: port)
            }
        } catch {
            await simulator.shutdown()
            throw error
        }
        return simulator
    }

    /// Runs `body` with a started simulator and shuts it down afterwards, whatever happens.
    public static func withSimulator<Result: Sendable>(
        _ configuration: SimulatorConfiguration = .init(), clock: some Clock<Duration>,
        _ body: (EMQXSimulator) async throws -> Result
    ) async throws -> Result {
        let simulator = try await start(configuration, clock: clock)
        do {
            let result = try await body(simulator)
            await simulator.shutdown()
            return result
        } catch {
            await simulator.shutdown()
            throw error
        }
    }

    /// Runs `body` with a started cluster of `nodes` nodes and `clients` clients (other settings default).
    public static func withCluster<Result: Sendable>(
        nodes: Int = 3, clients: Int = 0, clock: some Clock<Duration>,
        _ body: (EMQXSimulator) async throws -> Result
    ) async throws -> Result {
        try await withSimulator(SimulatorConfiguration(nodeCount: nodes, clientCount: clients), clock: clock, body)
    }

    /// Closes every listener and stops the clock driver. Idempotent.
    public func shutdown() async {
        await listeners.shutdown()
        let task = runner.withLock { $0 }
        await task?.value
    }

    // MARK: Truth

    /// Per node counts and states, cluster totals, and what happened to clients.
    public func stats() async -> SimulatorStats {
        box.withCore { $0.stats() }
    }

    // MARK: Controls

    /// Stops `node` at once (see ``SimulationCore/crash(node:)``); its listener closes.
    public func crash(node: String) async throws {
        try await crash(node: node, waitForListener: true)
    }

    func crash(node: String, waitForListener: Bool) async throws {
        try box.withCore { (core: inout SimulationCore) throws(ControlError) in
            guard let index = core.nodeIndex(named: node) else { throw ControlError.unknownNode(node) }
            core.crash(node: index)
        }
        await listeners.stop(id: node, waitUntilClosed: waitForListener)
    }

    /// Boots a stopped node again on its old port: empty, and still evacuating if it was (spec §3.5).
    public func restart(node: String) async throws {
        let port = ports.withLock { $0[node] } ?? 0
        try box.withCore { (core: inout SimulationCore) throws(ControlError) in
            guard let index = core.nodeIndex(named: node) else { throw ControlError.unknownNode(node) }
            guard core.nodes[index].membership == .stopped else { throw ControlError.nodeNotStopped(node) }
            core.restart(node: index)
        }
        try await startListener(node: node, port: port)
    }

    /// A node joins (scale up) and returns its name: `name`, or the lowest free StatefulSet ordinal. A name
    /// that left before rejoins with its data directory (a persisted evacuation resumes).
    @discardableResult
    public func addNode(named name: String? = nil) async throws -> String {
        let joined = try box.withCore { (core: inout SimulationCore) throws(ControlError) -> String in
            let joined = name ?? core.nextNodeName()
            guard core.nodeIndex(named: joined) == nil else { throw ControlError.nodeExists(joined) }
            _ = core.addNode(named: joined)
            return joined
        }
        try await startListener(node: joined, port: 0)
        return joined
    }

    /// `node` leaves the cluster (scale down): its clients reconnect elsewhere, the sessions it held are lost.
    public func removeNode(_ node: String) async throws {
        try await removeNode(node, waitForListener: true)
    }

    func removeNode(_ node: String, waitForListener: Bool) async throws {
        try box.withCore { (core: inout SimulationCore) throws(ControlError) in
            guard let index = core.nodeIndex(named: node) else { throw ControlError.unknownNode(node) }
            core.remove(node: index)
        }
        await listeners.stop(id: node, waitUntilClosed: waitForListener)
        _ = urls.withLock { $0.removeValue(forKey: node) }
    }

    /// The management API (`/api/v5`, all listeners) answers 503 for `seconds` of simulation time.
    public func apiOutage(seconds: Int) async {
        box.withCore { core in core.apiOutageUntil = core.now + Int64(max(0, seconds)) * 1000 }
    }

    /// Every `/api/v5` answer is delayed by `latency` of wall-clock time (HTTP clients time out in real time).
    public func setLatency(_ latency: Duration) async {
        self.latency.withLock { $0 = latency }
    }

    /// Grows or shrinks the client population (new clients connect through the load balancer).
    public func setClientCount(_ count: Int) async {
        box.withCore { core in core.setClientCount(count) }
    }

    private func startListener(node: String, port: Int) async throws {
        let bound = try await listeners.start(
            id: node, host: configuration.host, port: port,
            responder: { [weak self] request, _ in
                guard let self else { return Response(status: .serviceUnavailable) }
                return await self.respond(to: request, binding: .node(node))
            })
        ports.withLock { $0[node] = bound }
        urls.withLock { $0[node] = "http://\(configuration.host):\(bound)" }
    }
}

extension EMQXSimulator: Service {
    /// Waits for graceful shutdown (or cancellation), then shuts the simulator down.
    public func run() async throws {
        try? await gracefulShutdown()
        await shutdown()
    }
}
