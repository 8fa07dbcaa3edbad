import KubeClient

/// A parsed `labelSelector` query parameter (or a `metav1.LabelSelector` object), matched against an object's labels.
///
/// Grammar and errors as `k8s.io/apimachinery/pkg/labels` `Parse`: comma-separated requirements, all of which must
/// hold: `k=v`, `k==v`, `k!=v`, `k in (a,b)`, `k notin (a,b)`, `k` (exists), `!k` (absent), `k gt 1`/`k lt 1`.
/// `!=` and `notin` also match objects without the label. Keys and values are validated as label keys and values,
/// with the real messages (`unable to parse requirement: <nil>: Invalid value: "a@b": name part must consist ...`).
/// The empty selector matches everything.
public struct LabelSelectorQuery: Sendable, Hashable, CustomStringConvertible {
    public enum Operator: String, Sendable, Hashable {
        case equals = "="
        case doubleEquals = "=="
        case notEquals = "!="
        case `in` = "in"
        case notIn = "notin"
        case exists = "exists"
        case doesNotExist = "!"
        case greaterThan = "gt"
        case lessThan = "lt"
    }

    public struct Requirement: Sendable, Hashable, CustomStringConvertible {
        public var key: String
        public var `operator`: Operator
        /// Sorted and unique, as the real parser keeps them.
        public var values: [String]

        public func matches(_ labels: [String: String]) -> Bool {
            let value = labels[key]
            switch self.operator {
            case .equals, .doubleEquals, .in:
                guard let value else { return false }
                return values.contains(value)
            case .notEquals, .notIn:
                guard let value else { return true }
                return !values.contains(value)
            case .exists:
                return value != nil
            case .doesNotExist:
                return value == nil
            case .greaterThan, .lessThan:
                guard let value, let actual = Int64(value), values.count == 1, let bound = Int64(values[0]) else { return false }
                return self.operator == .greaterThan ? actual > bound : actual < bound
            }
        }

        public var description: String {
            switch self.operator {
            case .exists: return key
            case .doesNotExist: return "!" + key
            case .in, .notIn: return "\(key) \(self.operator.rawValue) (\(values.joined(separator: ",")))"
            case .greaterThan: return "\(key)>\(values.first ?? "")"
            case .lessThan: return "\(key)<\(values.first ?? "")"
            default: return key + self.operator.rawValue + (values.first ?? "")
            }
        }
    }

    /// Sorted by key, as the real parser does.
    public var requirements: [Requirement]

    /// Whether the selector matches everything.
    public var isEmpty: Bool { requirements.isEmpty }

    public init(requirements: [Requirement]) {
        self.requirements = requirements.sorted { $0.key < $1.key }
    }

    public init(parsing text: String) throws(SelectorError) {
        var parser = Parser(tokens: Lexer.tokens(of: text))
        self.init(requirements: try parser.parse())
    }

    /// A `metav1.LabelSelector` (`matchLabels`, `matchExpressions` with `In`, `NotIn`, `Exists`, `DoesNotExist`),
    /// as PodDisruptionBudgets and StatefulSets hold. An empty (or `nil`) selector matches everything here; the
    /// eviction API treats a PDB's empty selector as matching nothing, which is the caller's decision.
    public init(labelSelector: JSONValue?) throws(SelectorError) {
        var requirements: [Requirement] = []
        for (key, value) in labelSelector?["matchLabels"]?.objectValue ?? [:] {
            let text = value.stringValue ?? ""
            try Self.validate(key: key, operator: .equals, values: [text])
            requirements.append(Requirement(key: key, operator: .equals, values: [text]))
        }
        for expression in labelSelector?["matchExpressions"]?.arrayValue ?? [] {
            let key = expression["key"]?.stringValue ?? ""
            let values = (expression["values"]?.arrayValue ?? []).compactMap(\.stringValue)
            let op: Operator
            switch expression["operator"]?.stringValue ?? "" {
            case "In": op = .in
            case "NotIn": op = .notIn
            case "Exists": op = .exists
            case "DoesNotExist": op = .doesNotExist
            case let other: throw SelectorError("\"\(other)\" is not a valid label selector operator")
            }
            try Self.validate(key: key, operator: op, values: values)
            requirements.append(Requirement(key: key, operator: op, values: Array(Set(values)).sorted()))
        }
        self.init(requirements: requirements)
    }

    public func matches(_ labels: [String: String]) -> Bool {
        requirements.allSatisfy { $0.matches(labels) }
    }

    /// Matches the `metadata.labels` of an object.
    public func matches(object: JSONValue) -> Bool {
        var labels: [String: String] = [:]
        for (key, value) in object[path: ["metadata", "labels"]]?.objectValue ?? [:] {
            if let text = value.stringValue { labels[key] = text }
        }
        return matches(labels)
    }

    public var description: String { requirements.map(\.description).joined(separator: ",") }

    /// `labels.NewRequirement`'s checks, with its field paths (`values[0][key]`) and aggregated messages.
    static func validate(key: String, operator op: Operator, values: [String]) throws(SelectorError) {
        var errors: [String] = []
        let keyErrors = LabelSyntax.labelKeyErrors(key)
        if !keyErrors.isEmpty {
            errors.append("key: Invalid value: \(JSONText.quoted(key)): \(keyErrors.joined(separator: "; "))")
        }
        let valuesText = "[]string{" + values.map(JSONText.quoted).joined(separator: ", ") + "}"
        switch op {
        case .in, .notIn:
            if values.isEmpty { errors.append("values: Invalid value: \(valuesText): for 'in', 'notin' operators, values set can't be empty") }
        case .equals, .doubleEquals, .notEquals:
            if values.count != 1 { errors.append("values: Invalid value: \(valuesText): exact-match compatibility requires one single value") }
        case .exists, .doesNotExist:
            if !values.isEmpty { errors.append("values: Invalid value: \(valuesText): values set must be empty for exists and does not exist") }
        case .greaterThan, .lessThan:
            if values.count != 1 { errors.append("values: Invalid value: \(valuesText): for 'Gt', 'Lt' operators, exactly one value is required") }
            for (index, value) in values.enumerated() where Int64(value) == nil {
                errors.append("values[\(index)]: Invalid value: \(JSONText.quoted(value)): for 'Gt', 'Lt' operators, the value must be an integer")
            }
        }
        for (index, value) in values.enumerated() {
            let valueErrors = LabelSyntax.labelValueErrors(value)
            if !valueErrors.isEmpty {
                errors.append("values[\(index)][\(key)]: Invalid value: \(JSONText.quoted(value)): \(valueErrors.joined(separator: "; "))")
            }
        }
        switch errors.count {
        case 0: return
        case 1: throw SelectorError(errors[0])
        default: throw SelectorError("[" + errors.joined(separator: ", ") + "]")
        }
    }
}

extension LabelSelectorQuery {
    enum Token: Hashable {
        case endOfString
        case error(String)
        case closedParenthesis, comma, doesNotExist, doubleEquals, equals, greaterThan, lessThan, notEquals, openParenthesis
        case `in`, notIn
        case identifier(String)

        /// The token's text as the parser's messages quote it.
        var literal: String {
            switch self {
            case .endOfString: ""
            case .error(let message): message
            case .closedParenthesis: ")"
            case .comma: ","
            case .doesNotExist: "!"
            case .doubleEquals: "=="
            case .equals: "="
            case .greaterThan: ">"
            case .lessThan: "<"
            case .notEquals: "!="
            case .openParenthesis: "("
            case .in: "in"
            case .notIn: "notin"
            case .identifier(let text): text
            }
        }

        /// In value position `in` and `notin` are ordinary identifiers.
        var asValue: Token {
            switch self {
            case .in, .notIn: .identifier(literal)
            default: self
            }
        }
    }

    enum Lexer {
        static func isWhitespace(_ byte: UInt8) -> Bool { byte == 32 || byte == 9 || byte == 13 || byte == 10 }
        static func isSpecial(_ byte: UInt8) -> Bool { "=!(),><".utf8.contains(byte) }

        static func symbol(_ text: String) -> Token? {
            switch text {
            case ")": .closedParenthesis
            case ",": .comma
            case "!": .doesNotExist
            case "==": .doubleEquals
            case "=": .equals
            case ">": .greaterThan
            case "<": .lessThan
            case "!=": .notEquals
            case "(": .openParenthesis
            case "in": .in
            case "notin": .notIn
            default: nil
            }
        }

        static func tokens(of text: String) -> [Token] {
            let bytes = Array(text.utf8)
            var position = 0
            var tokens: [Token] = []
            while true {
                while position < bytes.count, isWhitespace(bytes[position]) { position += 1 }
                guard position < bytes.count else {
                    tokens.append(.endOfString)
                    return tokens
                }
                if isSpecial(bytes[position]) {
                    var buffer: [UInt8] = []
                    var last: Token?
                    while position < bytes.count, isSpecial(bytes[position]) {
                        buffer.append(bytes[position])
                        if let token = symbol(String(decoding: buffer, as: UTF8.self)) {
                            last = token
                            position += 1
                        } else if last != nil {
                            break
                        } else {
                            position += 1
                        }
                    }
                    tokens.append(last ?? .error("error expected: keyword found '\(String(decoding: buffer, as: UTF8.self))'"))
                } else {
                    var buffer: [UInt8] = []
                    while position < bytes.count, !isSpecial(bytes[position]), !isWhitespace(bytes[position]) {
                        buffer.append(bytes[position])
                        position += 1
                    }
                    let word = String(decoding: buffer, as: UTF8.self)
                    tokens.append(symbol(word) ?? .identifier(word))
                }
            }
        }
    }

    struct Parser {
        var tokens: [Token]
        var position = 0

        func lookahead() -> Token { tokens[min(position, tokens.count - 1)] }

        mutating func consume() -> Token {
            let token = lookahead()
            position += 1
            return token
        }

        mutating func parse() throws(SelectorError) -> [Requirement] {
            var requirements: [Requirement] = []
            while true {
                let token = lookahead().asValue
                switch token {
                case .identifier, .doesNotExist:
                    do {
                        requirements.append(try parseRequirement())
                    } catch {
                        throw SelectorError("unable to parse requirement: \(error.message)")
                    }
                    let next = consume().asValue
                    switch next {
                    case .endOfString:
                        return requirements
                    case .comma:
                        let following = lookahead().asValue
                        switch following {
                        case .identifier, .doesNotExist: continue
                        default: throw SelectorError("found '\(following.literal)', expected: identifier after ','")
                        }
                    default:
                        throw SelectorError("found '\(next.literal)', expected: ',' or 'end of string'")
                    }
                case .endOfString:
                    return requirements
                default:
                    throw SelectorError("found '\(token.literal)', expected: !, identifier, or 'end of string'")
                }
            }
        }

        mutating func parseRequirement() throws(SelectorError) -> Requirement {
            var op: Operator?
            var token = consume().asValue
            if token == .doesNotExist {
                op = .doesNotExist
                token = consume().asValue
            }
            guard case .identifier(let key) = token else {
                throw SelectorError("found '\(token.literal)', expected: identifier")
            }
            let keyErrors = LabelSyntax.labelKeyErrors(key)
            if !keyErrors.isEmpty {
                throw SelectorError("<nil>: Invalid value: \(JSONText.quoted(key)): \(keyErrors.joined(separator: "; "))")
            }
            let next = lookahead().asValue
            if next == .endOfString || next == .comma {
                let unary = op ?? .exists
                try LabelSelectorQuery.validate(key: key, operator: unary, values: [])
                return Requirement(key: key, operator: unary, values: [])
            }
            let binary: Operator
            let operatorToken = consume()
            switch operatorToken {
            case .in: binary = .in
            case .equals: binary = .equals
            case .doubleEquals: binary = .doubleEquals
            case .greaterThan: binary = .greaterThan
            case .lessThan: binary = .lessThan
            case .notIn: binary = .notIn
            case .notEquals: binary = .notEquals
            default: throw SelectorError("found '\(operatorToken.literal)', expected: in, notin, =, ==, !=, gt, lt")
            }
            let values: Set<String>
            switch binary {
            case .in, .notIn: values = try parseValues()
            default: values = try parseExactValue()
            }
            let sorted = values.sorted()
            try LabelSelectorQuery.validate(key: key, operator: binary, values: sorted)
            return Requirement(key: key, operator: binary, values: sorted)
        }

        mutating func parseValues() throws(SelectorError) -> Set<String> {
            let open = consume().asValue
            guard open == .openParenthesis else { throw SelectorError("found '\(open.literal)' expected: '('") }
            let next = lookahead().asValue
            switch next {
            case .identifier, .comma:
                let values = try parseIdentifiers()
                let close = consume().asValue
                guard close == .closedParenthesis else { throw SelectorError("found '\(next.literal)', expected: ')'") }
                return values
            case .closedParenthesis:
                _ = consume()
                return [""]
            default:
                throw SelectorError("found '\(next.literal)', expected: ',', ')' or identifier")
            }
        }

        mutating func parseIdentifiers() throws(SelectorError) -> Set<String> {
            var values: Set<String> = []
            while true {
                let token = consume().asValue
                switch token {
                case .identifier(let value):
                    values.insert(value)
                    let next = lookahead().asValue
                    switch next {
                    case .comma: continue
                    case .closedParenthesis: return values
                    default: throw SelectorError("found '\(next.literal)', expected: ',' or ')'")
                    }
                case .comma:
                    if values.isEmpty { values.insert("") }
                    let next = lookahead().asValue
                    if next == .closedParenthesis {
                        values.insert("")
                        return values
                    }
                    if next == .comma { values.insert("") }
                default:
                    throw SelectorError("found '\(token.literal)', expected: ',', or identifier")
                }
            }
        }

        mutating func parseExactValue() throws(SelectorError) -> Set<String> {
            let next = lookahead().asValue
            if next == .endOfString || next == .comma { return [""] }
            let token = consume().asValue
            if case .identifier(let value) = token { return [value] }
            throw SelectorError("found '\(token.literal)', expected: identifier")
        }
    }
}
