/// `GET /api/v5/load_rebalance/status`: what the node that answered is doing (spec 6.1).
///
/// Node-local: behind a load-spreading Service it describes a random node. Order of precedence on the node:
/// evacuation, then purge, then rebalance (reported only on donors); otherwise `disabled`.
public enum EMQXLocalStatus: Sendable, Hashable, Decodable {
    /// `{"status": "disabled"}`: nothing runs here (also on rebalance recipients and non-donor coordinators).
    case disabled
    /// `"process": "evacuation"`.
    case evacuation(EvacuationStatus)
    /// `"process": "rebalance"`: this node is a donor.
    case rebalance(RebalanceDonorStatus)
    /// `"process": "purge"`.
    case purge(PurgeStatus)
    /// `"status": "enabled"` with a process this client does not know, verbatim (lenient across versions).
    case other(process: String)

    enum CodingKeys: String, CodingKey {
        case status, process
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let status = try container.decode(String.self, forKey: .status)
        guard status == "enabled" else {
            self = .disabled
            return
        }
        let process = try container.decodeIfPresent(String.self, forKey: .process) ?? ""
        switch process {
        case "evacuation": self = .evacuation(try EvacuationStatus(from: decoder))
        case "rebalance": self = .rebalance(try RebalanceDonorStatus(from: decoder))
        case "purge": self = .purge(try PurgeStatus(from: decoder))
        default: self = .other(process: process)
        }
    }
}
