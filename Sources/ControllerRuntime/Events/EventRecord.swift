import Foundation
import KubeClient

/// `Normal` or `Warning`, the two event types the API accepts.
public enum EventType: String, Codable, Sendable, Hashable {
    case normal = "Normal"
    case warning = "Warning"
}

/// The object an event is about (`regarding`) or related to (`related`): a `core/v1 ObjectReference`.
public struct EventObjectReference: Codable, Sendable, Hashable {
    public var apiVersion: String
    public var kind: String
    public var name: String
    public var namespace: String?
    public var uid: String?
    public var resourceVersion: String?

    public init(apiVersion: String, kind: String, name: String, namespace: String? = nil, uid: String? = nil, resourceVersion: String? = nil) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.name = name
        self.namespace = namespace
        self.uid = uid
        self.resourceVersion = resourceVersion
    }

    /// A reference to `object`.
    public init<Object: Resource>(_ object: Object) {
        self.init(
            apiVersion: Object.apiVersion,
            kind: Object.kind,
            name: object.metadata.name ?? "",
            namespace: object.metadata.namespace,
            uid: object.metadata.uid,
            resourceVersion: object.metadata.resourceVersion
        )
    }
}

/// What a reconciler reports: one occurrence of something worth telling a user.
public struct EventDraft: Sendable, Hashable {
    public var regarding: EventObjectReference
    public var related: EventObjectReference?
    public var type: EventType
    /// CamelCase, at most 128 characters, e.g. `EvacuationStarted`.
    public var reason: String
    /// What was done or failed, at most 128 characters, e.g. `Evacuate`.
    public var action: String
    /// Human-readable, at most 1024 characters.
    public var note: String

    public init(regarding: EventObjectReference, related: EventObjectReference? = nil, type: EventType = .normal, reason: String, action: String, note: String) {
        self.regarding = regarding
        self.related = related
        self.type = type
        self.reason = reason
        self.action = action
        self.note = note
    }
}

/// `series` of an events.k8s.io/v1 Event: how often it recurred (at least 2) and when last; the Event's own
/// ``Event/Series``, so the sink writes it as it is.
public typealias EventSeries = Event.Series

/// An event as written to the API: the events.k8s.io/v1 fields (a sink maps them to core/v1 when it falls back).
public struct EventRecord: Sendable, Hashable {
    /// `<regarding.name>.<hex nanoseconds>`, as client-go and kube-rs name events.
    public var name: String
    /// The regarding object's namespace, or `default` for cluster-scoped objects.
    public var namespace: String
    public var eventTime: MicroTimestamp
    public var series: EventSeries?
    public var reportingController: String
    public var reportingInstance: String
    public var draft: EventDraft

    public init(name: String, namespace: String, eventTime: MicroTimestamp, series: EventSeries? = nil, reportingController: String, reportingInstance: String, draft: EventDraft) {
        self.name = name
        self.namespace = namespace
        self.eventTime = eventTime
        self.series = series
        self.reportingController = reportingController
        self.reportingInstance = reportingInstance
        self.draft = draft
    }
}

/// Where an ``EventRecorder`` writes: the API server in production (events.k8s.io/v1 with core/v1 fallback), a
/// list in tests.
public protocol EventSink: Sendable {
    /// Creates `event` (a first occurrence).
    func create(_ event: EventRecord) async throws
    /// Updates the series of the existing event `event.name` (a repeat); `event.series` is set.
    func updateSeries(_ event: EventRecord) async throws
}
