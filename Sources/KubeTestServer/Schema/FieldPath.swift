/// A field path as the server prints it: `spec.items[2].name`.
struct FieldPath: Sendable, Hashable, CustomStringConvertible {
    var description: String = ""

    func child(_ name: String) -> FieldPath {
        FieldPath(description: description.isEmpty ? name : description + "." + name)
    }

    func index(_ index: Int) -> FieldPath {
        FieldPath(description: description + "[\(index)]")
    }
}
