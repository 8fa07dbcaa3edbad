/// How a list's `resourceVersion` is interpreted.
public enum ResourceVersionMatch: String, Sendable, Hashable {
    case notOlderThan = "NotOlderThan"
    case exact = "Exact"
}
