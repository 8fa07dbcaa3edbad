import ControllerRuntime
import Foundation
import KubeClient

@testable import Rebalancing

/// An in-memory `EventSink`: keeps what an `EventRecorder` writes, in order. Fidelity: no API server, no
/// validation; it records exactly the create and series-update calls.
actor RecordingEventSink: EventSink {
    private(set) var created: [EventRecord] = []
    private(set) var seriesUpdates: [EventRecord] = []
    /// Every write in order: a first occurrence or a repeat within the series window (`series.count` 2 and up).
    private(set) var published: [EventRecord] = []

    func create(_ event: EventRecord) async throws {
        created.append(event)
        published.append(event)
    }

    func updateSeries(_ event: EventRecord) async throws {
        seriesUpdates.append(event)
        published.append(event)
    }

    /// The reasons of every write, in order.
    var reasons: [String] { published.map(\.draft.reason) }
}

/// A recorder over a fresh sink, and a step that publishes what a reconcile would: the same path as the reconcilers.
struct EventHarness {
    let sink = RecordingEventSink()
    let recorder: EventRecorder

    init() {
        recorder = EventRecorder(reportingController: "rebalance.brokers.dev/operator", reportingInstance: "test", sink: sink, wallClock: { Date(timeIntervalSince1970: 1_800_000_000) })
    }

    func publish<Object: Resource>(_ events: [TransitionEvent], regarding object: Object) async {
        await recorder.publish(events, regarding: object)
    }
}
