import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

@testable import EMQXSimulator

/// A plain answer: status and body text.
struct HTTPAnswer {
    var status: Int
    var body: String
    var headers: HTTPHeaders

    var json: EMQXJSON? { try? JSONDecoder().decode(EMQXJSON.self, from: Data(body.utf8)) }
}

/// Sends one request with AsyncHTTPClient; `auth` nil sends no Authorization header.
func send(
    _ method: HTTPMethod, _ url: String, body: String? = nil,
    auth: (String, String)? = ("rebalance-operator", "rebalance-operator-secret"), accept: String? = nil
) async throws -> HTTPAnswer {
    var request = HTTPClientRequest(url: url)
    request.method = method
    if let (key, secret) = auth {
        request.headers.add(name: "Authorization", value: "Basic " + Data("\(key):\(secret)".utf8).base64EncodedString())
    }
    if let accept { request.headers.add(name: "Accept", value: accept) }
    if let body {
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: body))
    }
    let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
    let buffer = try await response.body.collect(upTo: 1 << 22)
    return HTTPAnswer(status: Int(response.status.code), body: String(buffer: buffer), headers: response.headers)
}
