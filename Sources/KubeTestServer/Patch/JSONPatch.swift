import KubeClient

/// JSON patch (RFC 6902), `application/json-patch+json`: `add`, `remove`, `replace`, `move`, `copy` and `test`,
/// applied in order and all-or-nothing.
///
/// Errors follow the real API server (`handlers/patch.go`): a body that is not a list of operation objects is 400;
/// more than 10000 operations is 413; an operation that does not apply (unknown `op`, missing path, failed `test`)
/// is 422 with the fixed message "the server rejected our request due to an error in our request". Array indices
/// must be in range (`-` appends for `add`); a `test` of a missing member against `null` succeeds, and numbers
/// compare by value (`1` equals `1.0`).
public enum JSONPatch {
    /// The real server's limit on operations in one patch.
    public static let maximumOperations = 10_000

    public static func apply(_ operations: JSONValue, to document: JSONValue) throws(PatchError) -> JSONValue {
        guard case .array(let list) = operations else {
            throw PatchError.badRequest("json: cannot unmarshal \(operations.goTypeName) into Go value of type jsonpatch.Patch")
        }
        var parsed: [[String: JSONValue]] = []
        for element in list {
            guard case .object(let members) = element else {
                throw PatchError.badRequest("json: cannot unmarshal \(element.goTypeName) into Go value of type jsonpatch.Operation")
            }
            parsed.append(members)
        }
        if parsed.count > maximumOperations { throw PatchError.tooManyOperations(parsed.count) }
        var result = document
        for operation in parsed {
            try applyOne(operation, to: &result)
        }
        return result
    }

    private static func applyOne(_ operation: [String: JSONValue], to document: inout JSONValue) throws(PatchError) {
        let kind = operation["op"]?.stringValue ?? ""
        func pointer(_ key: String) throws(PatchError) -> JSONPointer {
            guard let text = operation[key]?.stringValue else {
                throw PatchError.unprocessable("\(kind) operation missing \(key) field")
            }
            return try JSONPointer(parsing: text)
        }
        func value() throws(PatchError) -> JSONValue {
            guard let value = operation["value"] else { throw PatchError.unprocessable("\(kind) operation missing value field") }
            return value
        }
        switch kind {
        case "add":
            try add(try value(), at: try pointer("path"), in: &document)
        case "remove":
            _ = try remove(at: try pointer("path"), from: &document)
        case "replace":
            let path = try pointer("path")
            let newValue = try value()
            guard document.value(at: path.tokens) != nil else {
                throw PatchError.unprocessable("replace operation does not apply: doc is missing key: \(path)")
            }
            if path.tokens.isEmpty {
                document = newValue
            } else {
                _ = try remove(at: path, from: &document)
                try add(newValue, at: path, in: &document)
            }
        case "move":
            let from = try pointer("from")
            let path = try pointer("path")
            if from == path { return }
            if from.isProperPrefix(of: path) {
                throw PatchError.unprocessable("move operation does not apply: cannot move \(from) into its own child \(path)")
            }
            let moved = try remove(at: from, from: &document)
            try add(moved, at: path, in: &document)
        case "copy":
            let from = try pointer("from")
            let path = try pointer("path")
            guard let copied = document.value(at: from.tokens) else {
                throw PatchError.unprocessable("copy operation does not apply: doc is missing from path: \(from)")
            }
            try add(copied, at: path, in: &document)
        case "test":
            let path = try pointer("path")
            let expected = operation["value"] ?? .null
            let actual = document.value(at: path.tokens)
            let matches: Bool
            if let actual { matches = actual.semanticallyEquals(expected) } else { matches = expected.isNull }
            if !matches {
                throw PatchError.unprocessable("testing value \(path) failed: test failed")
            }
        default:
            throw PatchError.unprocessable("Unexpected kind: \(kind)")
        }
    }

    private static func add(_ newValue: JSONValue, at path: JSONPointer, in document: inout JSONValue) throws(PatchError) {
        guard let last = path.tokens.last else {
            document = newValue
            return
        }
        let parentPath = Array(path.tokens.dropLast())
        guard var parent = document.value(at: parentPath) else {
            throw PatchError.unprocessable("add operation does not apply: doc is missing path: \"\(path)\": missing value")
        }
        switch parent {
        case .object(var members):
            members[last] = newValue
            parent = .object(members)
        case .array(var elements):
            if last == "-" {
                elements.append(newValue)
            } else if let index = Int(last), index >= 0, index <= elements.count, last == String(index) {
                elements.insert(newValue, at: index)
            } else {
                throw PatchError.unprocessable("add operation does not apply: index out of bounds: \(path)")
            }
            parent = .array(elements)
        default:
            throw PatchError.unprocessable("add operation does not apply: doc is missing path: \"\(path)\": missing value")
        }
        document.setValue(parent, at: parentPath)
    }

    /// Removes and returns the value at `path`.
    private static func remove(at path: JSONPointer, from document: inout JSONValue) throws(PatchError) -> JSONValue {
        guard let last = path.tokens.last else {
            throw PatchError.unprocessable("remove operation does not apply: cannot remove the whole document")
        }
        let parentPath = Array(path.tokens.dropLast())
        guard var parent = document.value(at: parentPath) else {
            throw PatchError.unprocessable("remove operation does not apply: doc is missing path: \"\(path)\"")
        }
        let removed: JSONValue
        switch parent {
        case .object(var members):
            guard let value = members.removeValue(forKey: last) else {
                throw PatchError.unprocessable("remove operation does not apply: doc is missing key: \(path)")
            }
            removed = value
            parent = .object(members)
        case .array(var elements):
            guard let index = Int(last), elements.indices.contains(index), last == String(index) else {
                throw PatchError.unprocessable("remove operation does not apply: index out of bounds: \(path)")
            }
            removed = elements.remove(at: index)
            parent = .array(elements)
        default:
            throw PatchError.unprocessable("remove operation does not apply: doc is missing path: \"\(path)\"")
        }
        document.setValue(parent, at: parentPath)
        return removed
    }
}
