import KubeClient
import Testing

@testable import KubeTestServer

struct StructuralSchemaTests {
    static func nodeEvacuation(spec: JSONValue, status: JSONValue? = nil) -> JSONValue {
        var object: JSONValue = [
            "apiVersion": "rebalance.brokers.dev/v1alpha1", "kind": "NodeEvacuation",
            "metadata": ["name": "evac", "namespace": "default"], "spec": spec,
        ]
        if let status { object["status"] = status }
        return object
    }

    @Test func defaultsNodeEvacuationSpec() throws {
        let schema = StructuralSchema(try ProjectCRDs.schema("nodeevacuations"))
        let defaulted = schema.applyingDefaults(to: Self.nodeEvacuation(spec: ["clusterRef": "emqx", "target": ["pod": "emqx-0"], "connEvictRate": 20]))
        #expect(defaulted["spec"] == [
            "clusterRef": "emqx", "target": ["pod": "emqx-0"], "connEvictRate": 20, "sessEvictRate": 500,
            "waitHealthCheckSeconds": 60, "waitTakeoverSeconds": 60,
        ])
        #expect(defaulted["metadata"] == ["name": "evac", "namespace": "default"])
        #expect(defaulted["status"] == nil, "objects are only defaulted where present")
    }

    @Test func defaultEmptyObjectDefaultsItsChildren() throws {
        let schema = StructuralSchema(try ProjectCRDs.schema("brokerclusters"))
        let object: JSONValue = ["apiVersion": "rebalance.brokers.dev/v1alpha1", "kind": "BrokerCluster", "metadata": ["name": "b"],
                                 "spec": ["api": ["url": "http://emqx:18083"]]]
        let defaulted = schema.applyingDefaults(to: object)
        #expect(defaulted[path: ["spec", "autoRebalance", "enabled"]] == true)
        #expect(defaulted[path: ["spec", "autoRebalance", "cooldownSeconds"]] == 600)
        #expect(defaulted[path: ["spec", "autoRebalance", "relConnThreshold"]] == "1.1")
        #expect(defaulted[path: ["spec", "api", "timeoutSeconds"]] == 10)
        #expect(defaulted[path: ["spec", "api", "insecureSkipTLSVerify"]] == false)
    }

    @Test(arguments: [
        // A null for a defaulted, non-nullable field takes the default; without a default it is dropped.
        (#"{"a":null,"b":null}"#, #"{"a":1}"#),
        (#"{}"#, #"{"a":1}"#),
        (#"{"a":5}"#, #"{"a":5}"#),
        (#"{"o":{}}"#, #"{"a":1,"o":{"x":"d"}}"#),
        (#"{"l":[{},{"x":"y"}]}"#, #"{"a":1,"l":[{"x":"d"},{"x":"y"}]}"#),
        (#"{"m":{"k":{}}}"#, #"{"a":1,"m":{"k":{"x":"d"}}}"#),
    ])
    func defaultingRules(input: String, expected: String) throws {
        let schema = StructuralSchema(try json("""
            {"type":"object","properties":{
              "a":{"type":"integer","default":1},
              "b":{"type":"string"},
              "o":{"type":"object","properties":{"x":{"type":"string","default":"d"}}},
              "l":{"type":"array","items":{"type":"object","properties":{"x":{"type":"string","default":"d"}}}},
              "m":{"type":"object","additionalProperties":{"type":"object","properties":{"x":{"type":"string","default":"d"}}}}}}
            """))
        #expect(schema.applyingDefaults(to: try json(input)) == (try json(expected)))
    }

    @Test func prunesUnknownFields() throws {
        let schema = StructuralSchema(try ProjectCRDs.schema("nodeevacuations"))
        var object = Self.nodeEvacuation(
            spec: ["clusterRef": "emqx", "target": ["pod": "emqx-0", "color": "red"], "bogus": 1],
            status: ["brokerNodes": [["name": "n", "extra": true]], "phase": "Pending"])
        object["extra"] = "x"
        object["metadata"] = ["name": "evac", "labels": ["a": "b"], "annotations": ["c": "d"]]
        let (pruned, unknown) = schema.pruning(object)
        #expect(unknown == ["extra", "spec.bogus", "spec.target.color", "status.brokerNodes[0].extra"])
        #expect(pruned["extra"] == nil)
        #expect(pruned["spec"] == ["clusterRef": "emqx", "target": ["pod": "emqx-0"]])
        #expect(pruned[path: ["status", "brokerNodes"]] == [["name": "n"]])
        #expect(pruned["metadata"] == object["metadata"], "the root metadata is never pruned")
        #expect(pruned["apiVersion"] == "rebalance.brokers.dev/v1alpha1")
    }

    @Test func preservesWhereTheSchemaSaysSo() throws {
        let schema = StructuralSchema(try json("""
            {"type":"object","properties":{
              "free":{"type":"object","x-kubernetes-preserve-unknown-fields":true,"properties":{"known":{"type":"object","properties":{}}}},
              "map":{"type":"object","additionalProperties":{"type":"object","properties":{"a":{"type":"string"}}}},
              "embedded":{"type":"object","x-kubernetes-embedded-resource":true,"properties":{"spec":{"type":"object"}}}}}
            """))
        let input = try json("""
            {"free":{"x":1,"known":{"y":2}},"map":{"k":{"a":"1","b":"2"}},
             "embedded":{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{},"other":1}}
            """)
        let (pruned, unknown) = schema.pruning(input)
        #expect(unknown == ["embedded.other", "free.known.y", "map.k.b"])
        #expect(pruned == (try json("""
            {"free":{"x":1,"known":{}},"map":{"k":{"a":"1"}},"embedded":{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{}}}
            """)))
    }

    /// Violations with the real server's paths and message bodies.
    @Test(arguments: [
        (#"{"clusterRef":"emqx","target":{"pod":"p"},"connEvictRate":0}"#, nil as String?,
         ["spec.connEvictRate: Invalid value: 0: spec.connEvictRate in body should be greater than or equal to 1"]),
        (#"{"clusterRef":"emqx","target":{"pod":"p"},"connEvictRate":100001}"#, nil,
         ["spec.connEvictRate: Invalid value: 100001: spec.connEvictRate in body should be less than or equal to 100000"]),
        (#"{"target":{"pod":"p"}}"#, nil, ["spec.clusterRef: Required value"]),
        (#"{"clusterRef":"","target":{}}"#, nil,
         [#"spec.clusterRef: Invalid value: "": spec.clusterRef in body should be at least 1 chars long"#,
          "spec.target: Invalid value: 0: spec.target in body should have at least 1 properties"]),
        (#"{"clusterRef":"emqx","target":{"pod":"p","node":"n"}}"#, nil, ["spec.target: Too many: 2: must have at most 1 items"]),
        (#"{"clusterRef":"emqx","target":{"pod":"p"},"connEvictRate":"fast"}"#, nil,
         [#"spec.connEvictRate: Invalid value: "string": spec.connEvictRate in body must be of type integer: "string""#]),
        (#"{"clusterRef":"emqx","target":{"pod":"p"},"connEvictRate":1.5}"#, nil,
         [#"spec.connEvictRate: Invalid value: "double": spec.connEvictRate in body must be of type int32: "double""#]),
        (#"{"clusterRef":"emqx","target":{"pod":"p"},"connEvictRate":true}"#, nil,
         [#"spec.connEvictRate: Invalid value: "": spec.connEvictRate in body must be of type int32: """#]),
        (#"{"clusterRef":"emqx","target":{"pod":"p"},"connEvictRate":2.0}"#, nil, []),
        (#"{"clusterRef":"emqx","target":{"pod":"p"},"migrateTo":["a@b","a@b","c"]}"#, nil,
         [#"spec.migrateTo[1]: Duplicate value: "a@b""#,
          #"spec.migrateTo[2]: Invalid value: "c": spec.migrateTo[2] in body should match '^[^@\s]+@[^@\s]+$'"#]),
        (#"{"clusterRef":"emqx","target":{"pod":"p"},"migrateTo":[]}"#, nil,
         ["spec.migrateTo: Invalid value: 0: spec.migrateTo in body should have at least 1 items"]),
        (#"{"clusterRef":"emqx","target":{"pod":"p"}}"#, #"{"phase":"Bogus"}"#,
         [#"status.phase: Unsupported value: "Bogus": supported values: "Pending", "WaitingHealthCheck", "EvictingConnections", "WaitingTakeover", "EvictingSessions", "Evacuated", "Failed", "Stopping""#]),
        (#"{"clusterRef":"emqx","target":{"pod":"p"}}"#,
         #"{"conditions":[{"type":"Ready","status":"True","lastTransitionTime":"2026-01-02T03:04:05Z","reason":"Done","message":""},{"type":"Ready","status":"Maybe","lastTransitionTime":"yesterday","reason":"Done","message":""}]}"#,
         [#"status.conditions[1].lastTransitionTime: Invalid value: "yesterday": status.conditions[1].lastTransitionTime in body must be of type date-time: "yesterday""#,
          #"status.conditions[1].status: Unsupported value: "Maybe": supported values: "True", "False", "Unknown""#,
          #"status.conditions[1]: Duplicate value: map[string]interface {}{"type":"Ready"}"#]),
        (#"{"clusterRef":"emqx","target":{"pod":"p"}}"#, #"{"brokerNodes":[{"connections":-1}]}"#,
         ["status.brokerNodes[0].name: Required value",
          "status.brokerNodes[0].connections: Invalid value: -1: status.brokerNodes[0].connections in body should be greater than or equal to 0"]),
        (#"{"clusterRef":"emqx","target":{"pod":"p"},"redirectTo":null}"#, nil,
         [#"spec.redirectTo: Invalid value: "null": spec.redirectTo in body must be of type string: "null""#]),
    ])
    func validatesNodeEvacuations(spec: String, status: String?, expected: [String]) throws {
        let schema = StructuralSchema(try ProjectCRDs.schema("nodeevacuations"))
        let object = Self.nodeEvacuation(spec: try json(spec), status: try status.map(json))
        #expect(Set(schema.validate(object).map(\.description)) == Set(expected))
    }

    @Test func validObjectsPass() throws {
        let schema = StructuralSchema(try ProjectCRDs.schema("nodeevacuations"))
        let object = schema.applyingDefaults(to: Self.nodeEvacuation(
            spec: ["clusterRef": "emqx", "target": ["brokerNode": "emqx@emqx-0.emqx-headless"], "migrateTo": ["a@b", "c@d"]],
            status: ["phase": "Evacuated", "progress": 100, "startedAt": "2026-01-02T03:04:05Z"]))
        #expect(schema.validate(object).isEmpty)
        #expect(schema.validate(["apiVersion": "rebalance.brokers.dev/v1alpha1", "kind": "NodeEvacuation", "metadata": [:]])
            .map(\.description) == ["spec: Required value"])
    }

    @Test(arguments: [
        (#"{"type":"number","minimum":1,"exclusiveMinimum":true}"#, "1", "x: Invalid value: 1: x in body should be greater than 1"),
        (#"{"type":"number","maximum":2.5,"exclusiveMaximum":true}"#, "2.5", "x: Invalid value: 2.5: x in body should be less than 2.5"),
        (#"{"type":"integer","multipleOf":5}"#, "7", "x: Invalid value: 7: x in body should be a multiple of 5"),
        (#"{"type":"string","maxLength":3}"#, #""abcd""#, "x: Too long: may not be longer than 3"),
        (#"{"type":"array","maxItems":1,"items":{"type":"string"}}"#, #"["a","b"]"#, "x: Too many: 2: must have at most 1 items"),
        (#"{"x-kubernetes-int-or-string":true}"#, "true", #"x: Invalid value: "boolean": x in body must be of type integer,string: "boolean""#),
        (#"{"type":"integer","enum":[1,2]}"#, "3", #"x: Unsupported value: 3: supported values: "1", "2""#),
        (#"{"type":"string","format":"date"}"#, #""2026-13-01""#, #"x: Invalid value: "2026-13-01": x in body must be of type date: "2026-13-01""#),
    ])
    func validatesKeywords(property: String, value: String, expected: String) throws {
        let schema = StructuralSchema(try json(#"{"type":"object","properties":{"x":"# + property + "}}"))
        #expect(schema.validate(try json(#"{"x":"# + value + "}")).map(\.description) == [expected])
    }

    @Test(arguments: [(#"{"x-kubernetes-int-or-string":true}"#, #""50%""#), (#"{"x-kubernetes-int-or-string":true}"#, "3"),
                      (#"{"type":"string","nullable":true}"#, "null"), (#"{"type":"integer"}"#, "2.0"),
                      (#"{"type":"number"}"#, "2"), (#"{"x-kubernetes-preserve-unknown-fields":true}"#, #"{"a":[1]}"#)])
    func accepts(property: String, value: String) throws {
        let schema = StructuralSchema(try json(#"{"type":"object","properties":{"x":"# + property + "}}"))
        #expect(schema.validate(try json(#"{"x":"# + value + "}")).isEmpty)
    }

    @Test func buildsTheInvalidStatus() throws {
        let kind = ResourceDescription(group: "rebalance.brokers.dev", version: "v1alpha1", kind: "NodeEvacuation", plural: "nodeevacuations", isNamespaced: true)
        let violations: [FieldViolation] = [
            .invalid("spec.connEvictRate", value: 0, detail: "spec.connEvictRate in body should be greater than or equal to 1"),
            .required("spec.clusterRef"),
        ]
        let status = FieldViolation.invalidStatus(kind: kind, name: "evac", violations: violations)
        #expect(status == (try json(#"""
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
             "message":"NodeEvacuation.rebalance.brokers.dev \"evac\" is invalid: [spec.connEvictRate: Invalid value: 0: spec.connEvictRate in body should be greater than or equal to 1, spec.clusterRef: Required value]",
             "reason":"Invalid",
             "details":{"name":"evac","group":"rebalance.brokers.dev","kind":"NodeEvacuation","causes":[
               {"reason":"FieldValueInvalid","message":"Invalid value: 0: spec.connEvictRate in body should be greater than or equal to 1","field":"spec.connEvictRate"},
               {"reason":"FieldValueRequired","message":"Required value","field":"spec.clusterRef"}]},
             "code":422}
            """#)))
        let single = FieldViolation.invalidStatus(kind: SurfaceFixtures.pods, name: "p", violations: [.required("spec.containers")])
        #expect(single["message"] == "Pod \"p\" is invalid: spec.containers: Required value")
        #expect(single[path: ["details", "group"]] == nil)
    }
}
