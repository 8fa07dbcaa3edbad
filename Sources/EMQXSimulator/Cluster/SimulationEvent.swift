/// Something due at a simulation instant. Events at the same instant run in the order they were scheduled.
struct SimulationEvent: Comparable, Sendable {
    enum Kind: Sendable {
        case clientConnect(Int32)
        case sessionExpiry(Int32, epoch: UInt32)
        case evacuationTimer(node: Int16, generation: UInt32)
        case rebalanceTimer(node: Int16, generation: UInt32)
        case loadBalancerProbe
    }

    var time: Int64
    var sequence: UInt64
    var kind: Kind

    static func < (lhs: SimulationEvent, rhs: SimulationEvent) -> Bool {
        (lhs.time, lhs.sequence) < (rhs.time, rhs.sequence)
    }

    static func == (lhs: SimulationEvent, rhs: SimulationEvent) -> Bool {
        lhs.time == rhs.time && lhs.sequence == rhs.sequence
    }
}
