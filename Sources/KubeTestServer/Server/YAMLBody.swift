import KubeClient
import Yams

/// Reads an `application/apply-patch+yaml` body written in YAML (JSON bodies are read as JSON first), as the real
/// server's YAML decoder does: YAML 1.2 core-schema scalars (`1` an integer, `1.5` a number, `true` a boolean,
/// `null`/`~` null, everything else a string; timestamps stay strings), mappings with string keys, sequences.
enum YAMLBody {
    static func decode(_ text: String) throws(APIError) -> JSONValue {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            throw .badRequest("error decoding YAML: \(error)")
        }
        guard let node else { throw .badRequest("the request body is empty") }
        return value(of: node)
    }

    static func value(of node: Node) -> JSONValue {
        switch node {
        case .scalar(let scalar):
            switch node.tag.description {
            case Tag.Name.null.rawValue: return .null
            case Tag.Name.bool.rawValue: return node.bool.map(JSONValue.bool) ?? .string(scalar.string)
            case Tag.Name.int.rawValue: return node.int.map { .int(Int64($0)) } ?? .string(scalar.string)
            case Tag.Name.float.rawValue: return node.float.map { .double($0) } ?? .string(scalar.string)
            default: return .string(scalar.string)
            }
        case .mapping(let mapping):
            var members: [String: JSONValue] = [:]
            for (key, value) in mapping { members[key.string ?? ""] = self.value(of: value) }
            return .object(members)
        case .sequence(let sequence):
            return .array(sequence.map(value(of:)))
        }
    }
}
