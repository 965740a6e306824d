import Foundation
import Testing
@testable import TeamPlan

/// Runs teamplan with a guard: past `seconds` it is killed and the run
/// counts as hung, so a reader that blocks (a FIFO used to hang `check`
/// forever) fails the test instead of stalling the suite. Standard input
/// is a pipe whose writing end stays open, so `/dev/stdin` is a pipe that
/// never ends.
func runGuarded(_ arguments: [String], in directory: String, seconds: Double = 30) throws
    -> (result: Executable.Result, hung: Bool)
{
    let process = Process()
    process.executableURL = Executable.url
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    let input = Pipe(), out = Pipe(), err = Pipe()
    process.standardInput = input
    process.standardOutput = out
    process.standardError = err
    try process.run()
    nonisolated(unsafe) var outData = Data(), errData = Data()
    let readers = DispatchGroup()
    DispatchQueue.global().async(group: readers) { outData = out.fileHandleForReading.readDataToEndOfFile() }
    DispatchQueue.global().async(group: readers) { errData = err.fileHandleForReading.readDataToEndOfFile() }
    let deadline = Date().addingTimeInterval(seconds)
    while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
    let hung = process.isRunning
    if hung { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
    readers.wait()
    try? input.fileHandleForWriting.close()
    return (Executable.Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                              stderr: String(decoding: errData, as: UTF8.self)), hung)
}

/// Something that is not a regular file, made in the test's folder (or a
/// device of the system), with what teamplan must say it is.
struct NotAFile: CustomTestStringConvertible, Sendable {
    var kind: String
    /// The name as given to teamplan (relative to the folder, or absolute).
    var name: String
    var reason: String
    var testDescription: String { kind }

    static let all = [
        NotAFile(kind: "FIFO", name: "fifo", reason: "it is a FIFO (a pipe), not a regular file"),
        NotAFile(kind: "symlink loop", name: "loop", reason: "it is a symlink loop, not a regular file"),
        NotAFile(kind: "folder", name: "folder", reason: "it is a folder, not a regular file"),
        NotAFile(kind: "/dev/zero", name: "/dev/zero", reason: "it is a device, not a regular file"),
        NotAFile(kind: "/dev/stdin (a pipe)", name: "/dev/stdin", reason: "it is a FIFO (a pipe), not a regular file"),
        NotAFile(kind: "dangling symlink", name: "dangling",
                 reason: "no such file: it is a dangling symbolic link (to 'missing-target', which does not exist)"),
    ]

    /// A folder holding the FIFO, the loop (`loop` → `loop`), the folder,
    /// the dangling link and a valid scenario.
    static func folder() -> TemporaryFolder {
        let folder = TemporaryFolder()
        #expect(mkfifo(folder.path + "/fifo", 0o644) == 0)
        #expect(symlink("loop", folder.path + "/loop") == 0)
        #expect(symlink("missing-target", folder.path + "/dangling") == 0)
        try! FileManager.default.createDirectory(atPath: folder.path + "/folder", withIntermediateDirectories: false)
        folder.write("scenario.yaml", Fixture.scenario)
        return folder
    }
}

/// A FIFO, a device, a folder, a symlink loop — as the scenario, as a CSV
/// table or the previous plan it names, or as a plan file for verify,
/// report and explain: exit 65 with what it is, before anything is read,
/// nothing written, and no hang.
@Suite(.timeLimit(.minutes(5))) struct NotARegularFileTests {
    /// Exit 65, exactly `lines` on standard error, nothing written, no hang.
    func expectRefused(_ arguments: [String], in folder: TemporaryFolder, _ lines: [String]) throws {
        let before = folder.files
        let (result, hung) = try runGuarded(arguments, in: folder.path)
        #expect(!hung, "teamplan \(arguments.joined(separator: " ")) hung")
        #expect(result.status == 65)
        #expect(result.stdout.isEmpty, "stdout: \(result.stdout)")
        #expect(result.stderr == lines.map { $0 + "\n" }.joined())
        #expect(folder.files == before, "nothing written")
    }

    @Test(arguments: NotAFile.all)
    func asTheScenario(_ file: NotAFile) throws {
        let folder = NotAFile.folder()
        try expectRefused(["check", file.name], in: folder, [
            "\(file.name): cannot read the scenario '\(file.name)': \(file.reason)",
            "\(file.name): 1 error; nothing was written",
        ])
        try expectRefused(["plan", file.name, "--out", "out"], in: folder, [
            "\(file.name): cannot read the scenario '\(file.name)': \(file.reason)",
            "\(file.name): 1 error; nothing was written",
        ])
    }

    @Test(arguments: NotAFile.all)
    func asAWorkersTable(_ file: NotAFile) throws {
        let folder = NotAFile.folder()
        let base = Fixture.scenario
        let workers = base.range(of: "workers:\n")!, practices = base.range(of: "practices:\n")!
        let marked = Marked(base.replacingCharacters(in: workers.lowerBound..<practices.lowerBound,
                                                     with: "workers: ⟨1⟩\(file.name)\n"))
        folder.write("table.yaml", marked.text)
        let at = marked.location(file: "table.yaml")
        try expectRefused(["check", "table.yaml"], in: folder, [
            "\(at): cannot read the workers table '\(file.name)': \(file.reason)",
            "table.yaml: 1 error; nothing was written",
        ])
    }

    @Test(arguments: NotAFile.all)
    func asThePreviousPlan(_ file: NotAFile) throws {
        let folder = NotAFile.folder()
        let marked = Marked(Fixture.scenario + "previous: ⟨1⟩\(file.name)\n")
        folder.write("previous.yaml", marked.text)
        let at = marked.location(file: "previous.yaml")
        try expectRefused(["check", "previous.yaml"], in: folder, [
            "\(at): cannot read the previous plan '\(file.name)': \(file.reason)",
            "previous.yaml: 1 error; nothing was written",
        ])
    }

    @Test(arguments: NotAFile.all)
    func asThePlanFileOfVerifyReportAndExplain(_ file: NotAFile) throws {
        let folder = NotAFile.folder()
        let refused = "\(file.name): cannot read the plan '\(file.name)': \(file.reason)"
        try expectRefused(["verify", "scenario.yaml", file.name], in: folder, [
            refused, "\(file.name): 1 error; not a plan teamplan can read",
        ])
        for command in ["report", "explain"] {
            try expectRefused([command, "scenario.yaml", file.name, "--out", "out"], in: folder, [
                refused, "\(file.name): 1 error; not a plan teamplan can read; nothing was written",
            ])
        }
    }

    /// The library's one door: a FIFO without a writer is refused at once
    /// (opening it does not wait for one), and a regular file is read whole.
    @Test func regularFileReadRefusesAFIFOWithoutWaitingAndReadsAFile() throws {
        let folder = NotAFile.folder()
        let started = Date()
        #expect(RegularFile.read(path: folder.path + "/fifo", limit: 100) == .failure(.notRegular(kind: "a FIFO (a pipe)")))
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(RegularFile.read(path: folder.path + "/loop", limit: 100) == .failure(.symlinkLoop))
        #expect(RegularFile.read(path: folder.path + "/nothing", limit: 100) == .failure(.noSuchFile))
        #expect(RegularFile.read(path: folder.path + "/dangling", limit: 100) == .failure(.danglingLink(target: "missing-target")))
        let text = folder.write("ten.txt", "0123456789")
        #expect(RegularFile.read(path: text, limit: 10) == .success(Array("0123456789".utf8)))
        #expect(RegularFile.read(path: text, limit: 9) == .failure(.tooLarge(bytes: 10)))
        // A link to a regular file is that file.
        #expect(symlink("ten.txt", folder.path + "/link") == 0)
        #expect(RegularFile.read(path: folder.path + "/link", limit: 10) == .success(Array("0123456789".utf8)))
        // A file of the system that says it is empty but is not (procfs): read to its end.
        if case .success(let bytes) = RegularFile.read(path: "/proc/self/status", limit: 1 << 20) {
            #expect(String(decoding: bytes, as: UTF8.self).contains("Name:"))
        } else {
            Issue.record("/proc/self/status was not read")
        }
    }

    /// A file teamplan may not read: "permission denied". As root (who may
    /// read anything) teamplan runs as the user nobody, through setpriv.
    @Test func anUnreadableFileIsPermissionDenied() throws {
        let folder = TemporaryFolder()
        #expect(chmod(folder.path, 0o755) == 0)
        folder.write("scenario.yaml", Fixture.scenario)
        for name in ["secret.yaml", "secret.json"] {
            #expect(chmod(folder.write(name, Fixture.scenario), 0) == 0)
        }
        func run(_ arguments: [String]) throws -> Executable.Result {
            geteuid() == 0
                ? try Executable.run(["--reuid=65534", "--regid=65534", "--clear-groups", Executable.url.path] + arguments,
                                     in: folder.path, program: "setpriv")
                : try Executable.run(arguments, in: folder.path)
        }
        let check = try run(["check", "secret.yaml"])
        #expect(check.status == 65)
        #expect(check.stderr == "secret.yaml: cannot read the scenario 'secret.yaml': permission denied\n"
                + "secret.yaml: 1 error; nothing was written\n")
        let verify = try run(["verify", "scenario.yaml", "secret.json"])
        #expect(verify.status == 65)
        #expect(verify.stderr == "secret.json: cannot read the plan 'secret.json': permission denied\n"
                + "secret.json: 1 error; not a plan teamplan can read\n")
    }
}
