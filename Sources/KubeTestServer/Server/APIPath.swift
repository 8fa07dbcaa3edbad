/// What a request path addresses, parsed without looking at the registered kinds.
enum APIPath: Sendable, Equatable {
    /// `/api/v1/...` or `/apis/{group}/{version}/...`: a collection, an object or a subresource.
    struct ResourcePath: Sendable, Equatable {
        var group: String
        var version: String
        var plural: String
        /// The namespace from `/namespaces/{ns}/...`; `nil` for cluster-scoped paths and lists across namespaces.
        var namespace: String?
        var name: String?
        var subresource: String?
    }

    case version
    case health
    case coreVersions
    case groupList
    case group(String)
    case resourceList(group: String, version: String)
    case resource(ResourcePath)
    case openAPIIndex
    case openAPIDocument(String)
    case testServer([String])
    case unknown

    init(_ path: String) {
        let segments = path.split(separator: "/").map(String.init)
        switch segments.first {
        case "version" where segments.count == 1: self = .version
        case "healthz", "livez", "readyz": self = .health
        case "api":
            switch segments.count {
            case 1: self = .coreVersions
            case 2: self = segments[1] == "v1" ? .resourceList(group: "", version: "v1") : .unknown
            default: self = Self.resource(group: "", version: segments[1], rest: Array(segments.dropFirst(2)))
            }
        case "apis":
            switch segments.count {
            case 1: self = .groupList
            case 2: self = .group(segments[1])
            case 3: self = .resourceList(group: segments[1], version: segments[2])
            default: self = Self.resource(group: segments[1], version: segments[2], rest: Array(segments.dropFirst(3)))
            }
        case "openapi" where segments.count >= 2 && segments[1] == "v3":
            self = segments.count == 2 ? .openAPIIndex : .openAPIDocument(segments.dropFirst(2).joined(separator: "/"))
        case "testserver" where segments.count >= 2 && segments[1] == "v1":
            self = .testServer(Array(segments.dropFirst(2)))
        default: self = .unknown
        }
    }

    private static func resource(group: String, version: String, rest: [String]) -> APIPath {
        if group.isEmpty && rest.count == 3 && rest[0] == "namespaces" && ["status", "finalize"].contains(rest[2]) {
            return .resource(ResourcePath(group: group, version: version, plural: "namespaces", namespace: nil, name: rest[1], subresource: rest[2]))
        }
        if rest.count >= 3 && rest[0] == "namespaces" {
            return .resource(ResourcePath(group: group, version: version, plural: rest[2], namespace: rest[1],
                                          name: rest.count > 3 ? rest[3] : nil, subresource: rest.count > 4 ? rest[4] : nil))
                .rejectingExtraSegments(rest.count > 5)
        }
        guard !rest.isEmpty, rest.count <= 3 else { return .unknown }
        return .resource(ResourcePath(group: group, version: version, plural: rest[0], namespace: nil,
                                      name: rest.count > 1 ? rest[1] : nil, subresource: rest.count > 2 ? rest[2] : nil))
    }

    private func rejectingExtraSegments(_ extra: Bool) -> APIPath { extra ? .unknown : self }
}
