/// One page of a list (`<Kind>List`): the items and the list metadata.
public struct ObjectList<Object: Sendable>: Sendable {
    public var items: [Object]
    public var metadata: ListMeta

    public init(items: [Object], metadata: ListMeta = .init()) {
        self.items = items
        self.metadata = metadata
    }
}

extension ObjectList: Equatable where Object: Equatable {}
