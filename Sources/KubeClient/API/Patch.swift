/// A PATCH body and its content type (`kubernetes.md` §3.9).
public enum Patch: Sendable, Hashable {
    /// JSON merge patch (RFC 7386, `application/merge-patch+json`): objects merge, `null` removes, arrays are
    /// replaced whole. What `kubectl label`/`annotate` send.
    case merge(JSONValue)
    /// JSON patch (RFC 6902, `application/json-patch+json`): a list of operations applied in order; a failing
    /// operation (including a `test`) rejects the whole patch with 422.
    case json([JSONPatchOperation])
    /// Strategic merge patch (`application/strategic-merge-patch+json`): built-in kinds only; custom resources
    /// answer 415.
    case strategicMerge(JSONValue)

    public var contentType: String {
        switch self {
        case .merge: "application/merge-patch+json"
        case .json: "application/json-patch+json"
        case .strategicMerge: "application/strategic-merge-patch+json"
        }
    }

    /// The request body.
    public var body: JSONValue {
        switch self {
        case .merge(let value), .strategicMerge(let value): value
        case .json(let operations): .array(operations.map(\.json))
        }
    }
}
