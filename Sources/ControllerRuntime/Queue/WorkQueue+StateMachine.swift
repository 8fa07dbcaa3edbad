import HeapModule
import Primitives

extension WorkQueue {
    /// The queue's bookkeeping as a value: no locks, no clock reads, no I/O. Times are instants of a
    /// ``ElapsedClock`` passed in by the caller.
    ///
    /// ## Invariants
    /// - A key is at most once in `waiting` (ready or delayed) and at most once in `processing`.
    /// - A key in `processing` is never handed out again until ``done(_:now:)``; an add during processing is kept
    ///   in `pendingAfterProcessing` (earliest time wins) and moves to `waiting` at `done`.
    /// - When a key is added that is already waiting, the earlier ready time wins (kube-rs scheduler, controller-runtime
    ///   priority queue).
    struct StateMachine: Sendable {
        struct Entry: Sendable {
            var readyAt: Duration
            var addedAt: Duration
            var sequence: UInt64
        }

        struct HeapItem: Comparable, Sendable {
            var readyAt: Duration
            var sequence: UInt64
            var key: Key

            static func < (lhs: HeapItem, rhs: HeapItem) -> Bool {
                (lhs.readyAt, lhs.sequence) < (rhs.readyAt, rhs.sequence)
            }

            static func == (lhs: HeapItem, rhs: HeapItem) -> Bool {
                lhs.readyAt == rhs.readyAt && lhs.sequence == rhs.sequence
            }
        }

        /// What ``add(_:readyAt:now:)`` did.
        enum AddOutcome: Equatable, Sendable {
            /// The key was not known and now waits.
            case queued
            /// The key was waiting already; its ready time moved earlier.
            case movedEarlier
            /// The key was waiting already with an earlier or equal ready time.
            case deduplicated
            /// The key is being processed; it runs once more after ``done(_:now:)``.
            case deferredUntilDone
            /// The queue is shutting down and takes no keys.
            case rejected
        }

        /// A key handed to a worker, and how long it waited since it became ready.
        struct Handout: Sendable {
            var key: Key
            var queueDuration: Duration
        }

        let backoff: Backoff
        private(set) var waiting: [Key: Entry] = [:]
        private var heap = Heap<HeapItem>()
        private(set) var processing: [Key: Duration] = [:]
        private(set) var pendingAfterProcessing: [Key: Duration] = [:]
        private(set) var failures: [Key: Int] = [:]
        private(set) var isShuttingDown = false
        private var nextSequence: UInt64 = 0

        init(backoff: Backoff) {
            self.backoff = backoff
        }

        /// Keys waiting (ready or delayed) plus keys that will run again after their current reconcile.
        var depth: Int { waiting.count + pendingAfterProcessing.count }

        /// Waiting keys whose time has come at `now` (not those delayed to later).
        func readyCount(now: Duration) -> Int { waiting.values.filter { $0.readyAt <= now }.count }

        /// Adds `key`, ready at `readyAt` (`now` for an immediate add).
        mutating func add(_ key: Key, readyAt: Duration, now: Duration) -> AddOutcome {
            guard !isShuttingDown else { return .rejected }
            if processing[key] != nil {
                pendingAfterProcessing[key] = min(pendingAfterProcessing[key] ?? readyAt, readyAt)
                return .deferredUntilDone
            }
            if var entry = waiting[key] {
                guard readyAt < entry.readyAt else { return .deduplicated }
                entry.readyAt = readyAt
                entry.sequence = takeSequence()
                waiting[key] = entry
                heap.insert(HeapItem(readyAt: readyAt, sequence: entry.sequence, key: key))
                return .movedEarlier
            }
            let sequence = takeSequence()
            waiting[key] = Entry(readyAt: readyAt, addedAt: now, sequence: sequence)
            heap.insert(HeapItem(readyAt: readyAt, sequence: sequence, key: key))
            return .queued
        }

        /// Records a failure of `key` and adds it after its backoff delay; returns that delay.
        mutating func addAfterFailure(_ key: Key, now: Duration) -> (delay: Duration, outcome: AddOutcome) {
            let count = (failures[key] ?? 0) + 1
            failures[key] = count
            let delay = backoff.delay(afterFailures: count)
            return (delay, add(key, readyAt: now + delay, now: now))
        }

        /// Clears the failure count of `key` (after a successful reconcile).
        mutating func forget(_ key: Key) {
            failures[key] = nil
        }

        /// The number of consecutive failures recorded for `key`.
        func failureCount(of key: Key) -> Int { failures[key] ?? 0 }

        /// Hands out the ready key that became ready first, marking it as processing; `nil` when none is ready or
        /// the queue is shutting down.
        mutating func next(now: Duration) -> Handout? {
            guard !isShuttingDown else { return nil }
            dropStaleHeapItems()
            guard let top = heap.min, top.readyAt <= now, let entry = waiting[top.key] else { return nil }
            _ = heap.popMin()
            waiting[top.key] = nil
            processing[top.key] = now
            let becameReady = max(entry.readyAt, entry.addedAt)
            return Handout(key: top.key, queueDuration: max(.zero, now - becameReady))
        }

        /// Marks `key` as no longer processing; returns how long it was processed. A key re-added meanwhile starts
        /// waiting again.
        mutating func done(_ key: Key, now: Duration) -> Duration? {
            guard let started = processing.removeValue(forKey: key) else { return nil }
            if let readyAt = pendingAfterProcessing.removeValue(forKey: key), !isShuttingDown {
                _ = add(key, readyAt: readyAt, now: now)
            }
            return now - started
        }

        /// The earliest time a waiting key becomes ready, if any key waits.
        mutating func nextReadyTime() -> Duration? {
            dropStaleHeapItems()
            return heap.min?.readyAt
        }

        /// Whether a key is ready at `now`.
        mutating func hasReadyKey(now: Duration) -> Bool {
            guard let readyAt = nextReadyTime() else { return false }
            return readyAt <= now
        }

        /// Stops handing out keys; keys being processed may still be marked done.
        mutating func shutDown() {
            isShuttingDown = true
        }

        var processingCount: Int { processing.count }

        /// How long the keys being processed have been processing at `now`: summed, and the longest.
        func unfinishedWork(now: Duration) -> (total: Duration, longest: Duration) {
            var total = Duration.zero
            var longest = Duration.zero
            for started in processing.values {
                let elapsed = max(.zero, now - started)
                total += elapsed
                longest = max(longest, elapsed)
            }
            return (total, longest)
        }

        private mutating func takeSequence() -> UInt64 {
            nextSequence += 1
            return nextSequence
        }

        private mutating func dropStaleHeapItems() {
            while let top = heap.min {
                if let entry = waiting[top.key], entry.sequence == top.sequence { return }
                _ = heap.popMin()
            }
        }
    }
}
