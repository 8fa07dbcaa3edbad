import Foundation
import Hummingbird

/// `/sim/v1`: the simulator's truth and controls (no authentication).
///
/// - `GET /sim/v1/stats` → ``SimulatorStats``
/// - `POST /sim/v1/nodes` (optional body `{"node": name}`) → a node joins; `{"node": name, "url": url}`
/// - `POST /sim/v1/nodes/{node}/crash`, `POST /sim/v1/nodes/{node}/restart`
/// - `DELETE /sim/v1/nodes/{node}` (or `POST /sim/v1/nodes/{node}/leave`) → the node leaves the cluster
/// - `POST /sim/v1/outage` `{"seconds": N}`, `POST /sim/v1/latency` `{"milliseconds": N}`,
///   `POST /sim/v1/clients` `{"count": N}`
extension EMQXSimulator {
    func simulatorRoute(_ request: Request, _ path: [String]) async -> Response {
        do {
            switch (request.method, path.count, path.first) {
            case (.get, 1, "stats"):
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                let data = try encoder.encode(await stats())
                return Response(
                    status: .ok, headers: [.contentType: "application/json"],
                    body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
            case (.post, 1, "nodes"):
                let buffer = try await request.body.collect(upTo: 1 << 16)
                var requested: String?
                if buffer.readableBytes > 0,
                    case .string(let name)? = try JSONDecoder().decode(EMQXJSON.self, from: Data(buffer.readableBytesView))["node"]
                {
                    requested = name
                }
                let name = try await addNode(named: requested)
                let url = nodeURLs[name] ?? ""
                return Self.json(.object([("node", .string(name)), ("url", .string(url))]))
            case (.post, 3, "nodes") where path[2] == "crash":
                try await crash(node: path[1], waitForListener: false)
                return Self.json(.object([]))
            case (.post, 3, "nodes") where path[2] == "restart":
                try await restart(node: path[1])
                return Self.json(.object([]))
            case (.post, 3, "nodes") where path[2] == "leave", (.delete, 2, "nodes"):
                try await removeNode(path[1], waitForListener: false)
                return Self.json(.object([]))
            case (.post, 1, "outage"):
                await apiOutage(seconds: try await integer("seconds", in: request))
                return Self.json(.object([]))
            case (.post, 1, "latency"):
                await setLatency(.milliseconds(try await integer("milliseconds", in: request)))
                return Self.json(.object([]))
            case (.post, 1, "clients"):
                await setClientCount(try await integer("count", in: request))
                return Self.json(.object([]))
            default:
                return Self.error(.notFound, "NOT_FOUND", "Request Path Not Found")
            }
        } catch let error as ControlError {
            if case .unknownNode = error { return Self.error(.notFound, "NOT_FOUND", error.description) }
            return Self.error(.conflict, "CONFLICT", error.description)
        } catch {
            return Self.error(.badRequest, "BAD_REQUEST", "\(error)")
        }
    }

    private struct MissingField: Error, CustomStringConvertible {
        var field: String
        var description: String { "expected a JSON object with an integer \"\(field)\"" }
    }

    private func integer(_ field: String, in request: Request) async throws -> Int {
        let buffer = try await request.body.collect(upTo: 1 << 16)
        let body = try JSONDecoder().decode(EMQXJSON.self, from: Data(buffer.readableBytesView))
        guard case .int(let value)? = body[field] else { throw MissingField(field: field) }
        return value
    }
}
