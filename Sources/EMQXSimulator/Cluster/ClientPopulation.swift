/// The simulated MQTT clients, stored column by column (about 11 bytes per client).
///
/// `node[i]` is the node client `i` is connected to or, when it is disconnected, the node that holds its session
/// (-1 for none). `listPosition[i]` is its index in that node's connection or disconnected-session list.
struct ClientPopulation: Sendable {
    struct Flags: OptionSet, Sendable {
        let rawValue: UInt8
        /// Connects with clean start false and an expiry interval.
        static let persistent = Flags(rawValue: 1 << 0)
        static let connected = Flags(rawValue: 1 << 1)
        /// Holds a session (connected, or disconnected on `node`).
        static let hasSession = Flags(rawValue: 1 << 2)
        /// Wants to connect: a connect attempt is scheduled.
        static let awaitingConnect = Flags(rawValue: 1 << 3)
        /// Its latest attempt found no node to connect to.
        static let withoutNode = Flags(rawValue: 1 << 4)
        static let everWithoutNode = Flags(rawValue: 1 << 5)
    }

    var node: [Int16] = []
    var flags: [Flags] = []
    var listPosition: [Int32] = []
    /// Changes whenever the client's session changes hands; a session-expiry event of an older epoch is stale.
    var sessionEpoch: [UInt32] = []

    var count: Int { node.count }

    mutating func append(persistent: Bool) -> Int32 {
        node.append(-1)
        flags.append(persistent ? [.persistent] : [])
        listPosition.append(-1)
        sessionEpoch.append(0)
        return Int32(node.count - 1)
    }

    mutating func reserve(_ capacity: Int) {
        node.reserveCapacity(capacity)
        flags.reserveCapacity(capacity)
        listPosition.reserveCapacity(capacity)
        sessionEpoch.reserveCapacity(capacity)
    }

    mutating func removeLast() {
        node.removeLast()
        flags.removeLast()
        listPosition.removeLast()
        sessionEpoch.removeLast()
    }
}
