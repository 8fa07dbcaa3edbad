import KubeClient

extension RegisteredKind {
    /// The kinds an `apiextensions.k8s.io/v1` CustomResourceDefinition serves: one per served version, with its
    /// names, scope, `status` and `scale` subresources, printer columns and `openAPIV3Schema`.
    ///
    /// Checks what the real server's CRD validation checks that matters here (names, scope, group, versions with
    /// exactly one storage version, a structural schema with types, printer column types and JSONPaths,
    /// `metadata.name` = `<plural>.<group>`) and throws every violation found at once.
    public static func fromCustomResourceDefinition(_ crd: JSONValue) throws(CustomResourceDefinitionError) -> [RegisteredKind] {
        let name = crd[path: ["metadata", "name"]]?.stringValue ?? ""
        var violations: [FieldViolation] = []
        let spec = crd["spec"] ?? [:]
        let group = spec["group"]?.stringValue ?? ""
        let names = spec["names"] ?? [:]
        let plural = names["plural"]?.stringValue ?? ""
        let kind = names["kind"]?.stringValue ?? ""
        let singular = names["singular"]?.stringValue ?? kind.lowercased()
        let scope = spec["scope"]?.stringValue ?? ""

        if group.isEmpty {
            violations.append(.required("spec.group"))
        } else if !group.contains(".") {
            violations.append(.invalid("spec.group", value: .string(group), detail: "should be a domain with at least one dot"))
        } else if !LabelSyntax.matchesSubdomain(group) {
            violations.append(.invalid("spec.group", value: .string(group), detail: LabelSyntax.regexError(LabelSyntax.subdomainMessage, LabelSyntax.subdomainFormat, "example.com")))
        }
        if plural.isEmpty { violations.append(.required("spec.names.plural")) }
        if kind.isEmpty { violations.append(.required("spec.names.kind")) }
        if !plural.isEmpty, plural != plural.lowercased() {
            violations.append(.invalid("spec.names.plural", value: .string(plural), detail: "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character"))
        }
        if !plural.isEmpty, !group.isEmpty, name != "\(plural).\(group)" {
            violations.append(.invalid("metadata.name", value: .string(name), detail: "must be spec.names.plural+\".\"+spec.group"))
        }
        if scope != "Cluster", scope != "Namespaced" {
            violations.append(scope.isEmpty ? .required("spec.scope") : .notSupported("spec.scope", value: .string(scope), supported: ["Cluster", "Namespaced"]))
        }
        let versions = spec["versions"]?.arrayValue ?? []
        if versions.isEmpty { violations.append(.invalid("spec.versions", value: .array([]), detail: "must have exactly one version marked as storage version")) }
        let storageCount = versions.filter { $0["storage"]?.boolValue == true }.count
        if !versions.isEmpty, storageCount != 1 {
            violations.append(.invalid("spec.versions", value: .array(versions.map { $0["name"] ?? .null }), detail: "must have exactly one version marked as storage version"))
        }

        var kinds: [RegisteredKind] = []
        for (index, version) in versions.enumerated() {
            let path = "spec.versions[\(index)]"
            let versionName = version["name"]?.stringValue ?? ""
            if versionName.isEmpty { violations.append(.required("\(path).name")) }
            let schema = version[path: ["schema", "openAPIV3Schema"]]
            if let schema {
                violations.append(contentsOf: structuralViolations(schema, path: "\(path).schema.openAPIV3Schema", isRoot: true))
            } else {
                violations.append(.required("\(path).schema.openAPIV3Schema", detail: "schemas are required"))
            }
            var columns: [PrinterColumn] = []
            for (columnIndex, column) in (version["additionalPrinterColumns"]?.arrayValue ?? []).enumerated() {
                let columnPath = "\(path).additionalPrinterColumns[\(columnIndex)]"
                let columnName = column["name"]?.stringValue ?? ""
                let type = column["type"]?.stringValue ?? ""
                let jsonPath = column["jsonPath"]?.stringValue ?? ""
                if columnName.isEmpty { violations.append(.required("\(columnPath).name")) }
                if !["integer", "number", "string", "boolean", "date"].contains(type) {
                    violations.append(.notSupported("\(columnPath).type", value: .string(type), supported: ["integer", "number", "string", "boolean", "date"]))
                }
                if jsonPath.isEmpty {
                    violations.append(.required("\(columnPath).jsonPath"))
                } else if (try? JSONPath(parsing: jsonPath)) == nil {
                    violations.append(.invalid("\(columnPath).jsonPath", value: .string(jsonPath), detail: "must be a simple json path"))
                }
                columns.append(PrinterColumn(
                    name: columnName, type: type, format: column["format"]?.stringValue, jsonPath: jsonPath,
                    description: column["description"]?.stringValue ?? "", priority: Int(column["priority"]?.intValue ?? 0)))
            }
            guard version["served"]?.boolValue == true else { continue }
            var scaleSubresource: ScaleSubresource?
            if let scale = version[path: ["subresources", "scale"]] {
                scaleSubresource = ScaleSubresource(
                    specReplicasPath: scale["specReplicasPath"]?.stringValue ?? ".spec.replicas",
                    statusReplicasPath: scale["statusReplicasPath"]?.stringValue ?? ".status.replicas",
                    labelSelectorPath: scale["labelSelectorPath"]?.stringValue)
            }
            kinds.append(RegisteredKind(
                resource: ResourceDescription(group: group, version: versionName, kind: kind, plural: plural, isNamespaced: scope != "Cluster"),
                singular: singular,
                shortNames: (names["shortNames"]?.arrayValue ?? []).compactMap(\.stringValue),
                categories: (names["categories"]?.arrayValue ?? []).compactMap(\.stringValue),
                hasStatusSubresource: version[path: ["subresources", "status"]] != nil,
                scale: scaleSubresource,
                schema: schema,
                printerColumns: columns,
                isCustom: true))
        }
        guard violations.isEmpty else { throw CustomResourceDefinitionError(name: name, violations: violations) }
        return kinds
    }

    /// The structural-schema rules that matter for serving: every field has a `type` unless it preserves unknown
    /// fields or is int-or-string, arrays have `items`, and `properties` and `additionalProperties` exclude each other.
    static func structuralViolations(_ schema: JSONValue, path: String, isRoot: Bool = false) -> [FieldViolation] {
        var violations: [FieldViolation] = []
        let preserves = schema["x-kubernetes-preserve-unknown-fields"]?.boolValue == true
        let intOrString = schema["x-kubernetes-int-or-string"]?.boolValue == true
        let type = schema["type"]?.stringValue
        if type == nil, !preserves, !intOrString {
            violations.append(.required("\(path).type", detail: "must not be empty for specified object fields"))
        }
        if isRoot, let type, type != "object" {
            violations.append(.invalid("\(path).type", value: .string(type), detail: "must be object at the root"))
        }
        if schema["properties"] != nil, schema["additionalProperties"]?.objectValue != nil {
            violations.append(.forbidden("\(path).additionalProperties", detail: "additionalProperties and properties are mutual exclusive"))
        }
        if type == "array" {
            if let items = schema["items"] {
                violations.append(contentsOf: structuralViolations(items, path: "\(path).items"))
            } else {
                violations.append(.required("\(path).items", detail: "must be specified"))
            }
        }
        for (key, property) in (schema["properties"]?.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) {
            if isRoot, key == "metadata" { continue }
            violations.append(contentsOf: structuralViolations(property, path: "\(path).properties[\(key)]"))
        }
        if let additional = schema["additionalProperties"], additional.objectValue != nil {
            violations.append(contentsOf: structuralViolations(additional, path: "\(path).additionalProperties"))
        }
        return violations
    }
}
