import EMQXClient
import EMQXSimulator
import Testing
import VirtualTime

@Suite("EMQXClient against EMQXSimulator over real HTTP, on virtual time")
struct EMQXClientSimulatorTests {
    static func configuration(_ url: String, secret: String = SimulatorConfiguration().apiSecret, timeout: Duration = .seconds(5))
        -> EMQXClientConfiguration
    {
        EMQXClientConfiguration(url: url, apiKey: SimulatorConfiguration().apiKey, apiSecret: secret, timeout: timeout, retry: .none)
    }

    @Test("a full evacuation driven through the client reaches prohibiting with the node empty, and stops")
    func evacuation() async throws {
        let clock = ManualClock()
        try await EMQXSimulator.withSimulator(SimulatorConfiguration(nodeCount: 3, clientCount: 900), clock: clock) { sim in
            try await withEMQXClient(configuration: Self.configuration(sim.serviceURL)) { emqx in
                let target = SimulatorConfiguration.defaultNodeName(0)
                try await emqx.startEvacuation(
                    node: target, EvacuationStartRequest(waitHealthCheck: .seconds(2), connEvictRate: 100, sessEvictRate: 100, waitTakeover: .seconds(5)))
                let again = await #expect(throws: EMQXError.self) { try await emqx.startEvacuation(node: target, EvacuationStartRequest()) }
                #expect(again?.kind == .alreadyStarted)
                var states: [EvacuationState] = []
                for _ in 0..<120 {
                    await clock.advance(by: .seconds(1))
                    guard let evacuation = try await emqx.globalStatus().evacuation(of: target) else { continue }
                    if states.last != evacuation.state { states.append(evacuation.state) }
                    if evacuation.state == .prohibiting { break }
                }
                #expect(states.first == .waitingHealthCheck || states.first == .evictingConnections)
                #expect(states.last == .prohibiting)
                let node = try #require(try await emqx.nodes().first { $0.name == target })
                #expect(node.connections == 0)
                #expect(node.sessions == 0)
                try await withEMQXClient(configuration: Self.configuration(try #require(sim.nodeURLs[target]))) { local in
                    #expect(try await local.availabilityCheck() == .unavailable)
                    guard case .evacuation(let status) = try await local.rebalanceStatus() else {
                        Issue.record("the evacuating node's local status is not an evacuation")
                        return
                    }
                    #expect(status.state == .prohibiting)
                    try await emqx.stopEvacuation(node: target)
                    #expect(try await local.availabilityCheck() == .available)
                }
                let stopAgain = await #expect(throws: EMQXError.self) { try await emqx.stopEvacuation(node: target) }
                #expect(stopAgain?.kind == .notStarted)
            }
        }
    }

    @Test("a rebalance driven through the client ends with EMQX's connection test holding; a later stop finds it not started")
    func rebalance() async throws {
        let clock = ManualClock()
        let configuration = SimulatorConfiguration(nodeCount: 3, clientCount: 3000, initialDistribution: [0.6, 0.3, 0.1])
        try await EMQXSimulator.withSimulator(configuration, clock: clock) { sim in
            try await withEMQXClient(configuration: Self.configuration(sim.serviceURL)) { emqx in
                let coordinator = SimulatorConfiguration.defaultNodeName(2)
                let request = RebalanceStartRequest(
                    waitHealthCheck: .seconds(2), connEvictRate: 50, sessEvictRate: 50, absConnThreshold: 100, relConnThreshold: 1.1,
                    absSessThreshold: 100, relSessThreshold: 1.1, waitTakeover: .seconds(5))
                try await emqx.startRebalance(coordinator: coordinator, request)
                let running = try #require(try await emqx.globalStatus().rebalance(coordinatedBy: coordinator))
                #expect(running.donors.contains(SimulatorConfiguration.defaultNodeName(0)))
                #expect(running.recipients.contains(coordinator))
                var ended = false
                for _ in 0..<300 {
                    await clock.advance(by: .seconds(1))
                    if try await emqx.globalStatus().rebalance(coordinatedBy: coordinator) == nil {
                        ended = true
                        break
                    }
                }
                #expect(ended)
                // EMQX's connection test holds over the donor and recipient sets fixed at start (spec 5.4).
                let loads = Dictionary(uniqueKeysWithValues: try await emqx.nodes().map { ($0.name, Double($0.connections ?? 0)) })
                let donorMean = running.donors.map { loads[$0] ?? 0 }.reduce(0, +) / Double(running.donors.count)
                let recipientMean = running.recipients.map { loads[$0] ?? 0 }.reduce(0, +) / Double(running.recipients.count)
                #expect(donorMean <= recipientMean + 100 || donorMean <= recipientMean * 1.1)
                let stop = await #expect(throws: EMQXError.self) { try await emqx.stopRebalance(coordinator: coordinator) }
                #expect(stop?.kind == .notStarted)
                #expect(stop?.isRetryable == false)
            }
        }
    }

    @Test("a wrong secret is an auth failure; an unknown node is node-not-found")
    func authAndUnknownNode() async throws {
        try await EMQXSimulator.withCluster(nodes: 2, clock: ManualClock()) { sim in
            try await withEMQXClient(configuration: Self.configuration(sim.serviceURL, secret: "wrong")) { emqx in
                let error = await #expect(throws: EMQXError.self) { try await emqx.nodes() }
                #expect(error?.kind == .unauthorized)
                #expect(error?.isRetryable == false)
            }
            try await withEMQXClient(configuration: Self.configuration(sim.serviceURL)) { emqx in
                let error = await #expect(throws: EMQXError.self) { try await emqx.startEvacuation(node: "emqx@nowhere", EvacuationStartRequest()) }
                #expect(error?.kind == .nodeNotFound)
                #expect(error?.node == "emqx@nowhere")
            }
        }
    }

    @Test("the open-source edition's 404 on load_rebalance is feature absent, while nodes answer")
    func featureAbsent() async throws {
        try await EMQXSimulator.withSimulator(SimulatorConfiguration(nodeCount: 2, edition: .opensource), clock: ManualClock()) { sim in
            try await withEMQXClient(configuration: Self.configuration(sim.serviceURL)) { emqx in
                let count = try await emqx.nodes().count
                #expect(count == 2)
                let error = await #expect(throws: EMQXError.self) { try await emqx.globalStatus() }
                #expect(error?.kind == .featureAbsent)
            }
        }
    }

    @Test("simulator latency beyond the client's timeout is a retryable timeout")
    func latency() async throws {
        try await EMQXSimulator.withCluster(nodes: 1, clock: ManualClock()) { sim in
            await sim.setLatency(.seconds(2))
            try await withEMQXClient(configuration: Self.configuration(sim.serviceURL, timeout: .milliseconds(200))) { emqx in
                let error = await #expect(throws: EMQXError.self) { try await emqx.globalStatus() }
                #expect(error?.kind == .timeout)
                #expect(error?.isRetryable == true)
            }
            await sim.setLatency(.zero)
        }
    }

    @Test("an API outage is retryable, and calls succeed once it is over")
    func outage() async throws {
        let clock = ManualClock()
        try await EMQXSimulator.withCluster(nodes: 2, clock: clock) { sim in
            try await withEMQXClient(configuration: Self.configuration(sim.serviceURL)) { emqx in
                await sim.apiOutage(seconds: 30)
                let error = await #expect(throws: EMQXError.self) { try await emqx.nodes() }
                #expect(error?.isRetryable == true)
                await clock.advance(by: .seconds(31))
                let count = try await emqx.nodes().count
                #expect(count == 2)
            }
        }
    }
}
