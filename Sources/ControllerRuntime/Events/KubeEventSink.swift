import Foundation
import KubeClient
import Synchronization

/// An ``EventSink`` that writes Events to the API server: `events.k8s.io/v1`, or `core/v1` where that group is not
/// served.
///
/// ## Guarantees
/// - A first occurrence is a POST of an `events.k8s.io/v1` Event (`eventTime` as MicroTime, `reportingController`,
///   `reportingInstance`, `action`, `reason`, `regarding`, `related`, `note`, `type`).
/// - A repeat is a merge PATCH of `series` (`count`, `lastObservedTime`) on the Event created first; nothing else
///   changes, as the API requires after creation.
/// - When a create answers 404 and the same event can then be created as a `core/v1` Event, the sink keeps writing
///   `core/v1` Events from then on (legacy fields: `involvedObject`, `message`, `source.component`,
///   `firstTimestamp`, `lastTimestamp`, `count`; repeats patch `count` and `lastTimestamp`). A 404 that core/v1
///   answers too (e.g. a missing namespace) is thrown and changes nothing.
///
/// ## Errors
/// Throws the ``KubeAPIError`` of the failed write; the ``EventRecorder`` logs it and forgets the series, so a repeat
/// whose Event expired creates a new one.
///
/// RBAC: `create` and `patch` on `events.events.k8s.io` (and on core `events` for the fallback).
public final class KubeEventSink: EventSink {
    /// Which API the sink writes to.
    public enum API: Sendable, Hashable {
        /// `events.k8s.io/v1`, the default.
        case eventsV1
        /// `core/v1`, after the server answered 404 for `events.k8s.io`.
        case coreV1
    }

    private let client: KubeClient
    private let api: Mutex<API>

    /// - Parameters:
    ///   - client: The API client.
    ///   - api: The API to start with; ``API/eventsV1`` unless the cluster is known to lack it.
    public init(client: KubeClient, api: API = .eventsV1) {
        self.client = client
        self.api = Mutex(api)
    }

    /// The API the sink currently writes to.
    public var currentAPI: API { api.withLock { $0 } }

    public func create(_ event: EventRecord) async throws {
        switch currentAPI {
        case .coreV1:
            try await createCore(event)
        case .eventsV1:
            do {
                _ = try await client.resources(Event.self, namespace: event.namespace).create(Self.eventsV1(event))
            } catch let error as KubeAPIError where error.code == 404 {
                // The group may not be served: fall back when core/v1 takes the event. Its own errors are thrown.
                try await createCore(event)
                api.withLock { $0 = .coreV1 }
            }
        }
    }

    public func updateSeries(_ event: EventRecord) async throws {
        let series = event.series ?? EventSeries(count: 2, lastObservedTime: event.eventTime)
        switch currentAPI {
        case .eventsV1:
            let patch: JSONValue = [
                "series": ["count": .int(Int64(series.count)), "lastObservedTime": .string(series.lastObservedTime.description)],
            ]
            _ = try await client.resources(Event.self, namespace: event.namespace).patch(event.name, .merge(patch))
        case .coreV1:
            let patch: JSONValue = [
                "count": .int(Int64(series.count)),
                "lastTimestamp": .string(Timestamp(series.lastObservedTime.date).description),
            ]
            _ = try await client.resources(CoreEvent.self, namespace: event.namespace).patch(event.name, .merge(patch))
        }
    }

    private func createCore(_ event: EventRecord) async throws {
        _ = try await client.resources(CoreEvent.self, namespace: event.namespace).create(Self.coreV1(event))
    }

    /// The events.k8s.io/v1 form of `event`.
    static func eventsV1(_ event: EventRecord) -> Event {
        Event(
            metadata: ObjectMeta(name: event.name, namespace: event.namespace),
            eventTime: event.eventTime,
            series: event.series,
            reportingController: event.reportingController,
            reportingInstance: event.reportingInstance,
            action: event.draft.action,
            reason: event.draft.reason,
            regarding: reference(event.draft.regarding),
            related: event.draft.related.map(reference),
            note: String(event.draft.note.prefix(1024)),
            type: event.draft.type.rawValue
        )
    }

    /// The legacy core/v1 form of `event` (no `eventTime`, so the legacy validation rules apply).
    static func coreV1(_ event: EventRecord) -> CoreEvent {
        let time = Timestamp(event.eventTime.date)
        var core = CoreEvent(
            metadata: ObjectMeta(name: event.name, namespace: event.namespace),
            involvedObject: reference(event.draft.regarding),
            reason: event.draft.reason,
            message: String(event.draft.note.prefix(1024)),
            source: CoreEvent.Source(component: event.reportingController),
            firstTimestamp: time,
            lastTimestamp: event.series.map { Timestamp($0.lastObservedTime.date) } ?? time,
            count: event.series?.count ?? 1,
            type: event.draft.type.rawValue
        )
        core.action = event.draft.action
        core.reportingComponent = event.reportingController
        core.reportingInstance = event.reportingInstance
        return core
    }

    private static func reference(_ reference: EventObjectReference) -> ObjectReference {
        ObjectReference(
            apiVersion: reference.apiVersion,
            kind: reference.kind,
            namespace: reference.namespace,
            name: reference.name,
            uid: reference.uid,
            resourceVersion: reference.resourceVersion
        )
    }
}
