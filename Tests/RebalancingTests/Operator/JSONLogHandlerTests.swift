import ControllerRuntime
import Foundation
import KubeClient
import Logging
import Testing

@testable import Rebalancing

@Suite("JSON log lines")
struct JSONLogHandlerTests {
    final class Lines: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: [String] = []
        func append(_ line: String) { lock.withLock { stored.append(line) } }
        var all: [String] { lock.withLock { stored } }
    }

    @Test("one parseable object per line, fixed keys first, metadata merged and sorted, below-level dropped")
    func lines() throws {
        let lines = Lines()
        var logger = Logger(label: "nevac") { label in
            JSONLogHandler(label: label, level: .info) { lines.append($0) }
        }
        logger[metadataKey: "controller"] = "nodeevacuation"
        logger.debug("dropped")
        logger.info("started evacuation", metadata: ["node": "emqx@emqx-2", "rate": .stringConvertible(500), "targets": ["a", "b"]])
        logger.warning("broker unreachable \"quoted\"\nsecond line")

        let written = lines.all
        #expect(written.count == 2)
        #expect(written.allSatisfy { $0.hasSuffix("\n") && $0.dropLast().contains("\n") == false })
        #expect(written[0].hasPrefix(#"{"ts":""#))
        let first = try JSONValue(parsing: Data(written[0].utf8))
        #expect(first["level"] == "info")
        #expect(first["logger"] == "nevac")
        #expect(first["msg"] == "started evacuation")
        #expect(first["controller"] == "nodeevacuation")
        #expect(first["node"] == "emqx@emqx-2")
        #expect(first["rate"] == "500")
        #expect(first["targets"] == ["a", "b"])
        let second = try JSONValue(parsing: Data(written[1].utf8))
        #expect(second["msg"] == "broker unreachable \"quoted\"\nsecond line")
        #expect(second["source"] != nil)
    }

    @Test("a line logged during a reconcile carries controller-runtime's keys: controller, kind, namespace, name, reconcileID")
    func reconcileKeys() throws {
        let lines = Lines()
        let logger = Logger(label: "rebalance-operator") { label in
            JSONLogHandler(label: label, level: .info, metadataProvider: ReconcileLogMetadata.provider) { lines.append($0) }
        }
        logger.info("outside")
        let metadata = ReconcileLogMetadata.metadata(controller: "nodeevacuation", resource: NodeEvacuation.resource,
                                                     key: ObjectKey(namespace: "brokers", name: "evacuate-emqx-0"), reconcileID: "r-1")
        ReconcileLogMetadata.$current.withValue(metadata) {
            logger.info("started the evacuation", metadata: ["node": "emqx@emqx-0"])
        }
        let written = lines.all
        #expect(written.count == 2)
        let outside = try JSONValue(parsing: Data(written[0].utf8))
        #expect(outside["namespace"] == nil)
        let inside = try JSONValue(parsing: Data(written[1].utf8))
        #expect(inside["controller"] == "nodeevacuation")
        #expect(inside["controllerGroup"] == "rebalance.brokers.dev")
        #expect(inside["controllerKind"] == "NodeEvacuation")
        #expect(inside["namespace"] == "brokers")
        #expect(inside["name"] == "evacuate-emqx-0")
        #expect(inside["NodeEvacuation"] == ["name": "evacuate-emqx-0", "namespace": "brokers"])
        #expect(inside["reconcileID"] == "r-1")
        #expect(inside["node"] == "emqx@emqx-0")
    }
}
