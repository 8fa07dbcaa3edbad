import Foundation
import KubeClient
import Yams

/// Parses JSON text written in a test into a value.
func json(_ text: String) throws -> JSONValue {
    try JSONValue(parsing: Data(text.utf8))
}

enum SurfaceFixtures {
    static let pods = ResourceDescription(group: "", version: "v1", kind: "Pod", plural: "pods", isNamespaced: true)
    static let nodes = ResourceDescription(group: "", version: "v1", kind: "Node", plural: "nodes", isNamespaced: false)
    static let services = ResourceDescription(group: "", version: "v1", kind: "Service", plural: "services", isNamespaced: true)
    static let statefulSets = ResourceDescription(group: "apps", version: "v1", kind: "StatefulSet", plural: "statefulsets", isNamespaced: true)
    static let events = ResourceDescription(group: "", version: "v1", kind: "Event", plural: "events", isNamespaced: true)
    static let nodeEvacuations = ResourceDescription(
        group: "rebalance.brokers.dev", version: "v1alpha1", kind: "NodeEvacuation", plural: "nodeevacuations", isNamespaced: true)
}

/// The project's CustomResourceDefinitions as the files in `crds/` hold them.
enum ProjectCRDs {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("crds")

    static func load(_ plural: String) throws -> JSONValue {
        let url = directory.appendingPathComponent("rebalance.brokers.dev_\(plural).yaml")
        let text = try String(contentsOf: url, encoding: .utf8)
        return jsonValue(try Yams.load(yaml: text))
    }

    /// Converts what Yams constructs (quoted scalars stay strings, unlike decoding `JSONValue` with `YAMLDecoder`,
    /// which reads `'True'` as a boolean).
    static func jsonValue(_ value: Any?) -> JSONValue {
        switch value {
        case let text as String: return .string(text)
        case let flag as Bool: return .bool(flag)
        case let number as Int: return .int(Int64(number))
        case let number as Double: return .double(number)
        case let list as [Any]: return .array(list.map(jsonValue))
        case let map as [String: Any]: return .object(map.mapValues(jsonValue))
        default: return .null
        }
    }

    static func schema(_ plural: String) throws -> JSONValue {
        let crd = try load(plural)
        return crd[path: ["spec", "versions"]]?[0]?[path: ["schema", "openAPIV3Schema"]] ?? .null
    }
}
