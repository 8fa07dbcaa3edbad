/// `metav1.LabelSelector`: `matchLabels` and `matchExpressions`, all of which must hold. (Named `KubeLabelSelector`
/// so it does not clash with the `LabelSelector` the Rebalancing module declares.)
///
/// An empty selector (no labels, no expressions) matches everything in most APIs, but nothing for a
/// PodDisruptionBudget's eviction check (`kubernetes.md` §3.13).
public struct KubeLabelSelector: Codable, Sendable, Hashable {
    public var matchLabels: [String: String]?
    public var matchExpressions: [Requirement]?

    public init(matchLabels: [String: String]? = nil, matchExpressions: [Requirement]? = nil) {
        self.matchLabels = matchLabels
        self.matchExpressions = matchExpressions
    }

    /// `key operator values`, with `operator` one of `In`, `NotIn`, `Exists`, `DoesNotExist`.
    public struct Requirement: Codable, Sendable, Hashable {
        public var key: String
        public var `operator`: String
        public var values: [String]?

        public init(key: String, operator: String, values: [String]? = nil) {
            self.key = key
            self.operator = `operator`
            self.values = values
        }
    }

    /// Whether `labels` satisfy every term.
    public func matches(_ labels: [String: String]) -> Bool {
        for (key, value) in matchLabels ?? [:] where labels[key] != value { return false }
        for requirement in matchExpressions ?? [] {
            let value = labels[requirement.key]
            let values = requirement.values ?? []
            switch requirement.operator {
            case "In": if value.map({ values.contains($0) }) != true { return false }
            case "NotIn": if let value, values.contains(value) { return false }
            case "Exists": if value == nil { return false }
            case "DoesNotExist": if value != nil { return false }
            default: return false
            }
        }
        return true
    }

    /// The selector in the query syntax of `labelSelector=` (e.g. `app=emqx,tier in (a,b)`), sorted for stability.
    public var queryString: String {
        var terms = (matchLabels ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        for requirement in matchExpressions ?? [] {
            let values = (requirement.values ?? []).sorted().joined(separator: ",")
            switch requirement.operator {
            case "In": terms.append("\(requirement.key) in (\(values))")
            case "NotIn": terms.append("\(requirement.key) notin (\(values))")
            case "Exists": terms.append(requirement.key)
            case "DoesNotExist": terms.append("!\(requirement.key)")
            default: continue
            }
        }
        return terms.joined(separator: ",")
    }
}
