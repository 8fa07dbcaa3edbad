import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Primitives

extension EMQXClient {
    /// An answer with a 2xx status.
    struct Answer: Sendable {
        var status: Int
        var body: [UInt8]
    }

    /// Largest response body read; EMQX's bodies here are a few kilobytes, `/nodes` a few per node.
    static let maximumBodySize = 16 * 1024 * 1024

    /// Sends `endpoint`, retrying idempotent ones after retryable failures; returns a 2xx answer (or one whose
    /// status is in `accepting`) or throws ``EMQXError`` (or `CancellationError`).
    func send(_ endpoint: EMQXEndpoint, body: [UInt8]? = nil, accepting: Set<Int> = []) async throws -> Answer {
        let attempts = endpoint.isIdempotent ? configuration.retry.maxAttempts : 1
        var attempt = 1
        while true {
            do {
                return try await sendOnce(endpoint, body: body, accepting: accepting)
            } catch let error as EMQXError where error.isRetryable && attempt < attempts {
                let pause = configuration.retry.randomDelay(afterAttempt: attempt)
                logger.debug(
                    "EMQX call failed, retrying",
                    metadata: ["request": "\(endpoint.summary)", "error": "\(error)", "attempt": "\(attempt)", "pause": "\(pause)"])
                try await sleep(pause)
                attempt += 1
            }
        }
    }

    /// One attempt: builds the request, executes it within the timeout, reads the body, maps failures.
    func sendOnce(_ endpoint: EMQXEndpoint, body: [UInt8]?, accepting: Set<Int> = []) async throws -> Answer {
        var request = HTTPClientRequest(url: baseURL + endpoint.path)
        request.method = endpoint.method == .get ? .GET : .POST
        request.headers.add(name: "Authorization", value: authorization)
        request.headers.add(name: "Accept", value: "application/json")
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let status: Int
        let bytes: [UInt8]
        do {
            let deadline = NIODeadline.now() + .nanoseconds(configuration.timeout.inNanoseconds)
            let response = try await http.execute(request, deadline: deadline, logger: logger)
            status = Int(response.status.code)
            let buffer = try await response.body.collect(upTo: Self.maximumBodySize)
            bytes = Array(buffer.readableBytesView)
        } catch let error as CancellationError {
            throw error
        } catch {
            if Task.isCancelled { throw CancellationError() }
            throw Self.transportError(error, endpoint: endpoint)
        }
        guard (200..<300).contains(status) || accepting.contains(status) else {
            let error = EMQXError.fromResponse(status: status, body: bytes, endpoint: endpoint)
            logger.debug("EMQX call failed", metadata: ["request": "\(endpoint.summary)", "error": "\(error)"])
            throw error
        }
        return Answer(status: status, body: bytes)
    }

    /// Decodes a 2xx body, or throws ``EMQXError/Kind/unexpectedResponse`` naming what did not fit.
    func decode<Body: Decodable>(_ type: Body.Type, from answer: Answer, endpoint: EMQXEndpoint) throws -> Body {
        do {
            return try JSONDecoder().decode(Body.self, from: Data(answer.body))
        } catch {
            throw EMQXError(
                kind: .unexpectedResponse, httpStatus: answer.status,
                message: "the body of \(endpoint.summary) does not decode as \(Body.self): \(error)", node: endpoint.node,
                request: endpoint.summary)
        }
    }

    /// Encodes a request body (flat JSON object).
    func encode(_ value: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do {
            return Array(try encoder.encode(value))
        } catch {
            throw EMQXError(kind: .invalidConfiguration, message: "the request body does not encode: \(error)")
        }
    }

    /// Classifies a failure to get an answer: timeouts apart from other transport trouble.
    static func transportError(_ error: any Error, endpoint: EMQXEndpoint) -> EMQXError {
        let timeouts: [HTTPClientError] = [
            .deadlineExceeded, .readTimeout, .writeTimeout, .connectTimeout, .tlsHandshakeTimeout, .getConnectionFromPoolTimeout,
        ]
        if let httpError = error as? HTTPClientError, timeouts.contains(httpError) {
            return EMQXError(kind: .timeout, message: "no answer within the timeout (\(httpError))", node: endpoint.node, request: endpoint.summary)
        }
        return EMQXError(kind: .transport, message: "\(error)", node: endpoint.node, request: endpoint.summary)
    }
}
