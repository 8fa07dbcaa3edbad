import Primitives

/// Thrown by ``withDeadline(_:clock:operation:)`` when the deadline passes first.
public struct DeadlineExceeded: Error, Sendable, Hashable {
    public init() {}
}

/// Runs `operation`, cancelling it and throwing ``DeadlineExceeded`` when `clock` reaches `deadline` first.
func withDeadline<T: Sendable>(
    _ deadline: Duration,
    clock: ElapsedClock,
    operation: @escaping @Sendable () async throws -> T
) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await clock.sleep(until: deadline)
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next() else { throw DeadlineExceeded() }
        guard let value = first else { throw DeadlineExceeded() }
        return value
    }
}
