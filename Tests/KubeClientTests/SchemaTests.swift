import KubeClient
import Testing

@Suite("schema builder: one builder for the CRDs and the test server's built-in kinds")
struct SchemaTests {
    @Test("a constructor writes only the keywords it is given")
    func minimal() {
        #expect(Schema.string("A name.").json == ["type": "string", "description": "A name."])
        #expect(Schema.string().json == ["type": "string"])
        #expect(Schema.integer("Count.", format: "int32").json == ["type": "integer", "format": "int32", "description": "Count."])
        #expect(Schema.boolean("Flag.").json == ["type": "boolean", "description": "Flag."])
        #expect(Schema.object("Empty.").json == ["type": "object", "description": "Empty."])
    }

    @Test("bounds, enums, patterns, defaults and formats")
    func keywords() {
        let name = Schema.string("Name.", default: "a", enum: ["a", "b"], pattern: "^[a-z]$", minLength: 1, maxLength: 2, format: "x")
        #expect(name.json == [
            "type": "string", "description": "Name.", "default": "a", "enum": ["a", "b"], "pattern": "^[a-z]$",
            "minLength": 1, "maxLength": 2, "format": "x",
        ])
        #expect(Schema.dateTime("When.").json == ["type": "string", "description": "When.", "format": "date-time"])
        #expect(Schema.integer("N.", default: 3, minimum: 0, maximum: 9).json == [
            "type": "integer", "description": "N.", "format": "int64", "default": 3, "minimum": 0, "maximum": 9,
        ])
        #expect(Schema.number("R.", minimum: 1.5).json == ["type": "number", "description": "R.", "minimum": 1.5])
    }

    @Test("objects, maps and the x-kubernetes extensions")
    func structure() {
        let object = Schema.object(
            "Spec.", properties: ["a": .string("A.")], required: ["a"], minProperties: 1, maxProperties: 2, defaultsToEmpty: true,
            preservesUnknownFields: true)
        #expect(object.json == [
            "type": "object", "description": "Spec.", "properties": ["a": ["type": "string", "description": "A."]], "required": ["a"],
            "minProperties": 1, "maxProperties": 2, "default": [:], "x-kubernetes-preserve-unknown-fields": true,
        ])
        #expect(Schema.map("Labels.", values: .string()).json == ["type": "object", "description": "Labels.", "additionalProperties": ["type": "string"]])
        #expect(Schema.intOrString("Count or percentage.").json == ["x-kubernetes-int-or-string": true, "description": "Count or percentage."])
        let list = Schema.array("Conditions.", items: .string(), minItems: 0, maxItems: 4, listType: "map", mapKeys: ["type"], patchMergeKey: "type")
        #expect(list.json == [
            "type": "array", "description": "Conditions.", "items": ["type": "string"], "minItems": 0, "maxItems": 4,
            "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["type"],
            "x-kubernetes-patch-merge-key": "type", "x-kubernetes-patch-strategy": "merge",
        ])
        #expect(Schema(json: ["$ref": "#/x"]).json == ["$ref": "#/x"])
    }
}
