import Foundation
import Synchronization

/// The child processes a test started. ``killAll()`` (call it in a `defer`) sends SIGKILL to every one still
/// running, so that none outlives a test that failed or threw.
public final class ProcessGroup: Sendable {
    private let processes = Mutex<[RunningProcess]>([])

    public init() {}

    /// Starts `program` (see ``ProcessRunner/start(_:_:stdin:environment:)``) and keeps it for ``killAll()``.
    public func start(_ program: String, _ arguments: [String], environment: [String: String] = [:]) throws -> RunningProcess {
        let process = try ProcessRunner.start(program, arguments, environment: environment)
        processes.withLock { $0.append(process) }
        return process
    }

    /// SIGKILLs every process of the group that still runs.
    public func killAll() {
        for process in processes.withLock({ $0 }) { process.signal(SIGKILL) }
    }
}
