import KubeClient

/// What a read asks for in its `Accept` header: the object itself, a `meta.k8s.io` Table, or only metadata
/// (`PartialObjectMetadata` / `PartialObjectMetadataList`, what metadata-only informers such as controller-runtime's
/// request).
///
/// ## Guarantees
/// - The header is a comma-separated list of alternatives, tried in order, as client-go sends them
///   (`application/vnd.kubernetes.protobuf;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json;as=...,application/json`).
///   Parameter names are case-insensitive and their order does not matter.
/// - An alternative with `as=Table` or `as=PartialObjectMetadata[List]` (group `meta.k8s.io`, version `v1` or
///   `v1beta1`) is served in JSON whatever its media type; one without `as=` means the object itself.
/// - Gets serve `PartialObjectMetadata`, lists `PartialObjectMetadataList`, watches either (each event carries a
///   `PartialObjectMetadata`), as the real server's negotiation does.
/// - When every alternative asks for a transformation this server cannot give (another `as=`, a wrong group or
///   version, the list form for a get), the answer is 406 NotAcceptable, as on a real cluster.
enum ResponseShape: Sendable, Equatable {
    case object
    case table
    case partialMetadata
    case partialMetadataList

    /// What the request is answered with; `isList` for lists, `isWatch` for watches.
    static func negotiate(accept: String, isList: Bool, isWatch: Bool = false) throws(APIError) -> ResponseShape {
        let alternatives = accept.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !alternatives.isEmpty else { return .object }
        for alternative in alternatives {
            var parameters: [String: String] = [:]
            for part in alternative.split(separator: ";").dropFirst() {
                let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                if pair.count == 2 { parameters[pair[0].lowercased()] = pair[1] }
            }
            guard let transform = parameters["as"] else { return .object }
            guard parameters["g"] == "meta.k8s.io", ["v1", "v1beta1"].contains(parameters["v"] ?? "") else { continue }
            switch transform {
            case "Table": return .table
            case "PartialObjectMetadata" where !isList || isWatch: return .partialMetadata
            case "PartialObjectMetadataList" where isList: return isWatch ? .partialMetadata : .partialMetadataList
            default: continue
            }
        }
        throw APIError(code: 406, reason: "NotAcceptable",
                       message: "only the following media types are accepted: application/json, application/json;as=Table;g=meta.k8s.io;v=v1, application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1, application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1")
    }

    /// `object` reduced to its metadata.
    static func partialMetadata(_ object: JSONValue) -> JSONValue {
        ["kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1", "metadata": object["metadata"] ?? [:]]
    }

    /// A list of `items` reduced to their metadata, with the list's `metadata`.
    static func partialMetadataList(_ items: [JSONValue], listMetadata: JSONValue) -> JSONValue {
        ["kind": "PartialObjectMetadataList", "apiVersion": "meta.k8s.io/v1", "metadata": listMetadata, "items": .array(items.map(partialMetadata))]
    }
}
