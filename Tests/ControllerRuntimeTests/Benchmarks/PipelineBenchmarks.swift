import ControllerRuntime
import Foundation
import KubeClient
import Synchronization
import Testing

/// Figures for the watch → cache → queue → reconcile pipeline, printed for a human to read. They assert only gross
/// bounds (a per-event leak), never timings. Run alone with `swift test --filter Benchmarks`.
@Suite("benchmarks", .serialized)
struct PipelineBenchmarks {
    /// Resident memory of this process in bytes (`/proc/self/statm`, second field, in pages); `nil` off Linux.
    static func residentBytes() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return nil }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    static func mebibytes(_ bytes: Int?) -> String {
        bytes.map { String(format: "%.1f MiB", Double($0) / 1_048_576) } ?? "n/a"
    }

    /// A pull-based source of watch events: an initial list of `keys` widgets, then `events` updates cycling over
    /// them (every 10th a deletion, re-created by the next update of that key). Calls `checkpoint` every
    /// `checkpointEvery` events, on the reflector's task.
    struct SyntheticWatch: AsyncSequence, Sendable {
        typealias Element = WatcherEvent<Widget>
        let keys: Int
        let events: Int
        let checkpointEvery: Int
        let checkpoint: @Sendable (Int) -> Void

        struct AsyncIterator: AsyncIteratorProtocol {
            let source: SyntheticWatch
            var step = 0

            mutating func next() async -> WatcherEvent<Widget>? {
                defer { step += 1 }
                let listEnd = source.keys + 1
                switch step {
                case 0: return .initStart
                case 1..<listEnd: return .initApply(Widget("w\(step - 1)", resourceVersion: "\(step)"))
                case listEnd: return .initDone
                default:
                    let index = step - listEnd - 1
                    guard index < source.events else {
                        source.checkpoint(index)
                        return nil
                    }
                    if index > 0, index % source.checkpointEvery == 0 { source.checkpoint(index) }
                    var widget = Widget("w\(index % source.keys)", resourceVersion: "\(step)")
                    widget.spec.size = index
                    return index % 10 == 9 ? .delete(widget) : .apply(widget)
                }
            }
        }

        func makeAsyncIterator() -> AsyncIterator { AsyncIterator(source: self) }
    }

    @Test("soak: 100,000 watch events through reflector, store, queue and reconciler; resident memory stays flat after warm-up")
    func soak() async throws {
        let events = 100_000
        let reconciles = Locked(0)
        let samples = Recorder<(Int, Int?)>()
        let start = Self.residentBytes()
        print("[benchmarks] soak: resident memory at start \(Self.mebibytes(start))")
        let source = SyntheticWatch(keys: 1_000, events: events, checkpointEvery: 20_000) { index in
            let resident = Self.residentBytes()
            samples.append((index, resident))
            print("[benchmarks] soak: \(index) events, resident memory \(Self.mebibytes(resident))")
        }
        let reflector = Reflector(name: "widgets", source: source)
        let controller = Controller(for: reflector.store, options: .init(name: "soak", maxConcurrentReconciles: 2))
        let clock = ContinuousClock()
        let began = clock.now
        await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                await controller.run(ReconcileFunction { key in
                    _ = reflector.store.object(for: key)
                    reconciles.withLock { $0 += 1 }
                    return .done
                })
            }
            group.addTask { try await reflector.run() }
            _ = try? await group.next()
            // The source ended; let the queue drain, then stop.
            #expect(await eventually(attempts: 60_000) {
                let statistics = controller.queue.statistics
                return statistics.depth == 0 && statistics.processing == 0
            })
            controller.shutDown()
            group.cancelAll()
        }
        let elapsed = began.duration(to: clock.now)
        let end = Self.residentBytes()
        let count = reconciles.withLock { $0 }
        print("[benchmarks] soak: \(events) events in \(elapsed), \(count) reconciles (repeats of a waiting key merge)")
        print("[benchmarks] soak: resident memory at end \(Self.mebibytes(end)), growth \(Self.mebibytes(end.flatMap { e in start.map { e - $0 } }))")
        #expect(samples.values.map(\.0) == [20_000, 40_000, 60_000, 80_000, events])
        #expect(reflector.store.count <= 1_000)
        #expect(count >= 1_000)
        // Measured from the first checkpoint, when the caches and queue are warm (and tests running in parallel have
        // mostly started): a leak of 1 KiB per event would add 78 MiB over the remaining 80,000 events.
        if let warm = samples.values.first?.1, let end {
            #expect(end - warm < 64 * 1_048_576, "resident memory grew \(Self.mebibytes(end - warm)) after warm-up")
        }
    }

    @Test("latency from a watch event arriving to the reconciler being called, with an idle queue: p50 and p99")
    func latency() async throws {
        let rounds = 3_000
        let clock = ContinuousClock()
        let (events, feed) = AsyncStream.makeStream(of: WatcherEvent<Widget>.self)
        let (calls, signal) = AsyncStream.makeStream(of: ContinuousClock.Instant.self)
        let reflector = Reflector(name: "widgets", source: events)
        let controller = Controller(for: reflector.store, options: .init(name: "latency"))
        var latencies: [Duration] = []
        latencies.reserveCapacity(rounds)
        await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await reflector.run() }
            group.addTask {
                await controller.run(ReconcileFunction { _ in
                    signal.yield(clock.now)
                    return .done
                })
            }
            var reconciled = calls.makeAsyncIterator()
            feed.yield(.initStart)
            feed.yield(.initDone)
            for round in 0..<rounds {
                var widget = Widget("w\(round % 10)", resourceVersion: "\(round + 1)")
                widget.spec.size = round
                let sent = clock.now
                feed.yield(.apply(widget))
                guard let called = await reconciled.next() else { break }
                latencies.append(sent.duration(to: called))
            }
            feed.finish()
            controller.shutDown()
            group.cancelAll()
        }
        #expect(latencies.count == rounds)
        let sorted = latencies.sorted()
        func percentile(_ p: Double) -> Duration { sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }
        guard !sorted.isEmpty else { return }
        func micros(_ duration: Duration) -> String {
            let (seconds, attoseconds) = duration.components
            return String(format: "%.1f µs", Double(seconds) * 1e6 + Double(attoseconds) / 1e12)
        }
        print("[benchmarks] latency over \(rounds) events: p50 \(micros(percentile(0.5))), p99 \(micros(percentile(0.99))), max \(micros(sorted[sorted.count - 1]))")
    }
}
