import Foundation
import Testing

@testable import EMQXSimulator

extension Tag {
    /// Prints figures; asserts only correctness, never timing.
    @Tag static var benchmark: Self
}

/// Resident memory of this process in bytes, from /proc/self/statm (0 where unavailable).
func residentMemory() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let fields = text.split(separator: " ")
    guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
}

@Suite("Benchmarks")
struct ScaleBenchmarkTests {
    @Test("benchmark: 10 nodes, 1,000,000 clients, a rebalance running (prints ticks/s and resident memory)",
        .tags(.benchmark))
    func millionClients() throws {
        let wall = ContinuousClock()
        let before = residentMemory()
        let built = wall.now
        var core = SimulationCore(
            configuration: SimulatorConfiguration(
                nodeCount: 10, clientCount: 1_000_000, persistentSessionShare: 0.5,
                initialDistribution: [3, 3, 2, 2, 1, 1, 1, 1, 0.5, 0.5]))
        let buildTime = wall.now - built
        var options = RebalanceOptions()
        options.waitHealthCheck = 2
        options.waitTakeover = 5
        options.connEvictRate = 2000
        options.sessEvictRate = 2000
        try core.startRebalance(coordinator: 0, options: options)
        let ticks = 30
        let ran = wall.now
        for _ in 0 ..< ticks { core.advance(to: core.now + 1000) }
        let runTime = wall.now - ran
        let resident = residentMemory()
        let stats = core.stats()
        #expect(stats.totals.clients == 1_000_000)
        #expect(stats.sessionsLost == 0)
        let seconds = Double(runTime.components.seconds) + Double(runTime.components.attoseconds) / 1e18
        print(
            """
            benchmark 10 nodes x 1,000,000 clients: build \(buildTime), \(ticks) simulated seconds in \(runTime) \
            (\(Int(Double(ticks) / max(seconds, 1e-9))) ticks/s), \(stats.counters.connectionsEvicted) evicted, \
            \(stats.counters.reconnects) reconnects; resident memory \(resident / 1_048_576) MiB \
            (before build \(before / 1_048_576) MiB)
            """)
    }
}
