import Foundation
import KubeClient
import Logging
import Primitives
import Synchronization

/// Publishes Kubernetes Events for a controller, aggregating repeats into series (see ``EventAggregator``'s rules:
/// a 6-minute series window keyed by type, action, reason, reporter and objects).
///
/// Publishing is best-effort: a failed write is logged and never fails the reconcile.
public final class EventRecorder: Sendable {
    private let sink: any EventSink
    private let clock: ElapsedClock
    private let wallClock: @Sendable () -> Date
    private let aggregator: Mutex<EventAggregator>
    private let logger: Logger

    /// - Parameters:
    ///   - reportingController: `reportingController`, a qualified name such as `rebalance.emqx.io/operator`.
    ///   - reportingInstance: `reportingInstance` (at most 128 characters), e.g. the pod name.
    public init(
        reportingController: String,
        reportingInstance: String,
        sink: any EventSink,
        clock: some Clock<Duration> = ContinuousClock(),
        wallClock: @escaping @Sendable () -> Date = { Date() },
        logger: Logger = Logger(label: "ControllerRuntime.EventRecorder")
    ) {
        self.sink = sink
        self.clock = ElapsedClock(clock)
        self.wallClock = wallClock
        self.aggregator = Mutex(EventAggregator(reportingController: reportingController, reportingInstance: String(reportingInstance.prefix(128))))
        self.logger = logger
    }

    /// Records `draft`: a new Event, or a series update of a recent identical one.
    public func publish(_ draft: EventDraft) async {
        await send(aggregator.withLock { $0.record(draft, now: clock.now, wallNow: wallClock()) })
    }

    /// Records `draft` only when `state` differs from the last state recorded for the same object and action, so an
    /// event marks a transition (e.g. a phase change) and is not repeated on every reconcile.
    public func publish(_ draft: EventDraft, onTransitionTo state: String) async {
        await send(aggregator.withLock { $0.record(draft, transition: state, now: clock.now, wallNow: wallClock()) })
    }

    /// Convenience: an event about `object`.
    public func publish<Object: Resource>(
        _ type: EventType = .normal,
        reason: String,
        action: String,
        note: String,
        regarding object: Object
    ) async {
        await publish(EventDraft(regarding: EventObjectReference(object), type: type, reason: reason, action: action, note: note))
    }

    private func send(_ action: EventAggregator.Action) async {
        switch action {
        case .skip:
            return
        case .create(let record):
            do { try await sink.create(record) } catch {
                aggregator.withLock { $0.forget(record) }
                logger.warning("could not create event", metadata: ["reason": "\(record.draft.reason)", "error": "\(error)"])
            }
        case .updateSeries(let record):
            do { try await sink.updateSeries(record) } catch {
                aggregator.withLock { $0.forget(record) }
                logger.warning("could not update event series", metadata: ["event": "\(record.name)", "error": "\(error)"])
            }
        }
    }
}
