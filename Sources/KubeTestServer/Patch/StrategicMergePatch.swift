import KubeClient

/// Strategic merge patch (`application/strategic-merge-patch+json`) for built-in kinds: what `kubectl cordon`,
/// `drain`, `scale`, `edit` and `apply` (on an existing built-in object) send.
///
/// Maps merge recursively and `null` deletes a key, as in a JSON merge patch. Lists follow
/// ``ListMergeStrategy/forList(at:kind:)``: merged by key, merged as sets, or replaced. The directives are honoured:
/// `$patch: replace|merge|delete` in maps and list elements, `$retainKeys`, `$deleteFromPrimitiveList/<field>` and
/// `$setElementOrder/<field>` (listed elements first, in that order, the others after them). Nulls for keys that do
/// not exist are dropped (`IgnoreUnmatchedNulls`, as the server does).
///
/// Errors as the server's `interpretStrategicMergePatchError`: malformed directives are 400. Like the server's
/// merge (unlike kubectl's patch computation), keys outside `$retainKeys` in the patch itself are not an error:
/// `kubectl apply` sends `{"$retainKeys":["configMap","name"],"emptyDir":null,...}`. Custom resources do not support this patch type: the server answers
/// ``PatchError/strategicMergeUnsupported`` (415) before calling this.
public enum StrategicMergePatch {
    public static func apply(_ patch: JSONValue, to original: JSONValue, kind: ResourceDescription) throws(PatchError) -> JSONValue {
        guard case .object(let patchMembers) = patch else {
            throw PatchError.badRequest("json: cannot unmarshal \(patch.goTypeName) into Go value of type map[string]interface {}")
        }
        let merger = Merger(kind: kind)
        return .object(try merger.mergeMap(original.objectValue ?? [:], patchMembers, path: []) ?? [:])
    }

    private static let patchDirective = "$patch"
    private static let retainKeysDirective = "$retainKeys"
    private static let deleteFromPrimitiveListPrefix = "$deleteFromPrimitiveList/"
    private static let setElementOrderPrefix = "$setElementOrder/"

    private struct Merger {
        let kind: ResourceDescription

        /// Merges `patch` into `original`; `nil` means the map is deleted (`$patch: delete`).
        func mergeMap(_ original: [String: JSONValue], _ patch: [String: JSONValue], path: [String]) throws(PatchError) -> [String: JSONValue]? {
            var patch = patch
            if let directive = patch.removeValue(forKey: patchDirective) {
                switch directive.stringValue {
                case "replace": return try mergeMap([:], patch, path: path)
                case "delete": return nil
                case "merge": break
                default: throw PatchError.badRequest("Unable to find the merge directive: \(directive)")
                }
            }
            var retainKeys: [String]?
            if let retain = patch.removeValue(forKey: retainKeysDirective) {
                guard let list = retain.arrayValue, let keys = Optional(list.compactMap(\.stringValue)), keys.count == list.count else {
                    throw PatchError.badRequest("invalid patch: doesn't support retainKeys format: \(retain)")
                }
                retainKeys = keys
            }
            var elementOrders: [String: [JSONValue]] = [:]
            var deletions: [String: [JSONValue]] = [:]
            for key in patch.keys where key.hasPrefix("$") {
                let value = patch.removeValue(forKey: key) ?? .null
                if key.hasPrefix(setElementOrderPrefix) {
                    guard let list = value.arrayValue else {
                        throw PatchError.badRequest("invalid patch: doesn't support setElementOrder format: \(key)")
                    }
                    elementOrders[String(key.dropFirst(setElementOrderPrefix.count))] = list
                } else if key.hasPrefix(deleteFromPrimitiveListPrefix) {
                    guard let list = value.arrayValue else {
                        throw PatchError.badRequest("invalid patch: doesn't support deleteFromPrimitiveList format: \(key)")
                    }
                    deletions[String(key.dropFirst(deleteFromPrimitiveListPrefix.count))] = list
                } else {
                    throw PatchError.badRequest("unable to find api field in struct for the json field \"\(key)\"")
                }
            }
            var result = original
            if let retainKeys {
                let allowed = Set(retainKeys)
                result = result.filter { allowed.contains($0.key) }
            }
            for (field, values) in deletions {
                guard case .array(let elements) = result[field] ?? .array([]) else { continue }
                let remaining = elements.filter { element in !values.contains { $0.semanticallyEquals(element) } }
                result[field] = .array(remaining)
            }
            for (key, value) in patch {
                let childPath = path + [key]
                switch value {
                case .null:
                    result.removeValue(forKey: key)
                case .object(let patchMap):
                    let base = result[key]?.objectValue ?? [:]
                    if let merged = try mergeMap(base, patchMap, path: childPath) {
                        result[key] = .object(merged)
                    } else {
                        result.removeValue(forKey: key)
                    }
                case .array(let patchList):
                    let base = result[key]?.arrayValue ?? []
                    result[key] = .array(try mergeList(base, patchList, path: childPath))
                default:
                    result[key] = value
                }
            }
            for (field, order) in elementOrders {
                guard case .array(let elements) = result[field] else { continue }
                result[field] = .array(reorder(elements, by: order, strategy: ListMergeStrategy.forList(at: path + [field], kind: kind)))
            }
            return result
        }

        func mergeList(_ original: [JSONValue], _ patch: [JSONValue], path: [String]) throws(PatchError) -> [JSONValue] {
            switch ListMergeStrategy.forList(at: path, kind: kind) {
            case .replace:
                return try patch.map { element throws(PatchError) in try cleaned(element, path: path) }
            case .mergePrimitives:
                if patch.contains(where: { $0.objectValue?[patchDirective]?.stringValue == "replace" }) {
                    return patch.filter { $0.objectValue == nil }
                }
                var result = original
                for element in patch where element.objectValue == nil {
                    if !result.contains(where: { $0.semanticallyEquals(element) }) { result.append(element) }
                }
                return result
            case .mergeByKey(let key):
                if patch.contains(where: { $0.objectValue?[patchDirective]?.stringValue == "replace" }) {
                    let rest = patch.filter { $0.objectValue?[patchDirective] == nil }
                    return try rest.map { element throws(PatchError) in try cleaned(element, path: path) }
                }
                var result = original
                for element in patch {
                    guard case .object(var members) = element else {
                        // Scalars in a list of objects: the server gives up merging and replaces.
                        return try patch.map { element throws(PatchError) in try cleaned(element, path: path) }
                    }
                    let directive = members[patchDirective]?.stringValue
                    guard let keyValue = members[key] else {
                        if directive != nil { continue }
                        throw PatchError.badRequest("map: \(JSONText.compact(element)) does not contain declared merge key: \(key)")
                    }
                    let index = result.firstIndex { $0.objectValue?[key]?.semanticallyEquals(keyValue) == true }
                    if directive == "delete" {
                        result.removeAll { $0.objectValue?[key]?.semanticallyEquals(keyValue) == true }
                        continue
                    }
                    if directive == "merge" { members.removeValue(forKey: patchDirective) }
                    if let index {
                        let base = result[index].objectValue ?? [:]
                        if let merged = try mergeMap(base, members, path: path) {
                            result[index] = .object(merged)
                        } else {
                            result.remove(at: index)
                        }
                    } else if let created = try mergeMap([:], members, path: path) {
                        result.append(.object(created))
                    }
                }
                return result
            }
        }

        /// A patch value taken as is where nothing is stored: directives applied and nulls dropped.
        func cleaned(_ value: JSONValue, path: [String]) throws(PatchError) -> JSONValue {
            switch value {
            case .object(let members): return .object(try mergeMap([:], members, path: path) ?? [:])
            case .array(let elements): return .array(try mergeList([], elements, path: path))
            default: return value
            }
        }

        func reorder(_ elements: [JSONValue], by order: [JSONValue], strategy: ListMergeStrategy) -> [JSONValue] {
            func identity(_ value: JSONValue) -> JSONValue {
                if case .mergeByKey(let key) = strategy, let keyValue = value.objectValue?[key] { return keyValue }
                return value
            }
            let orderKeys = order.map(identity)
            func position(_ value: JSONValue) -> Int? {
                let id = identity(value)
                return orderKeys.firstIndex { $0.semanticallyEquals(id) }
            }
            let listed = elements.filter { position($0) != nil }.sorted { (position($0) ?? 0) < (position($1) ?? 0) }
            let unlisted = elements.filter { position($0) == nil }
            return listed + unlisted
        }
    }
}
