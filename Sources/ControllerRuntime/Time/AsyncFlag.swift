import Synchronization

/// A one-shot signal: ``set()`` once, and every ``wait()`` (earlier or later) returns.
public final class AsyncFlag: Sendable {
    private struct State {
        var isSet = false
        var nextID: UInt64 = 0
        var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    public var isSet: Bool { state.withLock { $0.isSet } }

    /// Sets the flag and releases every waiter; later calls do nothing.
    public func set() {
        let waiters: [CheckedContinuation<Void, Never>] = state.withLock { state in
            guard !state.isSet else { return [] }
            state.isSet = true
            defer { state.waiters.removeAll() }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns once the flag is set, or when the task is cancelled (check `isSet` to tell them apart).
    public func wait() async {
        let id: UInt64 = state.withLock { state in
            state.nextID += 1
            return state.nextID
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow: Bool = state.withLock { state in
                    if state.isSet || Task.isCancelled { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
        }
    }
}
