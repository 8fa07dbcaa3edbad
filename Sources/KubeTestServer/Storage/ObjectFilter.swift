import KubeClient

/// Which objects a list or watch selects: a namespace (or all) plus label and field selectors, already parsed.
struct ObjectFilter: Sendable {
    var namespace: String?
    var labels: (@Sendable (JSONValue) -> Bool)?
    var fields: (@Sendable (JSONValue) -> Bool)?

    init(namespace: String? = nil, labels: (@Sendable (JSONValue) -> Bool)? = nil, fields: (@Sendable (JSONValue) -> Bool)? = nil) {
        self.namespace = namespace
        self.labels = labels
        self.fields = fields
    }

    func matches(_ object: JSONValue) -> Bool {
        if let namespace, object.namespace != namespace { return false }
        if let labels, !labels(object) { return false }
        if let fields, !fields(object) { return false }
        return true
    }
}
