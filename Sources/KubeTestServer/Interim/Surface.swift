import Foundation
import KubeClient

/// The server's single door to the pure surface pieces (patches, selectors, schemas, discovery, OpenAPI, tables,
/// built-in kinds).
///
/// INTERIM: minimal stand-ins written by kts until the kts-surface pieces land on main; each function will then call
/// the real type named in contracts.md.
enum Surface {
    // MARK: Kinds

    static func builtinKinds() -> [RegisteredKind] {
        func kind(_ group: String, _ version: String, _ kind: String, _ plural: String, namespaced: Bool,
                  short: [String] = [], status: Bool = false, scale: RegisteredKind.ScaleSubresource? = nil, categories: [String] = []) -> RegisteredKind {
            RegisteredKind(resource: ResourceDescription(group: group, version: version, kind: kind, plural: plural, isNamespaced: namespaced),
                           shortNames: short, categories: categories, hasStatusSubresource: status, scale: scale)
        }
        return [
            kind("", "v1", "Namespace", "namespaces", namespaced: false, short: ["ns"], status: true),
            kind("", "v1", "Node", "nodes", namespaced: false, short: ["no"], status: true),
            kind("", "v1", "Pod", "pods", namespaced: true, short: ["po"], status: true, categories: ["all"]),
            kind("", "v1", "Secret", "secrets", namespaced: true),
            kind("", "v1", "ConfigMap", "configmaps", namespaced: true, short: ["cm"]),
            kind("", "v1", "Service", "services", namespaced: true, short: ["svc"], status: true, categories: ["all"]),
            kind("", "v1", "Event", "events", namespaced: true, short: ["ev"]),
            kind("apps", "v1", "StatefulSet", "statefulsets", namespaced: true, short: ["sts"], status: true,
                 scale: .init(specReplicasPath: ".spec.replicas", statusReplicasPath: ".status.replicas", labelSelectorPath: nil), categories: ["all"]),
            kind("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", namespaced: true, short: ["pdb"], status: true),
            kind("coordination.k8s.io", "v1", "Lease", "leases", namespaced: true),
            kind("events.k8s.io", "v1", "Event", "events", namespaced: true, short: ["ev"]),
            kind("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions", namespaced: false, short: ["crd", "crds"], status: true),
        ]
    }

    static func kinds(fromCustomResourceDefinition crd: JSONValue) throws(APIError) -> [RegisteredKind] {
        guard let spec = crd["spec"], let group = spec["group"]?.stringValue,
              let names = spec["names"], let kindName = names["kind"]?.stringValue, let plural = names["plural"]?.stringValue
        else { throw .badRequest("spec.group, spec.names.kind and spec.names.plural are required") }
        let namespaced = (spec["scope"]?.stringValue ?? "Namespaced") == "Namespaced"
        return (spec["versions"]?.arrayValue ?? []).compactMap { version -> RegisteredKind? in
            guard let versionName = version["name"]?.stringValue, version["served"]?.boolValue ?? true else { return nil }
            let subresources = version["subresources"]
            let scale = subresources?["scale"].map {
                RegisteredKind.ScaleSubresource(specReplicasPath: $0["specReplicasPath"]?.stringValue ?? ".spec.replicas",
                                                statusReplicasPath: $0["statusReplicasPath"]?.stringValue ?? ".status.replicas",
                                                labelSelectorPath: $0["labelSelectorPath"]?.stringValue)
            }
            let columns = (version["additionalPrinterColumns"]?.arrayValue ?? []).map {
                RegisteredKind.PrinterColumn(name: $0["name"]?.stringValue ?? "", type: $0["type"]?.stringValue ?? "string",
                                             format: $0["format"]?.stringValue, jsonPath: $0["jsonPath"]?.stringValue ?? "",
                                             description: $0["description"]?.stringValue ?? "", priority: Int($0["priority"]?.intValue ?? 0))
            }
            return RegisteredKind(
                resource: ResourceDescription(group: group, version: versionName, kind: kindName, plural: plural, isNamespaced: namespaced),
                singular: names["singular"]?.stringValue, shortNames: (names["shortNames"]?.arrayValue ?? []).compactMap(\.stringValue),
                categories: (names["categories"]?.arrayValue ?? []).compactMap(\.stringValue),
                hasStatusSubresource: subresources?["status"] != nil, scale: scale,
                schema: version[path: ["schema", "openAPIV3Schema"]], printerColumns: columns, isCustom: true)
        }
    }

    // MARK: Patches

    static func mergePatch(_ patch: JSONValue, to target: JSONValue) -> JSONValue {
        guard case .object(let patchMembers) = patch else { return patch }
        var result = target.objectValue ?? [:]
        for (key, value) in patchMembers {
            if value.isNull {
                result[key] = nil
            } else {
                result[key] = mergePatch(value, to: result[key] ?? .null)
            }
        }
        return .object(result)
    }

    static func jsonPatch(_ operations: JSONValue, to target: JSONValue) throws(APIError) -> JSONValue {
        guard let list = operations.arrayValue else { throw .badRequest("the JSON patch is not an array of operations") }
        var document = target
        for operation in list {
            guard let op = operation["op"]?.stringValue, let path = operation["path"]?.stringValue else {
                throw .badRequest("invalid JSON patch operation: missing op or path")
            }
            let pointer = try JSONPointer(path)
            switch op {
            case "add": document = try pointer.adding(operation["value"] ?? .null, to: document)
            case "remove": document = try pointer.removing(from: document)
            case "replace":
                _ = try pointer.value(in: document)
                document = try pointer.adding(operation["value"] ?? .null, to: try pointer.removing(from: document))
            case "test":
                guard try pointer.value(in: document) == (operation["value"] ?? .null) else {
                    throw APIError(code: 422, reason: "Invalid", message: "the server rejected our request due to an error in our request: testing value \(path) failed")
                }
            case "move", "copy":
                guard let from = operation["from"]?.stringValue else { throw .badRequest("invalid JSON patch operation: missing from") }
                let source = try JSONPointer(from)
                let value = try source.value(in: document)
                if op == "move" { document = try source.removing(from: document) }
                document = try pointer.adding(value, to: document)
            default: throw .badRequest("Unexpected kind: \(op)")
            }
        }
        return document
    }

    static func strategicMergePatch(_ patch: JSONValue, to target: JSONValue, kind: RegisteredKind) throws(APIError) -> JSONValue {
        func strip(_ value: JSONValue) -> JSONValue {
            guard case .object(let members) = value else { return value }
            var result: [String: JSONValue] = [:]
            for (key, member) in members where !key.hasPrefix("$") { result[key] = strip(member) }
            return .object(result)
        }
        return mergePatch(strip(patch), to: target)
    }

    // MARK: Selectors

    static func labelFilter(_ text: String) throws(APIError) -> @Sendable (JSONValue) -> Bool {
        var requirements: [@Sendable ([String: String]) -> Bool] = []
        for rawTerm in splitTerms(text) {
            let term = rawTerm.trimmingCharacters(in: .whitespaces)
            if term.isEmpty { continue }
            if let range = term.range(of: " notin ") ?? term.range(of: " in ") {
                let key = term[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
                let isNot = term[range].contains("notin")
                let list = term[range.upperBound...].trimmingCharacters(in: CharacterSet(charactersIn: " ()"))
                let values = Set(list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
                requirements.append { labels in isNot ? !(labels[key].map(values.contains) ?? false) : (labels[key].map(values.contains) ?? false) }
            } else if let range = term.range(of: "!=") {
                let key = String(term[..<range.lowerBound]), value = String(term[range.upperBound...])
                requirements.append { $0[key] != value }
            } else if let range = term.range(of: "==") ?? term.range(of: "=") {
                let key = String(term[..<range.lowerBound]), value = String(term[range.upperBound...])
                requirements.append { $0[key] == value }
            } else if term.hasPrefix("!") {
                let key = String(term.dropFirst())
                requirements.append { $0[key] == nil }
            } else {
                guard term.allSatisfy({ $0.isLetter || $0.isNumber || "-_./".contains($0) }) else {
                    throw .badRequest("unable to parse requirement: found '\(term)', expected: identifier")
                }
                requirements.append { $0[term] != nil }
            }
        }
        let all = requirements
        return { object in
            let labels = object.labels
            return all.allSatisfy { $0(labels) }
        }
    }

    static func fieldFilter(_ text: String, kind: RegisteredKind) throws(APIError) -> @Sendable (JSONValue) -> Bool {
        var requirements: [@Sendable (JSONValue) -> Bool] = []
        for term in text.split(separator: ",").map(String.init) where !term.isEmpty {
            let (path, value, negated): (String, String, Bool)
            if let range = term.range(of: "!=") {
                (path, value, negated) = (String(term[..<range.lowerBound]), String(term[range.upperBound...]), true)
            } else if let range = term.range(of: "==") ?? term.range(of: "=") {
                (path, value, negated) = (String(term[..<range.lowerBound]), String(term[range.upperBound...]), false)
            } else {
                throw .badRequest("invalid selector: '\(term)'; can't understand '\(term)'")
            }
            let keys = path.split(separator: ".").map(String.init)
            requirements.append { object in
                let actual: String
                switch object[path: keys] {
                case .string(let text): actual = text
                case .bool(let flag): actual = flag ? "true" : "false"
                case .int(let number): actual = String(number)
                default: actual = ""
                }
                return negated ? actual != value : actual == value
            }
        }
        let all = requirements
        return { object in all.allSatisfy { $0(object) } }
    }

    private static func splitTerms(_ text: String) -> [String] {
        var terms: [String] = []
        var current = ""
        var depth = 0
        for character in text {
            if character == "(" { depth += 1 }
            if character == ")" { depth -= 1 }
            if character == "," && depth == 0 {
                terms.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        terms.append(current)
        return terms
    }

    // MARK: Schemas

    /// Prunes, defaults and validates a custom object; `unknownFields` are the pruned paths.
    static func admit(_ object: JSONValue, kind: RegisteredKind) -> (object: JSONValue, unknownFields: [String], violations: [APIError.Cause]) {
        (object, [], [])
    }

    static func invalid(_ kind: RegisteredKind, name: String, violations: [APIError.Cause]) -> APIError {
        .invalid(kind.resource, name: name, causes: violations)
    }

    static func version() -> JSONValue {
        ["major": "1", "minor": "32", "gitVersion": "v1.32.0", "gitTreeState": "clean", "platform": "linux/amd64"]
    }

    static func apiGroup(_ name: String, kinds: [RegisteredKind]) -> JSONValue? {
        guard var group = apiGroupList(kinds: kinds)["groups"]?.arrayValue?.first(where: { $0["name"]?.stringValue == name }) else { return nil }
        group["kind"] = "APIGroup"
        group["apiVersion"] = "v1"
        return group
    }

    // MARK: Discovery

    static func apiVersions(serverAddress: String) -> JSONValue {
        ["kind": "APIVersions", "versions": ["v1"],
         "serverAddressByClientCIDRs": [["clientCIDR": "0.0.0.0/0", "serverAddress": .string(serverAddress)]]]
    }

    static func apiGroupList(kinds: [RegisteredKind]) -> JSONValue {
        var order: [String] = []
        var versions: [String: [String]] = [:]
        for kind in kinds where !kind.resource.group.isEmpty {
            if versions[kind.resource.group] == nil { order.append(kind.resource.group) }
            if !(versions[kind.resource.group] ?? []).contains(kind.resource.version) {
                versions[kind.resource.group, default: []].append(kind.resource.version)
            }
        }
        let groups: [JSONValue] = order.map { group in
            let list = versions[group] ?? []
            let entries: [JSONValue] = list.map { ["groupVersion": .string("\(group)/\($0)"), "version": .string($0)] }
            return ["name": .string(group), "versions": .array(entries), "preferredVersion": entries.first ?? [:]]
        }
        return ["kind": "APIGroupList", "apiVersion": "v1", "groups": .array(groups)]
    }

    static func apiResourceList(groupVersion: String, kinds: [RegisteredKind]) -> JSONValue? {
        let selected = kinds.filter { $0.resource.apiVersion == groupVersion }
        guard !selected.isEmpty else { return nil }
        var resources: [JSONValue] = []
        for kind in selected {
            let verbs: JSONValue = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]
            var entry: JSONValue = ["name": .string(kind.resource.plural), "singularName": .string(kind.singular),
                                    "namespaced": .bool(kind.resource.isNamespaced), "kind": .string(kind.resource.kind), "verbs": verbs]
            if !kind.shortNames.isEmpty { entry["shortNames"] = .array(kind.shortNames.map { .string($0) }) }
            if !kind.categories.isEmpty { entry["categories"] = .array(kind.categories.map { .string($0) }) }
            resources.append(entry)
            if kind.hasStatusSubresource {
                resources.append(["name": .string("\(kind.resource.plural)/status"), "singularName": "", "namespaced": .bool(kind.resource.isNamespaced),
                                  "kind": .string(kind.resource.kind), "verbs": ["get", "patch", "update"]])
            }
            if kind.scale != nil {
                resources.append(["name": .string("\(kind.resource.plural)/scale"), "singularName": "", "namespaced": .bool(kind.resource.isNamespaced),
                                  "group": "autoscaling", "version": "v1", "kind": "Scale", "verbs": ["get", "patch", "update"]])
            }
            if kind.resource.group.isEmpty && kind.resource.plural == "pods" {
                resources.append(["name": "pods/eviction", "singularName": "", "namespaced": true, "group": "policy", "version": "v1",
                                  "kind": "Eviction", "verbs": ["create"]])
            }
        }
        return ["kind": "APIResourceList", "apiVersion": "v1", "groupVersion": .string(groupVersion), "resources": .array(resources)]
    }

    // MARK: OpenAPI

    static func openAPIIndex(kinds: [RegisteredKind]) -> JSONValue {
        var paths: [String: JSONValue] = [:]
        for kind in kinds {
            let path = kind.resource.group.isEmpty ? "api/v1" : "apis/\(kind.resource.apiVersion)"
            paths[path] = ["serverRelativeURL": .string("/openapi/v3/\(path)?hash=0")]
        }
        return ["paths": .object(paths)]
    }

    static func openAPIDocument(path: String, kinds: [RegisteredKind]) -> JSONValue? {
        nil
    }

    // MARK: Tables

    static func table(kind: RegisteredKind, objects: [JSONValue], listMetadata: JSONValue, includeObject: String?) -> JSONValue {
        var columns: [JSONValue] = [["name": "Name", "type": "string", "format": "name", "description": "Name", "priority": 0]]
        for column in kind.printerColumns {
            columns.append(["name": .string(column.name), "type": .string(column.type), "format": .string(column.format ?? ""),
                            "description": .string(column.description), "priority": .int(Int64(column.priority))])
        }
        columns.append(["name": "Age", "type": "date", "format": "", "description": "Creation timestamp", "priority": 0])
        let rows: [JSONValue] = objects.map { object in
            var cells: [JSONValue] = [.string(object.name ?? "")]
            for column in kind.printerColumns {
                let keys = column.jsonPath.split(separator: ".").map(String.init)
                cells.append(object[path: keys] ?? .null)
            }
            cells.append(object[path: ["metadata", "creationTimestamp"]] ?? .null)
            var row: JSONValue = ["cells": .array(cells)]
            switch includeObject ?? "Metadata" {
            case "None": break
            case "Object": row["object"] = object
            default:
                row["object"] = ["kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1", "metadata": object["metadata"] ?? [:]]
            }
            return row
        }
        return ["kind": "Table", "apiVersion": "meta.k8s.io/v1", "metadata": listMetadata, "columnDefinitions": .array(columns), "rows": .array(rows)]
    }
}

/// INTERIM: an RFC 6901 pointer for the interim JSON patch.
struct JSONPointer {
    var tokens: [String]

    init(_ text: String) throws(APIError) {
        guard text.isEmpty || text.hasPrefix("/") else { throw .badRequest("invalid JSON pointer: \(text)") }
        tokens = text.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map {
            $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
    }

    func value(in document: JSONValue) throws(APIError) -> JSONValue {
        var current = document
        for token in tokens {
            if case .array(let elements) = current, let index = Int(token), elements.indices.contains(index) {
                current = elements[index]
            } else if let member = current[token] {
                current = member
            } else {
                throw APIError(code: 422, reason: "Invalid", message: "the server rejected our request due to an error in our request: doc is missing path: \"/\(tokens.joined(separator: "/"))\"")
            }
        }
        return current
    }

    func adding(_ value: JSONValue, to document: JSONValue) throws(APIError) -> JSONValue {
        try Self.set(value, tokens[...], in: document, insert: true)
    }

    func removing(from document: JSONValue) throws(APIError) -> JSONValue {
        _ = try self.value(in: document)
        return try Self.set(nil, tokens[...], in: document, insert: false)
    }

    private static func set(_ value: JSONValue?, _ tokens: ArraySlice<String>, in document: JSONValue, insert: Bool) throws(APIError) -> JSONValue {
        guard let token = tokens.first else { return value ?? .null }
        let rest = tokens.dropFirst()
        switch document {
        case .array(var elements):
            let index = token == "-" ? elements.count : (Int(token) ?? -1)
            guard index >= 0, index <= elements.count else {
                throw APIError(code: 422, reason: "Invalid", message: "the server rejected our request due to an error in our request: index out of range: \(token)")
            }
            if rest.isEmpty {
                if let value {
                    if insert { elements.insert(value, at: index) } else { elements[index] = value }
                } else if index < elements.count {
                    elements.remove(at: index)
                }
            } else {
                guard index < elements.count else { throw .badRequest("index out of range") }
                elements[index] = try set(value, rest, in: elements[index], insert: insert)
            }
            return .array(elements)
        case .object(var members):
            if rest.isEmpty {
                members[token] = value
            } else {
                guard let child = members[token] else {
                    throw APIError(code: 422, reason: "Invalid", message: "the server rejected our request due to an error in our request: doc is missing path: \(token)")
                }
                members[token] = try set(value, rest, in: child, insert: insert)
            }
            return .object(members)
        default:
            throw APIError(code: 422, reason: "Invalid", message: "the server rejected our request due to an error in our request: cannot set \(token) in a \(document.typeName)")
        }
    }
}
