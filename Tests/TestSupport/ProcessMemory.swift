import Foundation

/// Memory figures of a running process, read from Linux's `/proc/<pid>/status`.
public struct ProcessMemory: Sendable, Equatable {
    /// Resident set size now (`VmRSS`), in bytes.
    public var resident: Int
    /// Peak resident set size (`VmHWM`), in bytes.
    public var residentPeak: Int
    /// The anonymous part of `resident` (`RssAnon`: heap and stacks), in bytes; `nil` if the kernel lacks it.
    public var residentAnonymous: Int?
    /// The file-backed part of `resident` (`RssFile`: the mapped executable and libraries), in bytes.
    public var residentFile: Int?

    public init(resident: Int, residentPeak: Int, residentAnonymous: Int? = nil, residentFile: Int? = nil) {
        self.resident = resident
        self.residentPeak = residentPeak
        self.residentAnonymous = residentAnonymous
        self.residentFile = residentFile
    }

    /// The figures of process `pid`; `nil` when the process is gone or the file lacks them (not Linux).
    public static func read(pid: Int32) -> ProcessMemory? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        return parse(status: text)
    }

    /// Parses the text of a `/proc/<pid>/status` file (`Name:<tab>value kB` lines).
    public static func parse(status text: String) -> ProcessMemory? {
        var values: [String: Int] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, ["VmRSS", "VmHWM", "RssAnon", "RssFile"].contains(String(parts[0])) else { continue }
            guard let number = parts[1].split(whereSeparator: \.isWhitespace).first.flatMap({ Int($0) }) else { continue }
            values[String(parts[0])] = number * 1024
        }
        guard let resident = values["VmRSS"], let peak = values["VmHWM"] else { return nil }
        return ProcessMemory(resident: resident, residentPeak: peak, residentAnonymous: values["RssAnon"], residentFile: values["RssFile"])
    }

    /// `bytes` in MiB with one decimal.
    public static func mebibytes(_ bytes: Int) -> String {
        String(format: "%.1f MiB", Double(bytes) / 1_048_576)
    }

    /// `VmRSS …, VmHWM …, of which anonymous …, file-backed …`.
    public var summary: String {
        var text = "VmRSS \(Self.mebibytes(resident)), VmHWM \(Self.mebibytes(residentPeak))"
        if let residentAnonymous, let residentFile {
            text += " (anonymous \(Self.mebibytes(residentAnonymous)), file-backed \(Self.mebibytes(residentFile)))"
        }
        return text
    }
}
