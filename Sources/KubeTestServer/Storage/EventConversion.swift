import KubeClient

/// core/v1 and events.k8s.io/v1 Events are one stored object in two shapes (`pkg/apis/events/v1/conversion.go`):
/// `regarding`↔`involvedObject`, `note`↔`message`, `reportingController`↔`reportingComponent`,
/// `deprecatedSource`↔`source`, `deprecatedFirstTimestamp`↔`firstTimestamp`, `deprecatedLastTimestamp`↔
/// `lastTimestamp`, `deprecatedCount`↔`count`. Storage keeps the core/v1 shape, so `kubectl describe` shows events
/// the operator records through events.k8s.io/v1.
enum EventConversion {
    static let renames: [(eventsV1: String, core: String)] = [
        ("regarding", "involvedObject"), ("note", "message"), ("reportingController", "reportingComponent"),
        ("deprecatedSource", "source"), ("deprecatedFirstTimestamp", "firstTimestamp"),
        ("deprecatedLastTimestamp", "lastTimestamp"), ("deprecatedCount", "count"),
    ]

    static func isEventsV1(_ resource: ResourceDescription) -> Bool {
        resource.group == "events.k8s.io" && resource.plural == "events"
    }

    /// An events.k8s.io/v1 Event in its stored (core/v1) shape.
    static func toCore(_ event: JSONValue) -> JSONValue {
        rename(event, from: \.eventsV1, to: \.core)
    }

    /// A stored (core/v1) Event in the events.k8s.io/v1 shape.
    static func toEventsV1(_ event: JSONValue) -> JSONValue {
        rename(event, from: \.core, to: \.eventsV1)
    }

    private static func rename(_ event: JSONValue, from source: KeyPath<(eventsV1: String, core: String), String>,
                               to target: KeyPath<(eventsV1: String, core: String), String>) -> JSONValue {
        guard var members = event.objectValue else { return event }
        var renamed: [String: JSONValue] = [:]
        for pair in renames {
            if let value = members.removeValue(forKey: pair[keyPath: source]) { renamed[pair[keyPath: target]] = value }
        }
        for pair in renames { members[pair[keyPath: target]] = nil }
        members.merge(renamed) { _, new in new }
        return .object(members)
    }
}
