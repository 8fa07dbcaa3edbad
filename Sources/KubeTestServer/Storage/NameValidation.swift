import KubeClient

/// `metadata.name` rules: RFC 1123 subdomains for most kinds, RFC 1123 labels for Namespaces (and Services).
enum NameValidation {
    /// The real server's message for an invalid name, or `nil` when the name is valid.
    static func problem(with name: String, kind: RegisteredKind) -> String? {
        let isLabel = kind.resource.group.isEmpty && ["namespaces", "services"].contains(kind.resource.plural)
        if isLabel {
            guard name.count <= 63, isLabelName(name) else {
                return "Invalid value: \"\(name)\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
            }
            return nil
        }
        if kind.resource.group == "apiextensions.k8s.io" { return nil }
        guard name.count <= 253, name.split(separator: ".", omittingEmptySubsequences: false).allSatisfy({ isLabelName(String($0)) }) else {
            return "Invalid value: \"\(name)\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
        }
        return nil
    }

    private static func isLabelName(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, let last = bytes.last else { return false }
        func isAlphanumeric(_ byte: UInt8) -> Bool { (byte >= 97 && byte <= 122) || (byte >= 48 && byte <= 57) }
        return isAlphanumeric(first) && isAlphanumeric(last) && bytes.allSatisfy { isAlphanumeric($0) || $0 == 45 }
    }
}
