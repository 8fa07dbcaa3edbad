import ControllerRuntime
import Foundation
import KubeClient
import KubeTestServer
import Testing
import VirtualTime

@Suite("KubeEventSink against the test API server", .timeLimit(.minutes(1)))
struct KubeEventSinkTests {
    static func recorder(_ sink: KubeEventSink, clock: ManualClock) -> EventRecorder {
        EventRecorder(reportingController: "rebalance.emqx.io/operator", reportingInstance: "operator-0", sink: sink, clock: clock)
    }

    @Test("publishing the same event twice creates one events.k8s.io/v1 Event whose series count is 2")
    func series() async throws {
        try await withServerAndClient { _, client in
            let clock = ManualClock()
            let sink = KubeEventSink(client: client)
            let recorder = Self.recorder(sink, clock: clock)
            let widget = Widget("w")
            for _ in 0..<2 {
                await recorder.publish(.warning, reason: "BrokerUnreachable", action: "Evacuate", note: "timeout", regarding: widget)
                await clock.advance(by: .seconds(30))
            }
            let events = try await client.resources(Event.self, namespace: "default").list().items
            #expect(events.count == 1)
            let event = try #require(events.first)
            #expect(event.series?.count == 2)
            #expect(event.reason == "BrokerUnreachable")
            #expect(event.action == "Evacuate")
            #expect(event.type == "Warning")
            #expect(event.note == "timeout")
            #expect(event.reportingController == "rebalance.emqx.io/operator")
            #expect(event.reportingInstance == "operator-0")
            #expect(event.regarding?.name == "w")
            #expect(event.regarding?.kind == "Widget")
            #expect(event.regarding?.uid == "uid-w")
            #expect(sink.currentAPI == .eventsV1)
            let raw = try await client.get(path: "/apis/events.k8s.io/v1/namespaces/default/events/\(event.metadata.name ?? "")")
            let eventTime = try #require(raw["eventTime"]?.stringValue)
            #expect(eventTime.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z/) != nil)
        }
    }

    @Test("transition-only publishing writes only when the state changes")
    func transitions() async throws {
        try await withServerAndClient { _, client in
            let clock = ManualClock()
            let sink = KubeEventSink(client: client)
            let recorder = Self.recorder(sink, clock: clock)
            let widgets = [Widget("a"), Widget("b")]
            for state in ["Pending", "Pending", "Running", "Running", "Running"] {
                for widget in widgets {
                    let draft = EventDraft(regarding: EventObjectReference(widget), reason: "PhaseChanged", action: "Reconcile", note: "now \(state)")
                    await recorder.publish(draft, onTransitionTo: state)
                }
            }
            let events = try await client.resources(Event.self, namespace: "default").list().items
            // One Event per object; two transitions each (Pending, Running), folded into a series.
            #expect(events.count == 2)
            #expect(Set(events.compactMap(\.regarding?.name)) == ["a", "b"])
            #expect(events.allSatisfy { $0.series?.count == 2 })
        }
    }

    @Test("a 404 for events.k8s.io falls back to core/v1 Events for good, with legacy fields and count")
    func fallback() async throws {
        try await withServerAndClient { server, client in
            let clock = ManualClock()
            server.faults.failRequests(matching: RequestMatcher(method: "POST", pathPrefix: "/apis/events.k8s.io/"), status: 404, count: 1)
            let sink = KubeEventSink(client: client)
            let recorder = Self.recorder(sink, clock: clock)
            let widget = Widget("w")
            await recorder.publish(.normal, reason: "Evacuated", action: "Evacuate", note: "done", regarding: widget)
            #expect(sink.currentAPI == .coreV1)
            let created = try #require(try await client.resources(CoreEvent.self, namespace: "default").list().items.first)
            #expect(created.count == 1)
            #expect(created.involvedObject.name == "w")
            #expect(created.message == "done")
            #expect(created.source?.component == "rebalance.emqx.io/operator")
            #expect(created.firstTimestamp != nil)

            // Later writes go to core/v1 directly: a failure armed for events.k8s.io stays unused.
            server.faults.failRequests(matching: RequestMatcher(pathPrefix: "/apis/events.k8s.io/"), status: 500, count: 1)
            await clock.advance(by: .seconds(30))
            await recorder.publish(.normal, reason: "Evacuated", action: "Evacuate", note: "done", regarding: widget)
            let events = try await client.resources(CoreEvent.self, namespace: "default").list().items
            #expect(events.count == 1)
            #expect(events.first?.count == 2)
            #expect(server.faults.pendingFailures == 1)
        }
    }

    @Test("a 404 that core/v1 answers too (a missing namespace) keeps events.k8s.io")
    func noFallbackForMissingNamespace() async throws {
        try await withServerAndClient { _, client in
            let sink = KubeEventSink(client: client)
            let draft = EventDraft(regarding: EventObjectReference(Widget("w", namespace: "absent")), reason: "Evacuated", action: "Evacuate", note: "done")
            let record = EventRecord(
                name: "w.1", namespace: "absent", eventTime: .now, reportingController: "rebalance.emqx.io/operator",
                reportingInstance: "operator-0", draft: draft
            )
            await #expect { try await sink.create(record) } throws: { ($0 as? KubeAPIError)?.code == 404 }
            #expect(sink.currentAPI == .eventsV1)
        }
    }
}
