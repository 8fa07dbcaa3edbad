import Foundation
import KubeClient

/// The server's single door to the pure surface pieces (patches, selectors, schemas, discovery, OpenAPI, tables,
/// built-in kinds), translating their errors into ``APIError``.
enum Surface {
    // MARK: Kinds

    static func builtinKinds() -> [RegisteredKind] { BuiltinKinds.all }

    static func kinds(fromCustomResourceDefinition crd: JSONValue) throws(APIError) -> [RegisteredKind] {
        do {
            return try RegisteredKind.fromCustomResourceDefinition(crd)
        } catch {
            throw .prebuilt(error.status)
        }
    }

    // MARK: Patches

    static func mergePatch(_ patch: JSONValue, to target: JSONValue) -> JSONValue {
        target.applyingMergePatch(patch)
    }

    static func jsonPatch(_ operations: JSONValue, to target: JSONValue) throws(APIError) -> JSONValue {
        do {
            return try JSONPatch.apply(operations, to: target)
        } catch {
            throw .prebuilt(error.status)
        }
    }

    static func strategicMergePatch(_ patch: JSONValue, to target: JSONValue, kind: RegisteredKind) throws(APIError) -> JSONValue {
        do {
            return try StrategicMergePatch.apply(patch, to: target, kind: kind.resource)
        } catch {
            throw .prebuilt(error.status)
        }
    }

    // MARK: Selectors

    static func labelFilter(_ text: String) throws(APIError) -> @Sendable (JSONValue) -> Bool {
        do {
            let query = try LabelSelectorQuery(parsing: text)
            return { object in query.matches(object.labels) }
        } catch {
            throw .badRequest(error.message)
        }
    }

    static func fieldFilter(_ text: String, kind: RegisteredKind) throws(APIError) -> @Sendable (JSONValue) -> Bool {
        do {
            let query = try FieldSelectorQuery(parsing: text, kind: kind.resource)
            return { object in query.matches(object) }
        } catch {
            throw .badRequest(error.message)
        }
    }

    // MARK: Schemas

    /// Prunes, defaults and validates a custom object with its kind's structural schema; `unknownFields` are the
    /// pruned paths, `violations` the validation failures (422).
    static func admit(_ object: JSONValue, kind: RegisteredKind) -> (object: JSONValue, unknownFields: [String], violations: [FieldViolation]) {
        guard let schema = kind.schema else { return (object, [], []) }
        let structural = StructuralSchema(schema)
        let pruned = structural.pruning(object)
        let defaulted = structural.applyingDefaults(to: pruned.object)
        return (defaulted, pruned.unknownFields, structural.validate(defaulted))
    }

    static func invalid(_ kind: RegisteredKind, name: String, violations: [FieldViolation]) -> APIError {
        .prebuilt(FieldViolation.invalidStatus(kind: kind.resource, name: name, violations: violations))
    }

    // MARK: Discovery

    static func version() -> JSONValue { Discovery.version() }

    static func apiVersions(serverAddress: String) -> JSONValue { Discovery.apiVersions(serverAddress: serverAddress) }

    static func apiGroupList(kinds: [RegisteredKind]) -> JSONValue { Discovery.apiGroupList(kinds: kinds) }

    static func apiGroup(_ name: String, kinds: [RegisteredKind]) -> JSONValue? { Discovery.apiGroup(name, kinds: kinds) }

    static func apiResourceList(groupVersion: String, kinds: [RegisteredKind]) -> JSONValue? {
        Discovery.apiResourceList(groupVersion: groupVersion, kinds: kinds)
    }

    // MARK: OpenAPI

    static func openAPIIndex(kinds: [RegisteredKind]) -> JSONValue { OpenAPIDocuments.index(kinds: kinds) }

    /// `path` is what follows `/openapi/v3/`: `api/v1` or `apis/<group>/<version>`.
    static func openAPIDocument(path: String, kinds: [RegisteredKind]) -> JSONValue? {
        OpenAPIDocuments.document(groupVersion: path, kinds: kinds)
    }

    // MARK: Tables

    static func table(kind: RegisteredKind, objects: [JSONValue], listMetadata: JSONValue, includeObject: String?) -> JSONValue {
        TableRenderer.table(kind: kind, objects: objects, listMetadata: listMetadata, includeObject: .init(queryValue: includeObject))
    }
}
