/// A string EMQX draws from a set that grows between versions (evacuation and rebalance states, node statuses).
///
/// The values this client knows are static members (`EvacuationState.prohibiting`); any other string is kept
/// verbatim (``other(_:)``) rather than failing the decode, so a newer EMQX never breaks a reading. A value is its
/// string: `.other("prohibiting") == .prohibiting`. Conforming types are structs over ``rawValue`` that list their
/// known values; they code as the bare string (the standard library's coding of `RawRepresentable<String>`).
public protocol OpenEnumeration: RawRepresentable<String>, Sendable, Hashable, Codable, CustomStringConvertible {
    /// Every string is a value: known ones equal their static member, others are kept as they are.
    init(rawValue: String)
    /// The values this client knows, in the order EMQX goes through them.
    static var knownValues: [Self] { get }
}

extension OpenEnumeration {
    /// A value this client does not know, kept verbatim.
    public static func other(_ rawValue: String) -> Self { Self(rawValue: rawValue) }

    /// Whether this is one of ``knownValues``.
    public var isKnown: Bool { Self.knownValues.contains(self) }

    public var description: String { rawValue }
}
