import Primitives
import Testing

@testable import KubeClient

@Suite("watcher state machine")
struct WatcherStateMachineTests {
    typealias Machine = Watcher<DynamicObject>.StateMachine

    static func object(_ name: String, _ version: String) -> DynamicObject {
        DynamicObject(json: ["metadata": ["name": .string(name), "resourceVersion": .string(version)]])
    }

    static func page(_ names: [String], version: String?, continue token: String? = nil) -> ObjectList<DynamicObject> {
        ObjectList(items: names.map { object($0, "1") }, metadata: ListMeta(resourceVersion: version, continue: token))
    }

    static let gone = KubeAPIError(status: KubeStatus(status: "Failure", message: "too old", reason: "Expired", code: 410), code: 410)
    static let unavailable = KubeAPIError(status: KubeStatus(status: "Failure", reason: "ServiceUnavailable", code: 503), code: 503)

    func names(_ events: [WatcherEvent<DynamicObject>]) -> [String] {
        events.map { event in
            switch event {
            case .initStart: "initStart"
            case .initApply(let object): "initApply(\(object.metadata.name ?? ""))"
            case .initDone: "initDone"
            case .apply(let object): "apply(\(object.metadata.name ?? ""))"
            case .delete(let object): "delete(\(object.metadata.name ?? ""))"
            }
        }
    }

    func machine() -> Machine { Machine(backoff: Backoff(jitter: 0), backoffResetAfter: .seconds(120)) }

    @Test("a paged list emits one init cycle, then the watch starts from the list's version")
    func paging() {
        var machine = machine()
        #expect(machine.nextAction() == .list(continueToken: nil))
        #expect(names(machine.listed(Self.page(["a", "b"], version: "10", continue: "p2"))) == ["initStart", "initApply(a)", "initApply(b)"])
        #expect(machine.nextAction() == .list(continueToken: "p2"))
        #expect(names(machine.listed(Self.page(["c"], version: "10"))) == ["initApply(c)", "initDone"])
        #expect(machine.nextAction() == .watch(resourceVersion: "10"))
    }

    @Test("events and bookmarks move the resume point; a clean end re-watches from it at once")
    func resumeFromLastVersion() {
        var machine = machine()
        _ = machine.listed(Self.page([], version: "10"))
        #expect(machine.nextAction() == .watch(resourceVersion: "10"))
        machine.watchStarted()
        #expect(names(machine.received(.added(Self.object("a", "11")))) == ["apply(a)"])
        #expect(names(machine.received(.modified(Self.object("a", "12")))) == ["apply(a)"])
        #expect(names(machine.received(.deleted(Self.object("a", "13")))) == ["delete(a)"])
        #expect(machine.received(.bookmark(resourceVersion: "20")).isEmpty)
        #expect(machine.state == .watching(resourceVersion: "20"))
        machine.watchEnded(after: .seconds(5), error: nil)
        #expect(machine.nextAction() == .watch(resourceVersion: "20"))
    }

    @Test("a 410 ERROR event forces a new list with a new init cycle")
    func goneEventRelists() {
        var machine = machine()
        _ = machine.listed(Self.page(["a"], version: "10"))
        _ = machine.nextAction()
        machine.watchStarted()
        _ = machine.received(.added(Self.object("b", "11")))
        _ = machine.received(.error(KubeStatus(status: "Failure", message: "too old resource version", reason: "Expired", code: 410)))
        machine.watchEnded(after: .seconds(1), error: nil)
        #expect(machine.nextAction() == .list(continueToken: nil))
        #expect(names(machine.listed(Self.page(["b"], version: "30"))) == ["initStart", "initApply(b)", "initDone"])
        #expect(machine.nextAction() == .watch(resourceVersion: "30"))
    }

    @Test("a 410 answer to the watch request re-lists after a backoff delay")
    func goneAnswerRelists() {
        var machine = machine()
        _ = machine.listed(Self.page([], version: "10"))
        _ = machine.nextAction()
        machine.watchStarted()
        machine.watchEnded(after: .zero, error: Self.gone)
        #expect(machine.nextAction() == .sleep(.milliseconds(800)))
        #expect(machine.nextAction() == .list(continueToken: nil))
    }

    @Test("an expired continue token restarts the list from scratch")
    func expiredContinueToken() {
        var machine = machine()
        _ = machine.listed(Self.page(["a"], version: "10", continue: "p2"))
        #expect(machine.nextAction() == .list(continueToken: "p2"))
        machine.listFailed(Self.gone)
        #expect(machine.nextAction() == .sleep(.milliseconds(800)))
        #expect(machine.nextAction() == .list(continueToken: nil))
        #expect(names(machine.listed(Self.page(["a"], version: "12"))).first == "initStart")
    }

    @Test("failures back off 800 ms, 1.6 s, 3.2 s …; other list errors retry the same page")
    func reconnectBackoff() {
        var machine = machine()
        machine.listFailed(Self.unavailable)
        #expect(machine.nextAction() == .sleep(.milliseconds(800)))
        #expect(machine.nextAction() == .list(continueToken: nil))
        _ = machine.listed(Self.page(["a"], version: "10", continue: "p2"))
        machine.listFailed(Self.unavailable)
        #expect(machine.nextAction() == .sleep(.milliseconds(1600)))
        #expect(machine.nextAction() == .list(continueToken: "p2"))
        _ = machine.listed(Self.page([], version: "10"))
        for expected in [3200, 6400, 12800, 25600, 30000, 30000] {
            #expect(machine.nextAction() == .watch(resourceVersion: "10"))
            machine.watchStarted()
            machine.watchEnded(after: .seconds(1), error: Self.unavailable)
            #expect(machine.nextAction() == .sleep(.milliseconds(expected)))
        }
    }

    @Test("a watch that delivered events reconnects at once; one that stayed up long resets the backoff")
    func healthyWatches() {
        var machine = machine()
        _ = machine.listed(Self.page([], version: "10"))
        for _ in 0..<3 {
            _ = machine.nextAction()
            machine.watchStarted()
            machine.watchEnded(after: .seconds(1), error: nil)
            _ = machine.nextAction()
        }
        #expect(machine.backoff.attempts == 3)
        _ = machine.nextAction()
        machine.watchStarted()
        _ = machine.received(.bookmark(resourceVersion: "11"))
        machine.watchEnded(after: .seconds(1), error: Self.unavailable)
        #expect(machine.nextAction() == .watch(resourceVersion: "11"))
        machine.watchStarted()
        machine.watchEnded(after: .seconds(300), error: nil)
        #expect(machine.nextAction() == .sleep(.milliseconds(800)))
    }

    @Test("a list without a resourceVersion cannot be watched from: list again after a delay")
    func noResourceVersion() {
        var machine = machine()
        #expect(names(machine.listed(Self.page(["a"], version: nil))) == ["initStart", "initApply(a)"])
        #expect(machine.nextAction() == .sleep(.milliseconds(800)))
        #expect(machine.nextAction() == .list(continueToken: nil))
        #expect(names(machine.listed(Self.page(["a"], version: "3"))) == ["initStart", "initApply(a)", "initDone"])
    }
}
