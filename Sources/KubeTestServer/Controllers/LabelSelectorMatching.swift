import KubeClient

/// Matching of a structured `metav1.LabelSelector` (`matchLabels` and `matchExpressions`) against labels.
enum LabelSelectorMatching {
    static func matches(_ selector: JSONValue, labels: [String: String]) -> Bool {
        for (key, value) in selector["matchLabels"]?.objectValue ?? [:] where labels[key] != value.stringValue {
            return false
        }
        for expression in selector["matchExpressions"]?.arrayValue ?? [] {
            let key = expression["key"]?.stringValue ?? ""
            let values = (expression["values"]?.arrayValue ?? []).compactMap(\.stringValue)
            switch expression["operator"]?.stringValue ?? "" {
            case "In": guard let label = labels[key], values.contains(label) else { return false }
            case "NotIn": if let label = labels[key], values.contains(label) { return false }
            case "Exists": if labels[key] == nil { return false }
            case "DoesNotExist": if labels[key] != nil { return false }
            default: return false
            }
        }
        return true
    }

    /// The selector in the string form of `?labelSelector=` and `Scale.status.selector`.
    static func string(_ selector: JSONValue) -> String {
        var terms: [String] = []
        for (key, value) in (selector["matchLabels"]?.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) {
            terms.append("\(key)=\(value.stringValue ?? "")")
        }
        for expression in selector["matchExpressions"]?.arrayValue ?? [] {
            let key = expression["key"]?.stringValue ?? ""
            let values = (expression["values"]?.arrayValue ?? []).compactMap(\.stringValue).sorted().joined(separator: ",")
            switch expression["operator"]?.stringValue ?? "" {
            case "In": terms.append("\(key) in (\(values))")
            case "NotIn": terms.append("\(key) notin (\(values))")
            case "Exists": terms.append(key)
            case "DoesNotExist": terms.append("!\(key)")
            default: break
            }
        }
        return terms.joined(separator: ",")
    }
}
