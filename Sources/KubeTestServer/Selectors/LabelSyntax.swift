/// The validation rules for label keys and values (`k8s.io/apimachinery/pkg/util/validation`), with the real
/// messages.
enum LabelSyntax {
    static let qualifiedNameMessage = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"
    static let qualifiedNameFormat = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]"
    static let subdomainMessage = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character"
    static let subdomainFormat = #"[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*"#
    static let labelValueMessage = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"
    static let labelValueFormat = "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?"

    /// `validation.RegexError`: the message, examples and the regular expression.
    static func regexError(_ message: String, _ format: String, _ examples: String...) -> String {
        var text = message + " (e.g. "
        for (index, example) in examples.enumerated() {
            if index > 0 { text += " or " }
            text += "'\(example)', "
        }
        return text + "regex used for validation is '\(format)')"
    }

    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
    }

    static func matchesQualifiedName(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, let last = bytes.last, isAlphanumeric(first), isAlphanumeric(last) else { return false }
        return bytes.allSatisfy { isAlphanumeric($0) || $0 == 45 || $0 == 95 || $0 == 46 }
    }

    static func matchesSubdomain(_ text: String) -> Bool {
        text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            let bytes = Array(label.utf8)
            func lowerAlphanumeric(_ byte: UInt8) -> Bool { (byte >= 48 && byte <= 57) || (byte >= 97 && byte <= 122) }
            guard let first = bytes.first, let last = bytes.last, lowerAlphanumeric(first), lowerAlphanumeric(last) else { return false }
            return bytes.allSatisfy { lowerAlphanumeric($0) || $0 == 45 }
        }
    }

    /// `IsQualifiedName`: the problems with a label key, empty when it is valid.
    static func labelKeyErrors(_ key: String) -> [String] {
        var errors: [String] = []
        let parts = key.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let name: String
        switch parts.count {
        case 1:
            name = parts[0]
        case 2:
            let prefix = parts[0]
            name = parts[1]
            if prefix.isEmpty {
                errors.append("prefix part must be non-empty")
            } else if prefix.utf8.count > 253 {
                errors.append("prefix part must be no more than 253 characters")
            } else if !matchesSubdomain(prefix) {
                errors.append("prefix part " + regexError(subdomainMessage, subdomainFormat, "example.com"))
            }
        default:
            return ["a qualified name " + regexError(qualifiedNameMessage, qualifiedNameFormat, "MyName", "my.name", "123-abc")
                + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"]
        }
        if name.isEmpty {
            errors.append("name part must be non-empty")
        } else if name.utf8.count > 63 {
            errors.append("name part must be no more than 63 characters")
        }
        if !matchesQualifiedName(name) {
            errors.append("name part " + regexError(qualifiedNameMessage, qualifiedNameFormat, "MyName", "my.name", "123-abc"))
        }
        return errors
    }

    /// `IsValidLabelValue`: the problems with a label value, empty when it is valid.
    static func labelValueErrors(_ value: String) -> [String] {
        var errors: [String] = []
        if value.utf8.count > 63 { errors.append("must be no more than 63 characters") }
        if !value.isEmpty, !matchesQualifiedName(value) {
            errors.append(regexError(labelValueMessage, labelValueFormat, "MyValue", "my_value", "12345"))
        }
        return errors
    }
}
