/// `events.k8s.io/v1 Event`: what a controller reports about an object (`kubernetes.md` §3.12).
///
/// `eventTime`, `reportingController`, `reportingInstance`, `action` and `reason` are required on create; after
/// creation only `series` (and metadata) may change. Unmodelled fields survive updates.
public struct Event: Resource, PreservesUnknownFields, Hashable {
    public static let resource = ResourceDescription(group: "events.k8s.io", version: "v1", kind: "Event", plural: "events", isNamespaced: true)

    public var metadata: ObjectMeta
    public var eventTime: MicroTimestamp?
    public var series: Series?
    public var reportingController: String?
    public var reportingInstance: String?
    public var action: String?
    public var reason: String?
    public var regarding: ObjectReference?
    public var related: ObjectReference?
    /// Human-readable, at most 1024 characters.
    public var note: String?
    /// `Normal` or `Warning`.
    public var type: String?
    public var rawJSON: JSONValue? = nil

    enum CodingKeys: String, CodingKey {
        case metadata, eventTime, series, reportingController, reportingInstance, action, reason, regarding, related, note, type
    }

    public init(
        metadata: ObjectMeta, eventTime: MicroTimestamp? = nil, series: Series? = nil, reportingController: String? = nil,
        reportingInstance: String? = nil, action: String? = nil, reason: String? = nil, regarding: ObjectReference? = nil,
        related: ObjectReference? = nil, note: String? = nil, type: String? = nil
    ) {
        self.metadata = metadata
        self.eventTime = eventTime
        self.series = series
        self.reportingController = reportingController
        self.reportingInstance = reportingInstance
        self.action = action
        self.reason = reason
        self.regarding = regarding
        self.related = related
        self.note = note
        self.type = type
    }

    /// A repeated event: `count` starts at 2.
    public struct Series: Codable, Sendable, Hashable {
        public var count: Int
        public var lastObservedTime: MicroTimestamp

        public init(count: Int, lastObservedTime: MicroTimestamp) {
            self.count = count
            self.lastObservedTime = lastObservedTime
        }
    }
}
