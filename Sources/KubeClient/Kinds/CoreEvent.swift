/// `core/v1 Event`, the older form of ``Event`` (same storage, other field names; what `kubectl describe` shows).
/// Unmodelled fields survive updates (``PreservesUnknownFields``).
public struct CoreEvent: Resource, PreservesUnknownFields, Hashable {
    public static let resource = ResourceDescription(group: "", version: "v1", kind: "Event", plural: "events", isNamespaced: true)

    public var metadata: ObjectMeta
    /// The object the event is about (= `regarding`); its namespace must be the event's.
    public var involvedObject: ObjectReference
    public var reason: String?
    /// (= `note`)
    public var message: String?
    public var source: Source?
    public var firstTimestamp: Timestamp?
    public var lastTimestamp: Timestamp?
    public var count: Int?
    /// `Normal` or `Warning`.
    public var type: String?
    public var eventTime: MicroTimestamp?
    public var action: String?
    public var reportingComponent: String?
    public var reportingInstance: String?
    public var rawJSON: JSONValue? = nil

    enum CodingKeys: String, CodingKey {
        case metadata, involvedObject, reason, message, source, firstTimestamp, lastTimestamp, count, type, eventTime, action
        case reportingComponent, reportingInstance
    }

    public init(
        metadata: ObjectMeta, involvedObject: ObjectReference, reason: String? = nil, message: String? = nil, source: Source? = nil,
        firstTimestamp: Timestamp? = nil, lastTimestamp: Timestamp? = nil, count: Int? = nil, type: String? = nil
    ) {
        self.metadata = metadata
        self.involvedObject = involvedObject
        self.reason = reason
        self.message = message
        self.source = source
        self.firstTimestamp = firstTimestamp
        self.lastTimestamp = lastTimestamp
        self.count = count
        self.type = type
    }

    public struct Source: Codable, Sendable, Hashable {
        public var component: String?
        public var host: String?

        public init(component: String? = nil, host: String? = nil) {
            self.component = component
            self.host = host
        }
    }
}
