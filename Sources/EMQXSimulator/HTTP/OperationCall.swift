import Hummingbird
import Synchronization

/// A start or stop call that reached the simulated API (authenticated, right method), as the simulator answered it.
/// Tests count these to prove that an operation was started once, and time them against their own clock.
public struct OperationCall: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        case startEvacuation, stopEvacuation, startRebalance, stopRebalance
    }

    public var kind: Kind
    /// The EMQX node name in the request's path.
    public var node: String
    /// When the request arrived, before any simulated latency, on this process's continuous clock.
    public var receivedAt: ContinuousClock.Instant
    /// The HTTP status answered (200 when the call took effect).
    public var status: Int
}

/// The calls received so far, oldest first, bounded so that a long `dev` session cannot grow it without end.
final class OperationCallLog: Sendable {
    static let capacity = 10_000
    private let calls = Mutex<[OperationCall]>([])

    var all: [OperationCall] { calls.withLock { $0 } }

    func record(_ call: OperationCall) {
        calls.withLock { calls in
            if calls.count >= Self.capacity { calls.removeFirst(calls.count - Self.capacity + 1) }
            calls.append(call)
        }
    }
}

extension EMQXSimulator {
    /// Every start and stop call received so far (the latest 10,000), oldest first.
    public var operationCalls: [OperationCall] { operationCallLog.all }

    /// Records `response` as the answer to a `kind` call on `node` received at `receivedAt`, and returns it.
    func recording(_ kind: OperationCall.Kind, node: String, receivedAt: ContinuousClock.Instant, _ response: Response) -> Response {
        operationCallLog.record(OperationCall(kind: kind, node: node, receivedAt: receivedAt, status: Int(response.status.code)))
        return response
    }
}
