import Hummingbird
import NIOCore

/// The request context of the test server: hummingbird's core context plus the connection's channel, so that a
/// watch notices when its client goes away.
struct APIRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.channel = source.channel
    }
}
