import Testing

@testable import EMQXSimulator

/// Advances `core` one second at a time until `condition` holds or `limit` seconds passed; returns the seconds.
@discardableResult
func advance(_ core: inout SimulationCore, until condition: (SimulationCore) -> Bool, limit: Int = 3600) -> Int {
    for second in 0 ..< limit {
        if condition(core) { return second }
        core.advance(to: core.now + 1000)
    }
    return limit
}

func makeCore(nodes: Int = 3, clients: Int, persistentShare: Double = 0.5, weights: [Double] = []) -> SimulationCore {
    SimulationCore(
        configuration: SimulatorConfiguration(
            nodeCount: nodes, clientCount: clients, persistentSessionShare: persistentShare,
            initialDistribution: weights, seed: 42))
}

@Suite("Simulated cluster: counts, evacuation, rebalance, faults")
struct SimulationCoreTests {
    @Test("clients start connected, spread by the initial weights, each with a session")
    func initialSpread() {
        let core = makeCore(clients: 30000, weights: [3, 2, 1])
        #expect(core.nodes.map(\.connectionCount) == [15000, 10000, 5000])
        #expect(core.nodes.map(\.sessionCount) == [15000, 10000, 5000])
        let stats = core.stats()
        #expect(stats.totals.clients == 30000)
        #expect(abs(stats.totals.persistentClients - 15000) < 600)
    }

    @Test("an evicted persistent client leaves its session behind; a clean one takes it along")
    func countRules() {
        var persistent = makeCore(nodes: 1, clients: 100, persistentShare: 1)
        persistent.evictConnections(on: 0, count: 10)
        #expect(persistent.nodes[0].connectionCount == 90)
        #expect(persistent.nodes[0].sessionCount == 100)
        #expect(persistent.nodes[0].disconnectedSessions.count == 10)
        persistent.advance(to: 2000)
        #expect(persistent.nodes[0].connectionCount == 100, "they reconnect through the load balancer")
        #expect(persistent.nodes[0].sessionCount == 100)
        #expect(persistent.counters.takeovers == 10)
        #expect(persistent.counters.reconnects == 10)

        var clean = makeCore(nodes: 1, clients: 100, persistentShare: 0)
        clean.evictConnections(on: 0, count: 10)
        #expect(clean.nodes[0].connectionCount == 90)
        #expect(clean.nodes[0].sessionCount == 90)
        clean.advance(to: 2000)
        #expect(clean.nodes[0].connectionCount == 100)
        #expect(clean.counters.takeovers == 0)
        #expect(clean.stats().sessionsLost == 0)
    }

    @Test("the load balancer lags its probes: a connect refused by a blocking node is a retry, not a lost client")
    func refusedConnectIsRetry() throws {
        var core = makeCore(nodes: 2, clients: 2000, persistentShare: 1)
        var options = EvacuationOptions()
        options.waitHealthCheck = 0
        try core.startEvacuation(node: 0, options: options)
        core.evictConnections(on: 1, count: 1000)
        core.advance(to: 1000)
        #expect(core.counters.refusedConnects > 0, "node 0 refuses while the balancer still sends clients to it")
        core.advance(to: 300_000)
        #expect(core.nodes[1].connectionCount == 2000)
        #expect(core.clientsEverWithoutNode == 0)
        #expect(core.stats().sessionsLost == 0)
        #expect(core.nodes[0].evacuation?.state == .prohibiting)
    }

    @Test("evacuating the only node leaves its clients without a node, and they come back after stop")
    func clientsWithoutNode() throws {
        var core = makeCore(nodes: 1, clients: 100, persistentShare: 0)
        var options = EvacuationOptions()
        options.waitHealthCheck = 5
        try core.startEvacuation(node: 0, options: options)
        core.advance(to: 30000)
        #expect(core.nodes[0].connectionCount == 0)
        #expect(core.clientsWithoutNode == 100)
        #expect(core.counters.noNodeAttempts > 100)
        #expect(core.nodes[0].evacuation?.state == .waitingTakeover)
        try core.stopEvacuation(node: 0)
        core.advance(to: 40000)
        #expect(core.clientsWithoutNode == 0)
        #expect(core.clientsEverWithoutNode == 100)
        #expect(core.nodes[0].connectionCount == 100)
    }

    @Test("a disconnected session expires after the expiry interval and counts as lost")
    func expiry() {
        var core = SimulationCore(
            configuration: SimulatorConfiguration(
                nodeCount: 1, clientCount: 10, persistentSessionShare: 1, sessionExpiryInterval: .seconds(5)))
        core.crash(node: 0)
        #expect(core.stats().sessionsLost == 10, "sessions on a crashed node are gone")
        core.restart(node: 0)
        core.advance(to: 10000)
        #expect(core.nodes[0].connectionCount == 10)
        core.evictConnections(on: 0, count: 10)
        core.nodes[0].agent = .enabled(kind: .purge, serverReference: nil, allowConnections: false)
        core.advance(to: 30000)
        #expect(core.counters.sessionsExpired == 10)
        #expect(core.nodes[0].sessionCount == 0)
    }

    @Test("an evacuation runs its states in order and leaves the node empty, no session lost, no client stranded")
    func evacuationEndToEnd() throws {
        // Slow reconnects and no takeover wait leave sessions behind for the session phase to migrate.
        var core = SimulationCore(
            configuration: SimulatorConfiguration(
                clientCount: 3000, seed: 3, reconnectDelay: .seconds(2) ... .seconds(4)))
        var options = EvacuationOptions()
        options.waitHealthCheck = 5
        options.connEvictRate = 100
        options.sessEvictRate = 10
        options.waitTakeover = 1
        try core.startEvacuation(node: 0, options: options)
        #expect(core.nodes[0].evacuation?.state == .waitingHealthCheck)
        #expect(!core.nodes[0].isAvailable, "unavailable at once")
        #expect(core.nodes[0].acceptsConnections, "but still accepting during the health check wait")
        var seen: [Evacuation.State] = [.waitingHealthCheck]
        for _ in 0 ..< 600 {
            core.advance(to: core.now + 250)
            if let state = core.nodes[0].evacuation?.state, state != seen.last { seen.append(state) }
        }
        #expect(seen == [.waitingHealthCheck, .evictingConns, .waitingTakeover, .evictingSessions, .prohibiting])
        #expect(core.nodes[0].connectionCount == 0)
        #expect(core.nodes[0].sessionCount == 0)
        #expect(!core.nodes[0].acceptsConnections)
        let stats = core.stats()
        #expect(stats.sessionsLost == 0)
        #expect(stats.clientsWithoutNode == 0)
        #expect(stats.totals.connections == 3000)
        #expect(stats.totals.sessions == 3000)
        #expect(stats.counters.sessionsMigrated > 0)
        try core.stopEvacuation(node: 0)
        #expect(core.nodes[0].isAvailable)
        #expect(core.nodes[0].persistedEvacuation == nil)
    }

    @Test("start and stop answer already_started, not_started and eviction_agent_busy as EMQX does")
    func operationErrors() throws {
        var core = makeCore(clients: 3000, weights: [4, 1, 1])
        #expect(throws: OperationError.notStarted) { try core.stopEvacuation(node: 0) }
        #expect(throws: OperationError.notStarted) { try core.stopRebalance(coordinator: 0) }
        var rebalance = RebalanceOptions()
        rebalance.absConnThreshold = 10
        try core.startRebalance(coordinator: 1, options: rebalance)
        #expect(throws: OperationError.alreadyStarted) { try core.startRebalance(coordinator: 1, options: rebalance) }
        #expect(throws: OperationError.evictionAgentBusy) {
            try core.startEvacuation(node: 0, options: EvacuationOptions())
        }
        try core.startEvacuation(node: 2, options: EvacuationOptions())
        #expect(throws: OperationError.alreadyStarted) {
            try core.startEvacuation(node: 2, options: EvacuationOptions())
        }
        try core.stopRebalance(coordinator: 1)
        #expect(core.nodes[0].agent == .disabled, "stop releases the donors")
    }

    @Test("a busy donor makes the start crash with an RPC error")
    func busyDonor() throws {
        var core = makeCore(clients: 3000, weights: [4, 1, 1])
        try core.startEvacuation(node: 0, options: EvacuationOptions())
        var rebalance = RebalanceOptions()
        rebalance.absConnThreshold = 10
        #expect {
            try core.startRebalance(coordinator: 1, options: rebalance)
        } throws: { error in
            guard case .rpcError(let reason)? = error as? OperationError else { return false }
            return reason.contains("eviction_agent_busy")
        }
    }

    @Test("nothing_to_balance on a balanced cluster")
    func nothingToBalance() {
        var core = makeCore(clients: 3000)
        #expect(throws: OperationError.nothingToBalance) {
            try core.startRebalance(coordinator: 0, options: RebalanceOptions())
        }
        #expect(core.nodes.allSatisfy { $0.agent == .disabled })
    }

    @Test("a rebalance ends by itself once EMQX's balance test holds for connections and sessions")
    func rebalanceToBalance() throws {
        var core = makeCore(clients: 6000, weights: [4, 1, 1])
        var options = RebalanceOptions()
        options.absConnThreshold = 100
        options.absSessThreshold = 100
        options.connEvictRate = 200
        options.sessEvictRate = 200
        options.waitHealthCheck = 3
        options.waitTakeover = 5
        try core.startRebalance(coordinator: 0, options: options)
        let machine = try #require(core.nodes[0].rebalance)
        #expect(machine.donors == [0])
        #expect(machine.recipients == [1, 2])
        advance(&core, until: { $0.nodes[0].rebalance == nil }, limit: 600)
        #expect(core.nodes[0].rebalance == nil)
        #expect(core.nodes.allSatisfy { $0.agent == .disabled })
        let connections = core.nodes.map(\.connectionCount)
        #expect(
            BalanceTest.within(
                Double(connections[0]), goal: Double(connections[1] + connections[2]) / 2, absolute: 100,
                relative: 1.1), "connections: \(connections)")
        let stats = core.stats()
        #expect(stats.sessionsLost == 0)
        #expect(stats.clientsWithoutNode == 0)
        #expect(stats.totals.connections + core.clients.flags.filter { $0.contains(.awaitingConnect) }.count == 6000)
    }

    @Test("a rebalance aborts when a donor or the coordinator goes down, and releases the other donors")
    func rebalanceAbort() throws {
        var options = RebalanceOptions()
        options.absConnThreshold = 10

        var donorCrash = makeCore(nodes: 4, clients: 6000, weights: [4, 4, 1, 1])
        try donorCrash.startRebalance(coordinator: 3, options: options)
        #expect(donorCrash.nodes[3].rebalance?.donors == [0, 1])
        donorCrash.crash(node: 0)
        #expect(donorCrash.nodes[3].rebalance == nil)
        #expect(donorCrash.nodes[1].agent == .disabled)

        var coordinatorCrash = makeCore(nodes: 4, clients: 6000, weights: [4, 4, 1, 1])
        try coordinatorCrash.startRebalance(coordinator: 3, options: options)
        coordinatorCrash.crash(node: 3)
        #expect(coordinatorCrash.nodes[0].agent == .disabled)
        #expect(coordinatorCrash.nodes[1].agent == .disabled)

        var recipientCrash = makeCore(nodes: 4, clients: 6000, weights: [4, 4, 1, 1])
        try recipientCrash.startRebalance(coordinator: 3, options: options)
        recipientCrash.crash(node: 2)
        #expect(recipientCrash.nodes[3].rebalance != nil, "not noticed during wait_health_check")
        recipientCrash.advance(to: 61000)
        #expect(recipientCrash.nodes[3].rebalance == nil, "noticed by the first count")
        #expect(recipientCrash.nodes[0].agent == .disabled)
    }

    @Test("an evacuation survives a restart: four keys restored, blocking at once, migrate_to back to all nodes")
    func evacuationPersistence() throws {
        var core = makeCore(clients: 300)
        var options = EvacuationOptions()
        options.connEvictRate = 123
        options.sessEvictRate = 45
        options.waitHealthCheck = 30
        options.waitTakeover = 7
        options.migrateTo = [core.nodes[2].name]
        try core.startEvacuation(node: 1, options: options)
        core.crash(node: 1)
        #expect(core.nodes[1].evacuation == nil)
        #expect(core.nodes[1].persistedEvacuation != nil)
        core.advance(to: 5000)
        core.restart(node: 1)
        let restored = try #require(core.nodes[1].evacuation)
        #expect(restored.state == .evictingConns)
        #expect(restored.options.connEvictRate == 123)
        #expect(restored.options.sessEvictRate == 45)
        #expect(restored.options.waitTakeover == 7)
        #expect(restored.options.waitHealthCheck == 60)
        #expect(restored.options.migrateTo == nil)
        #expect(core.nodes[1].agent == .enabled(kind: .evacuation, serverReference: nil, allowConnections: false))
        core.advance(to: 5000 + 8000)
        #expect(core.nodes[1].evacuation?.state == .prohibiting)
    }
}
