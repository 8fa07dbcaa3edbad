import Testing
import VirtualTime

@testable import EMQXSimulator

@Suite("Evacuation at scale on virtual time")
struct EvacuationScaleTests {
    @Test("100,000 clients evacuated at 500/s: every session kept, no client without a node")
    func hundredThousand() async throws {
        let clock = ManualClock()
        let configuration = SimulatorConfiguration(nodeCount: 3, clientCount: 100_000, persistentSessionShare: 0.5)
        try await EMQXSimulator.withSimulator(configuration, clock: clock) { simulator in
            let wall = ContinuousClock()
            let started = wall.now
            let node = SimulatorConfiguration.defaultNodeName(0)
            var options = EvacuationOptions()
            options.waitHealthCheck = 10
            try simulator.box.withCore { (core: inout SimulationCore) throws(OperationError) in
                try core.startEvacuation(node: 0, options: options)
            }
            let before = await simulator.stats()
            let initial = try #require(before.nodes.first { $0.name == node }).connections
            #expect(initial > 33000)
            // 10 s health check + ~67 ticks of 500 + 60 s takeover + session ticks
            await clock.advance(by: .seconds(400))
            let stats = await simulator.stats()
            let evacuated = try #require(stats.nodes.first { $0.name == node })
            #expect(evacuated.evacuationState == "prohibiting")
            #expect(evacuated.connections == 0)
            #expect(evacuated.sessions == 0)
            #expect(stats.sessionsLost == 0)
            #expect(stats.clientsWithoutNode == 0)
            #expect(stats.clientsEverWithoutNode == 0)
            #expect(stats.totals.connections == 100_000)
            #expect(stats.counters.takeovers > 0)
            print("100k evacuation at 500/s: \(stats.timeMilliseconds / 1000) s simulated in \(wall.now - started) wall")
        }
    }
}
