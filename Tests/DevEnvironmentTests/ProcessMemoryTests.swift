import Foundation
import Testing
import TestSupport

@Suite("reading a process's memory from /proc")
struct ProcessMemoryTests {
    @Test("parses VmRSS, VmHWM, RssAnon and RssFile (tab-separated, in kB) from a status text")
    func parsesStatus() throws {
        let text = "Name:\trebalance-opera\nVmHWM:\t   46000 kB\nVmRSS:\t   45080 kB\nRssAnon:\t    4584 kB\nRssFile:\t   40496 kB\n"
        let memory = try #require(ProcessMemory.parse(status: text))
        #expect(memory == ProcessMemory(resident: 45080 * 1024, residentPeak: 46000 * 1024, residentAnonymous: 4584 * 1024, residentFile: 40496 * 1024))
        #expect(memory.summary == "VmRSS 44.0 MiB, VmHWM 44.9 MiB (anonymous 4.5 MiB, file-backed 39.5 MiB)")
        #expect(ProcessMemory.parse(status: "Name:\tx\n") == nil)
    }

    @Test("reads this process's own figures")
    func readsOwnProcess() throws {
        let memory = try #require(ProcessMemory.read(pid: getpid()))
        #expect(memory.resident > 0 && memory.residentPeak >= memory.resident)
    }
}
