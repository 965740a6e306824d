import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif
import Dispatch
import Foundation
import TeamPlan

/// Where the executable writes: results to standard output, diagnostics and
/// progress to standard error.
enum Terminal {
    static func out(_ text: String) { output.write(text.hasSuffix("\n") ? text : text + "\n") }

    static func err(_ text: String) { error.write(visible(text.hasSuffix("\n") ? text : text + "\n")) }

    /// Text with every control character but line ends and tabs shown as
    /// `\u{1B}`: a name from a file cannot drive the terminal (an escape
    /// sequence that retitles the window or clears the screen).
    static func visible(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if (v < 0x20 && scalar != "\n" && scalar != "\t") || (0x7F...0x9F).contains(v) {
                out.append(contentsOf: "\\u{\(String(v, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Text rewritten in place on standard error (progress), no line end added.
    static func errInPlace(_ text: String) { error.write(text) }

    static let output = StandardStream(fd: 1)
    static let error = StandardStream(fd: 2)

    /// Whether something meant for standard output or standard error could
    /// not be written (closed, a broken pipe, a full disk).
    static var lostOutput: Bool { output.lost || error.lost }

    /// Before anything else: a closed standard stream gets /dev/null in its
    /// place (so that no file teamplan opens takes its number and receives
    /// messages), and counts as one that loses what is written to it; a
    /// broken pipe is a write error, not a signal that ends the process.
    static func guardStandardStreams() {
        signal(SIGPIPE, SIG_IGN)
        for stream in [nil, output, error] as [StandardStream?] {
            let fd = stream?.fd ?? 0
            guard fcntl(fd, F_GETFD) == -1, errno == EBADF else { continue }
            let null = open("/dev/null", O_RDWR)
            if null >= 0 && null != fd {
                dup2(null, fd)
                close(null)
            }
            stream?.markClosed()
        }
    }

    static var standardErrorIsTerminal: Bool { isatty(2) == 1 && !error.lost }

    /// `--json` output: sorted snake_case keys, as plan.json spells them.
    static func json<T: Encodable>(_ value: T) throws -> String { try JSONOutput.encode(value) }

    /// SIGINT, SIGTERM and SIGHUP (a closed terminal) stop the search (the
    /// best plan is kept) instead of the process; `forward` passes the
    /// signal on (to child processes). Keep the returned sources alive while
    /// solving.
    static func stopOnSignals(_ control: SolveControl, forward: (@Sendable (Int32) -> Void)? = nil) -> [DispatchSourceSignal] {
        [SIGINT, SIGTERM, SIGHUP].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                control.stop()
                forward?(number)
            }
            source.resume()
            return source
        }
    }

    /// Every diagnostic, one a line, on standard error.
    static func report(_ diagnostics: [Diagnostic]) {
        guard !diagnostics.isEmpty else { return }
        err(diagnostics.map(\.description).joined(separator: "\n"))
    }

    /// Reads a scenario; prints every diagnostic and exits 65 when it has
    /// errors. Otherwise prints its warnings and notices unless the caller
    /// shows them itself (`check` lists them in its output).
    static func loadScenario(_ path: String, reportWarnings: Bool = true) throws -> LoadedScenario {
        let loaded = ScenarioLoader.load(path: path)
        let failed = loaded.diagnostics.hasErrors || loaded.scenario == nil
        if failed || reportWarnings { report(loaded.diagnostics) }
        if failed {
            let count = loaded.diagnostics.errors.count
            err("\(path): \(Format.count(count, "error")); nothing was written")
            throw Exit.invalidInput
        }
        return loaded
    }

    /// An output folder checked and locked; exit 73 saying why it may not be written.
    static func claim(_ folder: OutputFolder, inputs: [InputFile] = []) throws -> OutputFolder.Claim {
        do {
            return try folder.claim(inputs: inputs)
        } catch {
            err("teamplan: \(error)")
            throw Exit.cannotWrite
        }
    }

    /// The files written into a claimed folder, whole or not at all; exit 73 when they cannot be.
    static func write(_ files: [(String, Data)], into claim: OutputFolder.Claim) throws {
        do {
            try claim.write(files)
        } catch {
            err("teamplan: \(error)")
            throw Exit.cannotWrite
        }
    }

    /// A plan file read and checked against the scenario as `verify` does:
    /// exit 65 when it cannot be read, exit 1 with the rules it breaks.
    static func checkedPlan(_ path: String, scenario: Scenario) throws -> SolveResult {
        let (plan, problems) = PlanFile.load(path: path)
        report(problems)
        guard let plan, !problems.hasErrors else {
            err("\(path): \(Format.count(problems.errors.count, "error")); not a plan teamplan can read; nothing was written")
            throw Exit.invalidInput
        }
        let evaluation = Evaluation(scenario: scenario, plan: plan)
        guard evaluation.isValid else {
            err(evaluation.violations.map { "  " + $0.description }.joined(separator: "\n"))
            err("\(path): the plan breaks \(Format.count(evaluation.violations.count, "rule")); nothing was written (see teamplan verify)")
            throw ExitCode(1)
        }
        return SolveResult(readFrom: plan, evaluation: evaluation)
    }
}

/// Standard output or error, written with the system's calls: a closed
/// stream or a broken pipe loses the text (and is remembered, for the exit
/// status) instead of trapping as FileHandle does.
final class StandardStream: @unchecked Sendable {
    let fd: Int32
    private let lock = NSLock()
    private var failed = false

    init(fd: Int32) { self.fd = fd }

    var lost: Bool { lock.withLock { failed } }

    func markClosed() { lock.withLock { failed = true } }

    func write(_ text: String) {
        lock.withLock {
            guard !failed else { return }
            var bytes = Array(text.utf8)[...]
            while !bytes.isEmpty {
                let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress!, $0.count) }
                if n < 0 {
                    if errno == EINTR { continue }
                    failed = true
                    return
                }
                bytes = bytes.dropFirst(n)
            }
        }
    }
}
