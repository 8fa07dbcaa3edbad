import ControllerRuntime
import KubeClient
import Synchronization

/// The latest reading of each BrokerCluster's EMQX, kept by ``BrokerStateSource`` (its one writer) and read by the
/// reconcilers, as a ``Store`` is for Kubernetes objects.
///
/// ## Guarantees
/// - ``changes`` sends a cluster's key after a reading that differs from the last one in a way a reconciler can
///   act on: a node's status or counts, an evacuation's or rebalance's state, reachability, or a node that restarted
///   (its uptime went back). A reading whose only difference is uptime moving on is stored but not sent.
/// - Readings are ordered by when they were started (``ticket()``): a reading started earlier never replaces one
///   started later, so the store never goes back in time.
/// - After ``fence(_:)`` (a reconciler acted on the cluster), ``reading(for:)`` answers `nil` until a reading
///   started after the fence arrives, and that reading is always sent on ``changes``: no decision is ever made on
///   a reading taken before the action it would judge.
/// - A reading is visible to ``reading(for:)`` before its change is sent.
public final class BrokerStateStore: Sendable {
    private struct Entry {
        var reading: BrokerReading
        var ticket: UInt64
    }

    private struct State {
        var entries: [ObjectKey: Entry] = [:]
        var fences: [ObjectKey: UInt64] = [:]
        var nextTicket: UInt64 = 1
    }

    private let state = Mutex(State())
    /// The keys of BrokerClusters whose reading changed.
    public let changes = ExternalSource<ObjectKey>()

    public init() {}

    /// The latest reading of the cluster `key`; `nil` when none was taken yet, or none since the last fence.
    public func reading(for key: ObjectKey) -> BrokerReading? {
        state.withLock { state in
            guard let entry = state.entries[key] else { return nil }
            if let fence = state.fences[key], entry.ticket < fence { return nil }
            return entry.reading
        }
    }

    /// A ticket for a reading about to start; pass it to ``publish(_:ticket:for:)``.
    public func ticket() -> UInt64 {
        state.withLock { state in
            defer { state.nextTicket += 1 }
            return state.nextTicket
        }
    }

    /// Marks that the cluster `key` was acted on: readings started before now no longer count.
    public func fence(_ key: ObjectKey) {
        state.withLock { state in state.fences[key] = state.nextTicket }
    }

    /// Stores `reading`, started with `ticket`, for `key`; sends the key on ``changes`` when it differs
    /// meaningfully or is the first reading past a fence. Returns whether it was sent.
    @discardableResult
    public func publish(_ reading: BrokerReading, ticket: UInt64, for key: ObjectKey) -> Bool {
        let changed: Bool = state.withLock { state in
            let previous = state.entries[key]
            if let previous, previous.ticket > ticket { return false }
            state.entries[key] = Entry(reading: reading, ticket: ticket)
            if let fence = state.fences[key], ticket >= fence {
                state.fences[key] = nil
                return true
            }
            return previous.map { reading.differs(from: $0.reading) } ?? true
        }
        if changed { changes.send(key) }
        return changed
    }

    /// Forgets the cluster `key` (it was deleted).
    public func remove(_ key: ObjectKey) {
        let removed = state.withLock { state in
            state.fences[key] = nil
            return state.entries.removeValue(forKey: key) != nil
        }
        if removed { changes.send(key) }
    }
}

extension BrokerReading {
    /// Whether a reconciler could decide differently on `self` than on `previous` (see ``BrokerStateStore``).
    public func differs(from previous: BrokerReading) -> Bool {
        switch (self, previous) {
        case let (.snapshot(new, newAvailable), .snapshot(old, oldAvailable)):
            return newAvailable != oldAvailable || new.withoutUptime != old.withoutUptime || new.restarted(since: old)
        default:
            return self != previous
        }
    }
}

extension BrokerSnapshot {
    /// This snapshot with every node's uptime removed.
    var withoutUptime: BrokerSnapshot {
        var copy = self
        for index in copy.nodes.indices { copy.nodes[index].uptimeMilliseconds = nil }
        return copy
    }

    /// Whether a node that ran in `previous` reports a smaller uptime now.
    func restarted(since previous: BrokerSnapshot) -> Bool {
        nodes.contains { node in
            guard let now = node.uptimeMilliseconds, let before = previous.node(named: node.name)?.uptimeMilliseconds else { return false }
            return now < before
        }
    }
}
