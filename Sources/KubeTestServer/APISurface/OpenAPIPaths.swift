import Foundation
import KubeClient

/// The `paths` of an OpenAPI v3 document for one kind: collection, item, `/status`, `/scale` and `pods/eviction`
/// operations, each tagged with `x-kubernetes-action` and `x-kubernetes-group-version-kind` as the real server does.
enum OpenAPIPaths {
    static func items(for kind: RegisteredKind) -> [(String, JSONValue)] {
        let resource = kind.resource
        let root = resource.group.isEmpty ? "/api/\(resource.version)" : "/apis/\(resource.group)/\(resource.version)"
        let collection = resource.isNamespaced ? "\(root)/namespaces/{namespace}/\(resource.plural)" : "\(root)/\(resource.plural)"
        let item = collection + "/{name}"
        let scope = resource.isNamespaced ? "Namespaced" : ""
        let operationKind = "\(operationGroup(resource))\(scope)\(resource.kind)"
        let gvk = OpenAPIDocuments.gvk(resource)
        let schema = MetaSchemas.ref(OpenAPIDocuments.schemaName(resource))
        let listSchema = MetaSchemas.ref(OpenAPIDocuments.schemaName(resource) + "List")
        let tag = JSONValue.array([.string(operationGroup(resource).prefix(1).lowercased() + operationGroup(resource).dropFirst())])
        let namespaceParameter = pathParameter("namespace", "object name and auth scope, such as for teams and projects")
        let nameParameter = pathParameter("name", "name of the \(resource.kind)")
        let scopeParameters: [JSONValue] = resource.isNamespaced ? [namespaceParameter] : []

        func operation(_ action: String, _ verb: String, description: String, parameters: [JSONValue], body: JSONValue? = nil,
                       response: JSONValue, gvk: JSONValue = gvk, suffix: String = "") -> JSONValue {
            var result: JSONValue = [
                "tags": tag, "description": .string(description), "operationId": .string("\(verb)\(operationKind)\(suffix)"),
                "parameters": .array(parameters),
                "responses": [
                    "200": ["description": "OK", "content": ["application/json": ["schema": response], "application/yaml": ["schema": response]]],
                    "401": ["description": "Unauthorized"],
                ],
                "x-kubernetes-action": .string(action), "x-kubernetes-group-version-kind": gvk,
            ]
            if let body { result["requestBody"] = body }
            return result
        }
        func jsonBody(_ schema: JSONValue) -> JSONValue {
            ["content": ["*/*": ["schema": schema]], "required": true]
        }
        let patchBody: JSONValue = [
            "content": [
                "application/apply-patch+yaml": ["schema": MetaSchemas.ref(MetaSchemas.patch)],
                "application/json-patch+json": ["schema": MetaSchemas.ref(MetaSchemas.patch)],
                "application/merge-patch+json": ["schema": MetaSchemas.ref(MetaSchemas.patch)],
            ],
            "required": true,
        ]
        let writeParameters = [query("dryRun"), query("fieldManager"), query("fieldValidation")]
        let patchParameters = writeParameters + [query("force", type: "boolean")]
        let listParameters = ["allowWatchBookmarks", "continue", "fieldSelector", "labelSelector", "limit", "resourceVersion",
                              "resourceVersionMatch", "sendInitialEvents", "timeoutSeconds", "watch"].map { name -> JSONValue in
            switch name {
            case "allowWatchBookmarks", "sendInitialEvents", "watch": return query(name, type: "boolean")
            case "limit", "timeoutSeconds": return query(name, type: "integer")
            default: return query(name)
            }
        }
        let status = MetaSchemas.ref(MetaSchemas.status)
        let name = resource.kind

        var paths: [(String, JSONValue)] = []
        paths.append((collection, [
            "get": operation("list", "list", description: "list or watch objects of kind \(name)", parameters: listParameters, response: listSchema),
            "post": operation("post", "create", description: "create a \(name)", parameters: writeParameters, body: jsonBody(schema), response: schema),
            "delete": operation("deletecollection", "deleteCollection", description: "delete collection of \(name)",
                                parameters: listParameters, body: jsonBody(MetaSchemas.ref(MetaSchemas.deleteOptions)), response: status),
            "parameters": .array(scopeParameters + [query("pretty")]),
        ]))
        paths.append((item, [
            "get": operation("get", "read", description: "read the specified \(name)", parameters: [], response: schema),
            "put": operation("put", "replace", description: "replace the specified \(name)", parameters: writeParameters, body: jsonBody(schema), response: schema),
            "patch": operation("patch", "patch", description: "partially update the specified \(name)", parameters: patchParameters, body: patchBody, response: schema),
            "delete": operation("delete", "delete", description: "delete a \(name)",
                                parameters: [query("dryRun"), query("gracePeriodSeconds", type: "integer"), query("propagationPolicy")],
                                body: jsonBody(MetaSchemas.ref(MetaSchemas.deleteOptions)), response: status),
            "parameters": .array([nameParameter] + scopeParameters + [query("pretty")]),
        ]))
        if resource.isNamespaced {
            paths.append(("\(root)/\(resource.plural)", [
                "get": operation("list", "list", description: "list or watch objects of kind \(name)", parameters: listParameters,
                                 response: listSchema, suffix: "ForAllNamespaces"),
                "parameters": [query("pretty")],
            ]))
        }
        if kind.hasStatusSubresource {
            paths.append((item + "/status", [
                "get": operation("get", "read", description: "read status of the specified \(name)", parameters: [], response: schema, suffix: "Status"),
                "put": operation("put", "replace", description: "replace status of the specified \(name)", parameters: writeParameters,
                                 body: jsonBody(schema), response: schema, suffix: "Status"),
                "patch": operation("patch", "patch", description: "partially update status of the specified \(name)", parameters: patchParameters,
                                   body: patchBody, response: schema, suffix: "Status"),
                "parameters": .array([nameParameter] + scopeParameters + [query("pretty")]),
            ]))
        }
        if kind.scale != nil {
            let scaleGVK: JSONValue = ["group": "autoscaling", "version": "v1", "kind": "Scale"]
            let scale = MetaSchemas.ref(MetaSchemas.scale)
            paths.append((item + "/scale", [
                "get": operation("get", "read", description: "read scale of the specified \(name)", parameters: [], response: scale, gvk: scaleGVK, suffix: "Scale"),
                "put": operation("put", "replace", description: "replace scale of the specified \(name)", parameters: writeParameters,
                                 body: jsonBody(scale), response: scale, gvk: scaleGVK, suffix: "Scale"),
                "patch": operation("patch", "patch", description: "partially update scale of the specified \(name)", parameters: patchParameters,
                                   body: patchBody, response: scale, gvk: scaleGVK, suffix: "Scale"),
                "parameters": .array([nameParameter] + scopeParameters + [query("pretty")]),
            ]))
        }
        if resource.group.isEmpty, resource.plural == "pods" {
            let eviction = MetaSchemas.ref(MetaSchemas.eviction)
            paths.append((item + "/eviction", [
                "post": operation("post", "create", description: "create eviction of a Pod", parameters: writeParameters, body: jsonBody(eviction),
                                  response: eviction, gvk: ["group": "policy", "version": "v1", "kind": "Eviction"], suffix: "Eviction"),
                "parameters": .array([pathParameter("name", "name of the Eviction")] + scopeParameters + [query("pretty")]),
            ]))
        }
        return paths
    }

    /// `CoreV1`, `AppsV1`, `RebalanceBrokersDevV1alpha1`: the group-version part of operation ids.
    static func operationGroup(_ resource: ResourceDescription) -> String {
        let group = resource.group.isEmpty ? "core" : resource.group.replacingOccurrences(of: ".k8s.io", with: "")
        let words = group.split(whereSeparator: { $0 == "." || $0 == "-" }).map { $0.prefix(1).uppercased() + $0.dropFirst() }
        return words.joined() + resource.version.prefix(1).uppercased() + resource.version.dropFirst()
    }

    static func pathParameter(_ name: String, _ description: String) -> JSONValue {
        ["name": .string(name), "in": "path", "description": .string(description), "required": true,
         "schema": ["type": "string", "uniqueItems": true]]
    }

    static func query(_ name: String, type: String = "string") -> JSONValue {
        ["name": .string(name), "in": "query", "description": .string(queryDescriptions[name] ?? name), "schema": ["type": .string(type), "uniqueItems": true]]
    }

    static let queryDescriptions: [String: String] = [
        "fieldValidation": "fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) containing unknown or duplicate fields. Valid values are: - Ignore: This will ignore any unknown fields that are silently dropped from the object, and will ignore all but the last duplicate field that the decoder encounters. - Warn: This will send a warning via the standard warning response header for each unknown field that is dropped from the object, and for each duplicate field that is encountered. - Strict: This will fail the request with a BadRequest error if any unknown fields would be dropped from the object, or if any duplicate fields are present. The error returned from the server will contain all unknown and duplicate fields encountered.",
        "fieldManager": "fieldManager is a name associated with the actor or entity that is making these changes.",
        "dryRun": "When present, indicates that modifications should not be persisted. Valid values are: - All: all dry run stages will be processed",
        "force": "Force is going to \"force\" Apply requests. It means user will re-acquire conflicting fields owned by other people. Force flag must be unset for non-apply patch requests.",
        "pretty": "If 'true', then the output is pretty printed.",
        "labelSelector": "A selector to restrict the list of returned objects by their labels. Defaults to everything.",
        "fieldSelector": "A selector to restrict the list of returned objects by their fields. Defaults to everything.",
        "watch": "Watch for changes to the described resources and return them as a stream of add, update, and remove notifications.",
    ]
}
