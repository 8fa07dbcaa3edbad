import KubeClient
import Yams

/// Renders objects as the YAML manifests users read and `kubectl apply` (keys sorted, as controller-gen does, so
/// that regenerated files diff cleanly).
public enum ManifestRendering {
    public static func yaml(_ value: JSONValue) throws -> String {
        try Yams.serialize(node: node(value), sortKeys: true)
    }

    private static func node(_ value: JSONValue) throws -> Node {
        switch value {
        case .null: return Node("null", Tag(.null))
        case .bool(let flag): return try Node(flag)
        case .int(let number): return try Node(number)
        case .double(let number): return try Node(number)
        case .string(let text): return .scalar(text.represented())
        case .array(let elements): return Node(try elements.map(node))
        case .object(let members):
            return Node(try members.map { (Node($0.key), try node($0.value)) }, Tag(.map))
        }
    }
}
