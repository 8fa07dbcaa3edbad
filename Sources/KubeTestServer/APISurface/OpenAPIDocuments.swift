import Crypto
import KubeClient

/// The OpenAPI v3 documents (`/openapi/v3` and `/openapi/v3/<api|apis/group>/<version>`) built from the registered
/// kinds, with what kubectl reads from them:
///
/// - `kubectl apply` (default `--validate=strict`) looks for a PATCH operation tagged with the kind's
///   `x-kubernetes-group-version-kind` whose parameters include `fieldValidation`; every PATCH here declares it,
///   inline. PATCH request bodies list JSON patch, merge patch and apply patch but not strategic merge patch, so
///   kubectl computes strategic patches for built-in kinds from its compiled-in types rather than from these
///   (abbreviated) schemas, and uses merge patches for custom resources, as against a real server.
/// - `kubectl explain` finds the collection path of the resource, takes the GVK from its operations and walks the
///   `components.schemas` entry carrying that GVK in `x-kubernetes-group-version-kind`. Schemas are named like the
///   real server's (`io.k8s.api.core.v1.Pod`, `dev.brokers.rebalance.v1alpha1.NodeEvacuation`), the root
///   `metadata` refers to `ObjectMeta`, and lists (`NodeEvacuationList`) refer to `ListMeta`.
///
/// The index links each document with `?hash=` of its content, so that clients caching by URL refetch when a CRD
/// changes a document.
public enum OpenAPIDocuments {
    /// `/openapi/v3`: one entry per served group-version.
    public static func index(kinds: [RegisteredKind]) -> JSONValue {
        var paths: [String: JSONValue] = [:]
        for groupVersion in groupVersions(kinds) {
            let key = documentPath(groupVersion)
            guard let document = document(groupVersion: groupVersion, kinds: kinds) else { continue }
            paths[key] = ["serverRelativeURL": .string("/openapi/v3/\(key)?hash=\(hash(of: document))")]
        }
        return ["paths": .object(paths)]
    }

    /// The document of one group-version: `v1` or `api/v1` for the core group, `apps/v1` or `apis/apps/v1` for
    /// others; `nil` when nothing is served there.
    public static func document(groupVersion: String, kinds: [RegisteredKind]) -> JSONValue? {
        let normalized = normalize(groupVersion)
        let served = kinds.filter { $0.resource.apiVersion == normalized }
        guard !served.isEmpty else { return nil }
        var schemas = MetaSchemas.all
        var paths: [String: JSONValue] = [:]
        for kind in served {
            schemas[schemaName(kind.resource)] = kindSchema(kind)
            schemas[schemaName(kind.resource) + "List"] = listSchema(kind)
            for (path, item) in OpenAPIPaths.items(for: kind) { paths[path] = item }
        }
        return [
            "openapi": "3.0.0",
            "info": ["title": "Kubernetes", "version": "v1.32.0"],
            "paths": .object(paths),
            "components": ["schemas": .object(schemas)],
        ]
    }

    /// The `hash` the index links a document with: SHA-512 of its canonical JSON, upper-case hex, as the real server.
    public static func hash(of document: JSONValue) -> String {
        let digest = SHA512.hash(data: Array(JSONText.compact(document).utf8))
        return digest.map { byte in
            let hex = String(byte, radix: 16, uppercase: true)
            return hex.count == 1 ? "0" + hex : hex
        }.joined()
    }

    /// `/openapi/v2` for clients that still load it (kubectl's client-side validator and apply patcher do, and fail
    /// when it is missing): a valid protobuf `openapi_v2.Document` holding only `swagger: "2.0"`, so no kind is
    /// found there and kubectl falls back to server-side validation and its compiled-in types. Serve it with
    /// content type `application/com.github.proto-openapi.spec.v2@v1.0+protobuf`.
    public static let v2ProtobufDocument: [UInt8] = [0x0A, 0x03] + Array("2.0".utf8)

    /// The component name of a kind's schema: `io.k8s.api.<group>.<version>.<Kind>` for built-in groups, the
    /// reversed group for others (`dev.brokers.rebalance.v1alpha1.NodeEvacuation`).
    public static func schemaName(_ resource: ResourceDescription) -> String {
        let prefix: String
        switch resource.group {
        case "": prefix = "io.k8s.api.core"
        case "apiextensions.k8s.io": prefix = "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions"
        case let group where group.hasSuffix(".k8s.io") || !group.contains("."):
            prefix = "io.k8s.api." + (group.split(separator: ".").first.map(String.init) ?? group)
        case let group:
            prefix = group.split(separator: ".").reversed().joined(separator: ".")
        }
        return "\(prefix).\(resource.version).\(resource.kind)"
    }

    /// `api/v1` or `apis/<group>/<version>`: the key of a group-version in the index.
    public static func documentPath(_ groupVersion: String) -> String {
        let normalized = normalize(groupVersion)
        return normalized.contains("/") ? "apis/\(normalized)" : "api/\(normalized)"
    }

    static func normalize(_ groupVersion: String) -> String {
        var text = groupVersion
        while text.hasPrefix("/") { text.removeFirst() }
        if text.hasPrefix("apis/") { return String(text.dropFirst(5)) }
        if text.hasPrefix("api/") { return String(text.dropFirst(4)) }
        return text
    }

    static func groupVersions(_ kinds: [RegisteredKind]) -> [String] {
        var seen: [String] = []
        for kind in kinds where !seen.contains(kind.resource.apiVersion) { seen.append(kind.resource.apiVersion) }
        return seen
    }

    static func gvk(_ resource: ResourceDescription, kind: String? = nil) -> JSONValue {
        ["group": .string(resource.group), "version": .string(resource.version), "kind": .string(kind ?? resource.kind)]
    }

    /// The kind's schema as published: `metadata` refers to ObjectMeta, `apiVersion`/`kind` are described, and
    /// the GVK extension is set.
    static func kindSchema(_ kind: RegisteredKind) -> JSONValue {
        var schema = kind.schema ?? ["type": "object", "x-kubernetes-preserve-unknown-fields": true]
        if schema["type"] == nil { schema["type"] = "object" }
        var properties = schema["properties"]?.objectValue ?? [:]
        properties["metadata"] = MetaSchemas.refProperty(MetaSchemas.objectMeta, description: MetaSchemas.objectMetaDescription, default: [:])
        if properties["apiVersion"]?["description"] == nil {
            properties["apiVersion"] = ["type": "string", "description": .string(MetaSchemas.apiVersionDescription)]
        }
        if properties["kind"]?["description"] == nil {
            properties["kind"] = ["type": "string", "description": .string(MetaSchemas.kindDescription)]
        }
        schema["properties"] = .object(properties)
        schema["x-kubernetes-group-version-kind"] = [gvk(kind.resource)]
        return schema
    }

    static func listSchema(_ kind: RegisteredKind) -> JSONValue {
        [
            "description": .string("\(kind.resource.kind)List is a list of \(kind.resource.kind)"),
            "type": "object",
            "required": ["items"],
            "properties": [
                "apiVersion": ["type": "string", "description": .string(MetaSchemas.apiVersionDescription)],
                "items": [
                    "type": "array",
                    "description": .string("List of \(kind.resource.plural.lowercased())."),
                    "items": ["allOf": [MetaSchemas.ref(schemaName(kind.resource))], "default": [:]],
                ],
                "kind": ["type": "string", "description": .string(MetaSchemas.kindDescription)],
                "metadata": MetaSchemas.refProperty(MetaSchemas.listMeta, description: MetaSchemas.listMetaDescription, default: [:]),
            ],
            "x-kubernetes-group-version-kind": [gvk(kind.resource, kind: kind.resource.kind + "List")],
        ]
    }
}
