import AsyncHTTPClient
import NIOCore

/// One watch connection as an `AsyncSequence` of ``WatchEvent``s, read from the chunked JSON-lines body with
/// ``LineFramer``.
///
/// The connection opens on the first `next()`. The sequence ends when the server ends the body (e.g. after
/// `timeoutSeconds`, or after an `ERROR` event); it does not reconnect — ``Watcher`` does that.
///
/// ## Errors
/// An HTTP error answer to the watch request (e.g. `410` when the server answers that way) throws ``KubeAPIError``;
/// a broken connection or an undecodable line throws ``KubeClientError``. Cancelling the iterating task closes the
/// connection.
public struct WatchStream<Object: KubernetesObject>: AsyncSequence, Sendable {
    public typealias Element = WatchEvent<Object>

    let transport: HTTPTransport
    let request: KubeRequest
    let coder: ObjectCoder

    public func makeAsyncIterator() -> Iterator {
        Iterator(transport: transport, request: request, coder: coder)
    }

    public struct Iterator: AsyncIteratorProtocol {
        private enum State {
            case idle
            case streaming(HTTPClientResponse.Body.AsyncIterator)
            case finished
        }

        private let transport: HTTPTransport
        private let request: KubeRequest
        private let coder: ObjectCoder
        private var state = State.idle
        private var framer = LineFramer()
        private var pending: [WatchEvent<Object>] = []

        init(transport: HTTPTransport, request: KubeRequest, coder: ObjectCoder) {
            self.transport = transport
            self.request = request
            self.coder = coder
        }

        public mutating func next() async throws -> WatchEvent<Object>? {
            while true {
                if !pending.isEmpty { return pending.removeFirst() }
                switch state {
                case .finished:
                    return nil
                case .idle:
                    do {
                        let response = try await transport.stream(request)
                        state = .streaming(response.body.makeAsyncIterator())
                    } catch {
                        state = .finished
                        throw error
                    }
                case .streaming(var body):
                    state = .finished
                    let chunk: ByteBuffer?
                    do {
                        chunk = try await body.next()
                    } catch {
                        throw HTTPTransport.transportError(error, request)
                    }
                    guard let chunk else {
                        if let last = framer.finish() {
                            pending.append(try WatchEvent<Object>.decode(line: last, coder: coder, path: request.summary))
                        }
                        continue
                    }
                    for line in try framer.append(chunk.readableBytesView) {
                        pending.append(try WatchEvent<Object>.decode(line: line, coder: coder, path: request.summary))
                    }
                    state = .streaming(body)
                }
            }
        }
    }
}

extension ResourceClient {
    /// Opens one watch (see ``WatchStream``). For a stream that lists first, resumes, re-lists on `410` and
    /// reconnects with backoff, use ``watcher(_:clock:)``.
    public func watch(_ options: WatchOptions) -> WatchStream<Object> {
        WatchStream(
            transport: transport,
            request: KubeRequest(method: .GET, path: collectionPath, query: options.queryParameters),
            coder: coder
        )
    }
}
