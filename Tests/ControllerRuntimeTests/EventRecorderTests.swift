import ControllerRuntime
import Foundation
import KubeClient
import Synchronization
import Testing
import VirtualTime

final class MemoryEventSink: EventSink {
    let created = Recorder<EventRecord>()
    let updated = Recorder<EventRecord>()

    func create(_ event: EventRecord) async throws { created.append(event) }
    func updateSeries(_ event: EventRecord) async throws { updated.append(event) }
}

@Suite("EventRecorder")
struct EventRecorderTests {
    static func recorder(_ sink: MemoryEventSink, clock: ManualClock) -> EventRecorder {
        EventRecorder(
            reportingController: "rebalance.emqx.io/operator",
            reportingInstance: "operator-0",
            sink: sink,
            clock: clock,
            wallClock: { Date(timeIntervalSince1970: 1_700_000_000 + Double(clock.now.offset.components.seconds)) }
        )
    }

    @Test("repeats within six minutes become one event with a growing series")
    func series() async {
        let clock = ManualClock()
        let sink = MemoryEventSink()
        let recorder = Self.recorder(sink, clock: clock)
        let widget = Widget("w")
        await recorder.publish(.warning, reason: "BrokerUnreachable", action: "Evacuate", note: "timeout", regarding: widget)
        await clock.advance(by: .seconds(60))
        await recorder.publish(.warning, reason: "BrokerUnreachable", action: "Evacuate", note: "timeout", regarding: widget)
        await clock.advance(by: .seconds(60))
        await recorder.publish(.warning, reason: "BrokerUnreachable", action: "Evacuate", note: "timeout", regarding: widget)
        #expect(sink.created.count == 1)
        #expect(sink.updated.values.map { $0.series?.count } == [2, 3])
        let first = sink.created.values[0]
        #expect(first.name.hasPrefix("w."))
        #expect(first.namespace == "default")
        #expect(first.series == nil)
        #expect(sink.updated.values.allSatisfy { $0.name == first.name })
        #expect(sink.updated.values.last?.series?.lastObservedTime.description == "2023-11-14T22:15:20.000000Z")

        // After the window a new event starts.
        await clock.advance(by: .seconds(361))
        await recorder.publish(.warning, reason: "BrokerUnreachable", action: "Evacuate", note: "timeout", regarding: widget)
        #expect(sink.created.count == 2)
        // A different reason is a different event.
        await recorder.publish(.normal, reason: "Evacuated", action: "Evacuate", note: "done", regarding: widget)
        #expect(sink.created.count == 3)
    }

    @Test("transition events are emitted only when the state changes")
    func transitions() async {
        let clock = ManualClock()
        let sink = MemoryEventSink()
        let recorder = Self.recorder(sink, clock: clock)
        let draft = EventDraft(regarding: EventObjectReference(Widget("w")), reason: "PhaseChanged", action: "Reconcile", note: "phase")
        for state in ["Pending", "Pending", "Running", "Running", "Running", "Done"] {
            await recorder.publish(draft, onTransitionTo: state)
        }
        #expect(sink.created.count + sink.updated.count == 3)
    }
}
