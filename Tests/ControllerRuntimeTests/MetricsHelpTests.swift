import Testing

@testable import ControllerRuntime

@Suite("Metrics help lines")
struct MetricsHelpLineTests {
    @Test("a # HELP line goes before each # TYPE line with a text, once, escaped; others are left alone")
    func helpLines() {
        let exposition = """
            # TYPE workqueue_depth gauge
            workqueue_depth{name="a"} 0
            # HELP given Already there.
            # TYPE given counter
            given 1
            # TYPE unknown gauge
            unknown 2

            """
        let help = ["workqueue_depth": "Current depth of workqueue", "given": "Replaced?", "unknown_not": "x", "escaped": "a\\b"]
        let output = String(decoding: MetricsServer.addingHelp(help, to: Array(exposition.utf8)), as: UTF8.self)
        #expect(output == """
            # HELP workqueue_depth Current depth of workqueue
            # TYPE workqueue_depth gauge
            workqueue_depth{name="a"} 0
            # HELP given Already there.
            # TYPE given counter
            given 1
            # TYPE unknown gauge
            unknown 2

            """)
        let escaped = String(decoding: MetricsServer.addingHelp(["e": "a\\b\nc"], to: Array("# TYPE e gauge\ne 1\n".utf8)), as: UTF8.self)
        #expect(escaped == "# HELP e a\\\\b\\nc\n# TYPE e gauge\ne 1\n")
    }
}
