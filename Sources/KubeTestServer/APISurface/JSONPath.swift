import KubeClient

/// A Kubernetes JSONPath expression (`k8s.io/client-go/util/jsonpath`), the subset printer columns, `kubectl get
/// -o jsonpath` and scale subresource paths use: `.status.phase`, `.spec['x']`, `.items[0]`, `[-1]`, `[1:3]`, `[*]`,
/// `..name` (recursive), and filters `[?(@.type=="Ready")]` with `==`, `!=`, `<`, `<=`, `>`, `>=` or a bare
/// existence test. An optional `{...}` wrapper and leading `$` are accepted.
///
/// Evaluation yields every match in document order; a path that does not exist yields nothing (never an error).
public struct JSONPath: Sendable, Hashable, CustomStringConvertible {
    indirect enum Step: Sendable, Hashable {
        case field(String)
        case wildcard
        case index(Int)
        case slice(Int?, Int?)
        case recursive(String?)
        case filter(path: [Step], comparison: String?, literal: JSONValue?)
    }

    public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    let steps: [Step]
    public let description: String

    public init(parsing text: String) throws(ParseError) {
        description = text
        var body = Substring(text.trimmingSpaces())
        if body.hasPrefix("{"), body.hasSuffix("}") { body = body.dropFirst().dropLast() }
        var scanner = Scanner(characters: Array(body))
        steps = try scanner.parsePath(stopAt: [])
    }

    /// Every value the expression selects in `document`.
    public func evaluate(_ document: JSONValue) -> [JSONValue] {
        Self.evaluate(steps, on: [document])
    }

    /// The first selected value, or `nil`.
    public func first(in document: JSONValue) -> JSONValue? {
        evaluate(document).first
    }

    static func evaluate(_ steps: [Step], on values: [JSONValue]) -> [JSONValue] {
        var current = values
        for step in steps {
            current = current.flatMap { apply(step, to: $0) }
        }
        return current
    }

    static func apply(_ step: Step, to value: JSONValue) -> [JSONValue] {
        switch step {
        case .field(let name):
            return value[name].map { [$0] } ?? []
        case .wildcard:
            switch value {
            case .array(let elements): return elements
            case .object(let members): return members.keys.sorted().compactMap { members[$0] }
            default: return []
            }
        case .index(let index):
            guard case .array(let elements) = value else { return [] }
            let resolved = index < 0 ? elements.count + index : index
            return elements.indices.contains(resolved) ? [elements[resolved]] : []
        case .slice(let start, let end):
            guard case .array(let elements) = value else { return [] }
            func clamp(_ bound: Int?, _ fallback: Int) -> Int {
                guard var bound else { return fallback }
                if bound < 0 { bound += elements.count }
                return min(max(bound, 0), elements.count)
            }
            let lower = clamp(start, 0)
            let upper = clamp(end, elements.count)
            return lower < upper ? Array(elements[lower..<upper]) : []
        case .recursive(let name):
            var results: [JSONValue] = []
            collect(value, name: name, into: &results)
            return results
        case .filter(let path, let comparison, let literal):
            let candidates: [JSONValue]
            switch value {
            case .array(let elements): candidates = elements
            case .object: candidates = [value]
            default: candidates = []
            }
            return candidates.filter { candidate in
                let found = evaluate(path, on: [candidate])
                guard let comparison, let literal else { return !found.isEmpty }
                return found.contains { compare($0, comparison, literal) }
            }
        }
    }

    static func collect(_ value: JSONValue, name: String?, into results: inout [JSONValue]) {
        switch value {
        case .object(let members):
            if let name {
                if let match = members[name] { results.append(match) }
            } else {
                results.append(value)
            }
            for key in members.keys.sorted() {
                if let member = members[key] { collect(member, name: name, into: &results) }
            }
        case .array(let elements):
            if name == nil { results.append(value) }
            for element in elements { collect(element, name: name, into: &results) }
        default:
            if name == nil { results.append(value) }
        }
    }

    static func compare(_ lhs: JSONValue, _ comparison: String, _ rhs: JSONValue) -> Bool {
        if let left = lhs.doubleValue, let right = rhs.doubleValue {
            switch comparison {
            case "==": return left == right
            case "!=": return left != right
            case "<": return left < right
            case "<=": return left <= right
            case ">": return left > right
            case ">=": return left >= right
            default: return false
            }
        }
        switch comparison {
        case "==": return lhs.semanticallyEquals(rhs)
        case "!=": return !lhs.semanticallyEquals(rhs)
        default:
            guard let left = lhs.stringValue, let right = rhs.stringValue else { return false }
            switch comparison {
            case "<": return left < right
            case "<=": return left <= right
            case ">": return left > right
            case ">=": return left >= right
            default: return false
            }
        }
    }

    /// A value as JSONPath's text output prints it (Go's `fmt.Print`): strings bare, numbers and booleans in their
    /// usual form, objects and arrays as JSON.
    public static func text(of value: JSONValue) -> String {
        switch value {
        case .string(let text): return text
        case .null: return "<nil>"
        case .bool(let flag): return flag ? "true" : "false"
        case .int(let number): return String(number)
        case .double(let number): return JSONText.goNumber(number)
        case .array, .object: return JSONText.compact(value)
        }
    }

    struct Scanner {
        let characters: [Character]
        var position = 0

        var isAtEnd: Bool { position >= characters.count }
        var current: Character? { isAtEnd ? nil : characters[position] }

        func peek(_ text: String) -> Bool {
            let wanted = Array(text)
            guard position + wanted.count <= characters.count else { return false }
            return Array(characters[position..<position + wanted.count]) == wanted
        }

        func error(_ message: String) -> ParseError {
            ParseError(message: "\(message) at position \(position) of \(String(characters))")
        }

        mutating func parsePath(stopAt stops: Set<Character>) throws(ParseError) -> [Step] {
            var steps: [Step] = []
            if current == "$" || current == "@" { position += 1 }
            while let character = current, !stops.contains(character) {
                if peek("..") {
                    position += 2
                    if current == "*" {
                        position += 1
                        steps.append(.recursive(nil))
                    } else {
                        steps.append(.recursive(readName()))
                    }
                } else if character == "." {
                    position += 1
                    if current == "*" {
                        position += 1
                        steps.append(.wildcard)
                    } else {
                        let name = readName()
                        if name.isEmpty {
                            if isAtEnd { break }
                            throw error("expected a field name")
                        }
                        steps.append(.field(name))
                    }
                } else if character == "[" {
                    position += 1
                    steps.append(try parseBracket())
                } else if character == " " {
                    position += 1
                } else {
                    throw error("unexpected character \"\(character)\"")
                }
            }
            return steps
        }

        mutating func readName() -> String {
            var name = ""
            while let character = current {
                if character == "\\", position + 1 < characters.count {
                    name.append(characters[position + 1])
                    position += 2
                    continue
                }
                if character == "." || character == "[" || character == " " || character == ")" || character == "}"
                    || character == "=" || character == "!" || character == "<" || character == ">"
                {
                    break
                }
                name.append(character)
                position += 1
            }
            return name
        }

        mutating func parseBracket() throws(ParseError) -> Step {
            if current == "?" {
                position += 1
                guard current == "(" else { throw error("expected ( after ?") }
                position += 1
                let path = try parsePath(stopAt: ["=", "!", "<", ">", ")"])
                var comparison: String?
                var literal: JSONValue?
                skipSpaces()
                for op in ["==", "!=", "<=", ">=", "<", ">"] where peek(op) {
                    comparison = op
                    position += op.count
                    break
                }
                if comparison != nil {
                    skipSpaces()
                    literal = try parseLiteral()
                    skipSpaces()
                }
                guard current == ")" else { throw error("expected ) to close the filter") }
                position += 1
                guard current == "]" else { throw error("expected ] to close the filter") }
                position += 1
                return .filter(path: path, comparison: comparison, literal: literal)
            }
            if current == "'" || current == "\"" {
                guard case .string(let name) = try parseLiteral() else { throw error("expected a quoted name") }
                guard current == "]" else { throw error("expected ]") }
                position += 1
                return .field(name)
            }
            var content = ""
            while let character = current, character != "]" {
                content.append(character)
                position += 1
            }
            guard current == "]" else { throw error("unterminated [") }
            position += 1
            let trimmed = content.trimmingSpaces()
            if trimmed == "*" { return .wildcard }
            if trimmed.contains(":") {
                let parts = trimmed.split(separator: ":", omittingEmptySubsequences: false).map { $0.trimmingSpaces() }
                return .slice(parts.first.flatMap { Int($0) }, parts.count > 1 ? Int(parts[1]) : nil)
            }
            guard let index = Int(trimmed) else { throw error("invalid array index \(trimmed)") }
            return .index(index)
        }

        mutating func skipSpaces() {
            while current == " " { position += 1 }
        }

        mutating func parseLiteral() throws(ParseError) -> JSONValue {
            guard let character = current else { throw error("expected a value") }
            if character == "'" || character == "\"" {
                position += 1
                var text = ""
                while let next = current, next != character {
                    if next == "\\", position + 1 < characters.count {
                        text.append(characters[position + 1])
                        position += 2
                        continue
                    }
                    text.append(next)
                    position += 1
                }
                guard current == character else { throw error("unterminated string") }
                position += 1
                return .string(text)
            }
            var word = ""
            while let next = current, next != ")", next != " " {
                word.append(next)
                position += 1
            }
            if word == "true" { return true }
            if word == "false" { return false }
            if word == "nil" || word == "null" { return .null }
            if let number = Int64(word) { return .int(number) }
            if let number = Double(word) { return .double(number) }
            throw error("unrecognized value \(word)")
        }
    }
}
