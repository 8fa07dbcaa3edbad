import Synchronization

/// A thread-safe list of values that tests append to from any task.
final class Recorder<Value: Sendable>: Sendable {
    private let storage = Mutex<[Value]>([])

    init() {}

    func append(_ value: Value) { storage.withLock { $0.append(value) } }

    var values: [Value] { storage.withLock { $0 } }

    var count: Int { storage.withLock { $0.count } }
}

/// A value behind a lock that closures of several tasks can share (a `Mutex` cannot be captured by copy).
final class Locked<Value: Sendable>: Sendable {
    private let storage: Mutex<Value>

    init(_ value: Value) { storage = Mutex(value) }

    @discardableResult
    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        try storage.withLock { try body(&$0) }
    }
}
