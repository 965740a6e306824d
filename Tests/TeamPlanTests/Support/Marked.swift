import Foundation
@testable import TeamPlan

/// Text with position markers `⟨name⟩` written where a diagnostic is
/// expected (swift-format style): the markers are taken out, and each
/// marker's 1-based line and column (in Unicode scalars, as libyaml counts)
/// is kept.
struct Marked {
    var text: String
    var positions: [String: (line: Int, column: Int)] = [:]

    init(_ marked: String) {
        var out = String.UnicodeScalarView()
        var line = 1, column = 1
        let scalars = Array(marked.unicodeScalars)
        var i = 0
        while i < scalars.count {
            if scalars[i] == "⟨", let close = scalars[i...].firstIndex(of: "⟩") {
                let name = String(String.UnicodeScalarView(scalars[(i + 1)..<close]))
                positions[name] = (line, column)
                i = close + 1
                continue
            }
            out.append(scalars[i])
            if scalars[i] == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            i += 1
        }
        text = String(out)
    }

    func location(_ name: String = "1", file: String) -> SourceLocation {
        let p = positions[name]!
        return SourceLocation(file: file, line: p.line, column: p.column)
    }
}

/// A folder of its own for one test, removed when the value goes.
final class TemporaryFolder: Sendable {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "teamplan-test-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// A folder at `path` (made, removed with this value).
    init(in path: String) {
        self.path = path
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    @discardableResult
    func write(_ name: String, _ text: String) -> String {
        write(name, Array(text.utf8))
    }

    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) -> String {
        let file = path + "/" + name
        try! FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent,
                                                 withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: file, contents: Data(bytes))
        return file
    }

    /// Every file below the folder, relative to it.
    var files: [String] {
        (FileManager.default.enumerator(atPath: path)?.allObjects as? [String] ?? []).sorted()
    }
}

/// Loads YAML text as the scenario file `name` in a folder of its own.
func loadScenario(_ yaml: String, name: String = "team.yaml", extraFiles: [String: [UInt8]] = [:]) -> LoadedScenario {
    let folder = TemporaryFolder()
    for (file, bytes) in extraFiles { folder.write(file, bytes) }
    return ScenarioLoader.load(yaml: Array(yaml.utf8), file: name, directory: folder.path)
}

/// A small valid scenario that the tests change one line at a time.
enum Fixture {
    static let scenario = """
        name: Test quarter
        quarter:
          start: 2027-01-04
          weeks: 13
        holidays: nl
        overhead:
          admin_per_contact_hour: 0.5
          travel_hours_per_visit: 0.25
          mdo: {every_weeks: 2, hours: 1.0}
        workers:
          - id: anja
            name: Anja de Vries
            hours_per_week: 24
            reserved_hours: 6
            available: [mon-am, tue-am, tue-pm]
            skills: [debts, ggz]
            leave:
              - {from: 2027-02-22, to: 2027-03-05}
          - id: ben
            hours_per_week: 32
            available: [tue-am, wed-am]
            skills: [debts]
        practices:
          - id: baandert
            name: De Baandert
            municipality: sittard-geleen
            sessions_per_week: 1
            session_hours: 2
            open: [tue-am]
            requires_skills: [debts]
        funding:
          - id: wmo
            funder: Gemeente Sittard-Geleen
            budget_eur: 45000
            rate_eur_per_hour: 82.5
            pays_for: [contact, admin, travel, mdo]
            municipalities: [sittard-geleen]
          - id: wor
            budget_hours: 120
            pays_for: [contact]
            practices: [baandert]

        """

    /// The fixture with `old` (which must occur exactly once) replaced.
    static func replacing(_ old: String, with new: String) -> String {
        let parts = scenario.components(separatedBy: old)
        precondition(parts.count == 2, "the fixture must contain '\(old)' exactly once")
        return parts.joined(separator: new)
    }
}

/// The built `teamplan` executable, next to the test bundle.
enum Executable {
    static var url: URL {
        let bundleDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [bundleDirectory, bundleDirectory.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent("teamplan")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        // swift test from the package root
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/teamplan")
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs teamplan — or `program`, found on the PATH — with `arguments` in
    /// `directory` and waits.
    static func run(_ arguments: [String], in directory: String? = nil, program: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = program == nil ? url : URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = program.map { [$0] + arguments } ?? arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both before waiting, so a full pipe cannot stall the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Starts teamplan with `arguments` in `directory`, sends `signal` once
    /// it has used `seconds` of CPU time (or once `ready` holds), and waits
    /// for it to end. CPU time, not the clock: on a loaded machine (a CI run
    /// beside other work, a sanitizer build) the search gets as far before
    /// the signal as on an idle one.
    /// teamplan started with `arguments` in `directory`, its standard error
    /// on a pipe (read it to the end before waiting for the exit).
    static func start(_ arguments: [String], in directory: String, environment: [String: String] = [:]) throws -> (Process, stderr: Pipe) {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return (process, err)
    }

    /// Waits for a process `start` began: whether it exited (not killed by
    /// a signal), its status and its standard error.
    static func finish(_ process: Process, _ err: Pipe) -> (exited: Bool, status: Int32, stderr: String) {
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationReason == .exit, process.terminationStatus, message)
    }

    static func runAndSignal(_ arguments: [String], in directory: String, signal: Int32, after seconds: Double = 3,
                             environment: [String: String] = [:], when ready: (() -> Bool)? = nil) throws -> Process {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        if let ready {
            // Until the moment the test waits for (a minute at most).
            let deadline = Date().addingTimeInterval(60)
            while !ready() && process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        } else {
            let deadline = Date().addingTimeInterval(120)
            while cpuSeconds(process.processIdentifier) < seconds && process.isRunning && Date() < deadline {
                Thread.sleep(forTimeInterval: 0.02)
            }
        }
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        return process
    }

    /// The CPU time (user and system) process `pid` has used so far.
    static func cpuSeconds(_ pid: Int32) -> Double {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/stat"),
              let close = data.lastIndex(of: UInt8(ascii: ")")) else { return 0 }
        // After the command's name: state, then fields 4…; utime and stime are fields 14 and 15.
        let fields = String(decoding: data[(close + 2)...], as: UTF8.self).split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// The package root, for the inputs and bench scenarios.
    static var packageRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().path
    }
}
