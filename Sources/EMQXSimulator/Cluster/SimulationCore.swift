import HeapModule
import Primitives

/// The whole simulated cluster as one value: nodes, clients, coordinators and pending events.
///
/// Pure and synchronous: time moves only through ``advance(to:)``, which runs every due event in time order
/// (same-instant events in scheduling order), so a run depends only on the configuration, the seed and the
/// sequence of calls. Times are milliseconds since the simulation began.
struct SimulationCore: Sendable {
    let configuration: SimulatorConfiguration
    private(set) var now: Int64 = 0
    var nodes: [SimulatedNode] = []
    var clients = ClientPopulation()
    var counters = SimulationCounters()
    /// Clients whose latest connect attempt found no node (a gauge).
    var clientsWithoutNode = 0
    /// Clients that at some point found no node.
    var clientsEverWithoutNode = 0
    /// The management API answers 503 until this instant.
    var apiOutageUntil: Int64 = 0
    var random: SplitMix64
    private var events = Heap<SimulationEvent>()
    /// Session-expiry events: their deadlines are `now + sessionExpiry` with a constant interval, so they arrive
    /// in time order and a FIFO queue (consumed from `expiryHead`) replaces the heap for them.
    private var expiries: [SimulationEvent] = []
    private var expiryHead = 0
    private var sequence: UInt64 = 0
    private var loadBalancerCursor = 0
    let sessionExpiry: Int64
    let reconnectDelay: ClosedRange<Int64>
    let probeInterval: Int64

    init(configuration: SimulatorConfiguration) {
        self.configuration = configuration
        random = SplitMix64(seed: configuration.seed)
        sessionExpiry = configuration.sessionExpiryInterval.inMilliseconds
        let low = max(0, configuration.reconnectDelay.lowerBound.inMilliseconds)
        reconnectDelay = low ... max(low, configuration.reconnectDelay.upperBound.inMilliseconds)
        probeInterval = max(1, configuration.loadBalancer.probeInterval.inMilliseconds)
        for index in 0 ..< max(0, configuration.nodeCount) {
            nodes.append(SimulatedNode(name: configuration.nodeName(index), bootTime: 0))
        }
        populateInitialClients()
        schedule(at: probeInterval, .loadBalancerProbe)
    }

    // MARK: Time

    /// Runs every event due at or before `target`, then sets the time to `target` (never backwards).
    mutating func advance(to target: Int64) {
        while let next = popEvent(notAfter: target) {
            now = max(now, next.time)
            handle(next.kind)
        }
        now = max(now, target)
    }

    /// The instant of the next pending event, if any.
    var nextEventTime: Int64? {
        let expiry = expiryHead < expiries.count ? expiries[expiryHead].time : nil
        switch (events.min?.time, expiry) {
        case (let a?, let b?): return min(a, b)
        case (let a, let b): return a ?? b
        }
    }

    private mutating func popEvent(notAfter target: Int64) -> SimulationEvent? {
        let expiry = expiryHead < expiries.count ? expiries[expiryHead] : nil
        if let expiry, expiry.time <= target, events.min.map({ expiry < $0 }) ?? true {
            expiryHead += 1
            if expiryHead > 4096, expiryHead * 2 > expiries.count {
                expiries.removeFirst(expiryHead)
                expiryHead = 0
            }
            return expiry
        }
        guard let next = events.min, next.time <= target else { return nil }
        return events.removeMin()
    }

    mutating func schedule(at time: Int64, _ kind: SimulationEvent.Kind) {
        sequence += 1
        let event = SimulationEvent(time: max(time, now), sequence: sequence, kind: kind)
        if case .sessionExpiry = kind, expiries.last.map({ $0.time <= event.time }) ?? true {
            expiries.append(event)
        } else {
            events.insert(event)
        }
    }

    mutating func randomReconnectDelay() -> Int64 {
        Int64.random(in: reconnectDelay, using: &random)
    }

    private mutating func handle(_ kind: SimulationEvent.Kind) {
        switch kind {
        case .clientConnect(let client):
            attemptConnect(client)
        case .sessionExpiry(let client, let epoch):
            expireSession(client, epoch: epoch)
        case .evacuationTimer(let node, let generation):
            evacuationTimerFired(node: Int(node), generation: generation)
        case .rebalanceTimer(let node, let generation):
            rebalanceTimerFired(node: Int(node), generation: generation)
        case .loadBalancerProbe:
            probeNodes()
            schedule(at: now + probeInterval, .loadBalancerProbe)
        }
    }

    // MARK: Nodes

    /// The index of the node called `name` that has not left the cluster.
    func nodeIndex(named name: String) -> Int? {
        nodes.firstIndex { $0.name == name && $0.membership != .removed }
    }

    /// Whether `name` was ever a node of this cluster (EMQX: an existing atom).
    func isKnownNodeName(_ name: String) -> Bool {
        nodes.contains { $0.name == name }
    }

    /// Indices of the running nodes, in order.
    var runningNodes: [Int] { nodes.indices.filter { nodes[$0].isRunning } }

    // MARK: Load balancer

    /// One health-check round over every node (see ``LoadBalancerConfiguration``).
    mutating func probeNodes() {
        let fall = max(1, configuration.loadBalancer.fall)
        let rise = max(1, configuration.loadBalancer.rise)
        for index in nodes.indices where nodes[index].membership != .removed {
            let passes = nodes[index].isAvailable
            if passes == nodes[index].loadBalancerHealthy {
                nodes[index].probeStreak = 0
                continue
            }
            nodes[index].probeStreak += 1
            if nodes[index].probeStreak >= (passes ? rise : fall) {
                nodes[index].loadBalancerHealthy = passes
                nodes[index].probeStreak = 0
            }
        }
    }

    /// Round robin over the nodes the load balancer considers healthy.
    mutating func pickNodeForConnect() -> Int? {
        let count = nodes.count
        guard count > 0 else { return nil }
        for step in 0 ..< count {
            let index = (loadBalancerCursor + step) % count
            if nodes[index].membership != .removed, nodes[index].loadBalancerHealthy {
                loadBalancerCursor = index + 1
                return index
            }
        }
        return nil
    }
}
