import EMQXSimulator
import Foundation
import KubeClient
import Rebalancing
import Synchronization
import Testing
import TestSupport

/// Figures the design sets targets for, printed rather than asserted (machines are noisy): the idle memory of the
/// `rebalance-operator run` process (target under 30 MB), and the delay from a NodeEvacuation's creation to
/// EMQX's start call (target p99 under 50 ms on loopback). What they do assert is behaviour, not time.
@Suite("operator benchmarks", .serialized)
struct OperatorBenchmarks {
    @Test("idle resident memory of rebalance-operator run against dev (BrokerCluster present, nothing running)")
    func idleMemory() async throws {
        let binaries = [("debug build", try OperatorProcess.debugBinary())] + (OperatorProcess.releaseBinary.map { [("release build", $0)] } ?? [])
        try await EndToEndTests.withEnvironment(clients: 3000, withOperator: false) { env in
            let group = ProcessGroup()
            defer { group.killAll() }
            let clusters = env.kube.resources(BrokerCluster.self, namespace: "default")
            for (label, binary) in binaries {
                let process = try OperatorProcess.start(binary, kubeconfig: env.info.kubeconfigPath, in: group)
                try await env.eventually("the operator starts") { process.stderr.contains("starting") }
                // The first process writes the Reachable condition; a later one finds it written and settles alike.
                try await env.eventually("the operator reports on the BrokerCluster") {
                    try await clusters.get("emqx").status?.conditions?.first { $0.type == "Reachable" }?.status == .true
                }
                try await Task.sleep(for: .seconds(5))
                let memory = try #require(ProcessMemory.read(pid: process.processIdentifier), "the operator process is gone: \(process.stderr.suffix(2000))")
                print("operator idle memory (\(label), \(binary)): \(memory.summary) (design target: under 30 MB; a debug build is larger than a release one)")
                #expect(memory.resident > 0 && memory.residentPeak >= memory.resident)
                process.terminate()
                let exit = await process.wait()
                #expect(exit.status == 0, "graceful stop: \(exit.stderr.suffix(2000))")
            }
        }
    }

    @Test("NodeEvacuation created → EMQX start call, 30 runs with the operator in process")
    func creationToStartCall() async throws {
        let runs = 30
        try await EndToEndTests.withEnvironment(clients: 3000) { env in
            let evacuations = env.kube.resources(NodeEvacuation.self, namespace: "default")
            let node = SimulatorConfiguration.defaultNodeName(0)
            var fromReturn: [Duration] = []
            var fromSend: [Duration] = []
            for run in 0..<runs {
                let name = "bench-\(run)"
                let known = env.simulator.operationCalls.count
                let sent = ContinuousClock.now
                _ = try await evacuations.create(EndToEndTests.evacuation(name, pod: "emqx-0"))
                let returned = ContinuousClock.now
                var call: OperationCall?
                try await env.eventually("the start call of \(name)", timeout: .seconds(10)) {
                    call = env.simulator.operationCalls.dropFirst(known).first { $0.kind == .startEvacuation && $0.node == node }
                    return call != nil
                }
                let start = try #require(call)
                #expect(start.status == 200)
                fromReturn.append(start.receivedAt - returned)
                fromSend.append(start.receivedAt - sent)
                _ = try await evacuations.delete(name)
                try await env.eventually("\(name) is gone") { try await evacuations.getIfExists(name) == nil }
                try await env.eventually("the node accepts clients again") {
                    await env.simulator.stats().nodes.first { $0.name == node }?.acceptingConnections == true
                }
            }
            #expect(env.simulator.operationCalls.filter { $0.kind == .startEvacuation }.count == runs, "one start per evacuation")
            print("NodeEvacuation create returned → EMQX start call over \(runs) runs: \(Self.summary(fromReturn)) (design target: p99 under 50 ms)")
            print("NodeEvacuation create sent → EMQX start call over \(runs) runs: \(Self.summary(fromSend))")
            await env.expectTruth()
        }
    }

    @Test("EMQX-side change → status of the NodeEvacuation and of the BrokerCluster, during an evacuation (target: one active poll interval + 50 ms)")
    func statusLag() async throws {
        try await EndToEndTests.withEnvironment(clients: 2400) { env in
            let node = SimulatorConfiguration.defaultNodeName(0)
            var evacuation = EndToEndTests.evacuation("lag", pod: "emqx-0")
            evacuation.spec.connEvictRate = 30
            evacuation.spec.sessEvictRate = 30
            let evacuations = env.kube.resources(NodeEvacuation.self, namespace: "default")
            let clusters = env.kube.resources(BrokerCluster.self, namespace: "default")
            let samples = StatusLagSamples()
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    // EMQX's truth, read in process every 2 ms: when each connection count of the node first held.
                    while !Task.isCancelled {
                        if let count = await env.simulator.stats().nodes.first(where: { $0.name == node })?.connections { samples.emqx(Int64(count)) }
                        try await Task.sleep(for: .milliseconds(2))
                    }
                }
                group.addTask {
                    for try await event in evacuations.watch(WatchOptions(fieldSelector: "metadata.name=lag")) {
                        if case let .modified(object) = event, let count = object.status?.brokerNodes?.first?.connections { samples.status("NodeEvacuation", count) }
                    }
                }
                group.addTask {
                    for try await event in clusters.watch(WatchOptions(fieldSelector: "metadata.name=emqx")) {
                        if case let .modified(object) = event, let count = object.status?.nodes?.first(where: { $0.name == node })?.connections { samples.status("BrokerCluster", count) }
                    }
                }
                _ = try await evacuations.create(evacuation)
                try await env.eventually("Evacuated", timeout: .seconds(120)) { try await env.evacuation("lag").status?.phase == .evacuated }
                try await Task.sleep(for: .seconds(2))
                group.cancelAll()
            }
            for kind in ["NodeEvacuation", "BrokerCluster"] {
                let lags = samples.lags(of: kind)
                print("EMQX change → \(kind) status over \(lags.count) changes: \(Self.summary(lags)) (target: within the 1 s active poll + 50 ms)")
                #expect(lags.count >= 10, "too few changes of \(kind) observed: \(lags.count)")
            }
            await env.expectTruth()
        }
    }

    /// `p50 … p99 … max …` in milliseconds, nearest rank.
    static func summary(_ samples: [Duration]) -> String {
        let sorted = samples.sorted()
        guard !sorted.isEmpty else { return "no samples" }
        func rank(_ percentile: Double) -> Duration {
            sorted[min(sorted.count - 1, max(0, Int((percentile / 100 * Double(sorted.count)).rounded(.up)) - 1))]
        }
        func milliseconds(_ duration: Duration) -> String {
            let (seconds, attoseconds) = duration.components
            return String(format: "%.1f ms", Double(seconds) * 1000 + Double(attoseconds) / 1e15)
        }
        return "p50 \(milliseconds(rank(50))), p99 \(milliseconds(rank(99))), max \(milliseconds(sorted[sorted.count - 1])), min \(milliseconds(sorted[0]))"
    }
}

/// When each value of a count first held in EMQX and first showed in a resource's status, for ``OperatorBenchmarks/statusLag()``.
final class StatusLagSamples: Sendable {
    private struct State {
        var emqx: [(value: Int64, at: ContinuousClock.Instant)] = []
        var status: [String: [(value: Int64, at: ContinuousClock.Instant)]] = [:]
    }

    private let state = Mutex(State())

    func emqx(_ value: Int64) {
        let now = ContinuousClock.now
        state.withLock { state in
            if state.emqx.last?.value != value { state.emqx.append((value, now)) }
        }
    }

    func status(_ kind: String, _ value: Int64) {
        let now = ContinuousClock.now
        state.withLock { state in
            if state.status[kind]?.last?.value != value { state.status[kind, default: []].append((value, now)) }
        }
    }

    /// For each count EMQX went through after the first one, how long until the status showed it (or less).
    func lags(of kind: String) -> [Duration] {
        state.withLock { state in
            let shown = state.status[kind] ?? []
            return state.emqx.dropFirst().compactMap { change in
                guard let seen = shown.first(where: { $0.value <= change.value }) else { return nil }
                return max(.zero, seen.at - change.at)
            }
        }
    }
}
