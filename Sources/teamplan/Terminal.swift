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

    /// SIGINT, SIGTERM and SIGHUP (a closed terminal) stop the search (the
    /// best plan is kept) instead of the process; `forward` passes the
    /// signal on (to child processes). Keep the returned sources alive while
    /// solving.
    ///
    /// A second Ctrl-C ends the process at once (exit 130; `StopRequests`
    /// says when a signal means that). Output folders are written to a
    /// temporary folder and renamed into place, so nothing half is left.
    static func stopOnSignals(_ control: SolveControl, forward: (@Sendable (Int32) -> Void)? = nil) -> [DispatchSourceSignal] {
        let requests = Locked(StopRequests())
        return [SIGINT, SIGTERM, SIGHUP].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                switch requests.withLock({ $0.received(number, at: Date()) }) {
                case .ignore:
                    return
                case .stopNow:
                    forward?(number)
                    err(language(nil) == .nl
                        ? "teamplan: meteen gestopt (een tweede Ctrl-C): er wordt niets meer geschreven; wat al geschreven was, blijft zoals het was"
                        : "teamplan: stopped at once (a second Ctrl-C): nothing more is written; what was written before stays as it was")
                    _exit(130)
                case .stop:
                    control.stop()
                    forward?(number)
                }
            }
            source.resume()
            return source
        }
    }

    /// Every diagnostic, one a line, on standard error.
    static func report(_ diagnostics: [Diagnostic], language: Language = language(nil)) {
        guard !diagnostics.isEmpty else { return }
        err(diagnostics.map { $0.text(language) }.joined(separator: "\n"))
    }

    /// What a workflow tells while it runs: the scenario's warnings and
    /// notices as it is read (unless quiet), and the search's progress line.
    static func events(quiet: Bool, progress: ProgressLine? = nil, language: Language = language(nil)) -> WorkflowEvents {
        var events = WorkflowEvents(read: { loaded in if !quiet { report(loaded.diagnostics, language: language) } })
        if let progress { events.solving = { progress.update($0) } }
        return events
    }

    /// The language asked for, else the one of LANG / LC_ALL.
    static func language(_ asked: Language?) -> Language {
        let language = asked ?? Language.from(environment: ProcessInfo.processInfo.environment)
        if asked != nil { chosenLanguage = language }
        return language
    }

    /// The language a command's `--lang` asked for, once it was read: a
    /// failure is told in it (`TeamPlanCommand.rendered`). One command runs
    /// per process, and it sets this before its work begins.
    nonisolated(unsafe) static var chosenLanguage: Language?

    /// Solve options with the developers' GLPK knobs from TEAMPLAN_GLPK
    /// (docs/solver.md): the one place the environment reaches the solver.
    static func solveOptions(timeLimit: Double?, mipGap: Double? = nil, verbose: Bool = false,
                             memoryLimitMiB: Int = SolveOptions.defaultMemoryLimitMiB) -> SolveOptions {
        var options = SolveOptions(timeLimit: timeLimit, mipGap: mipGap, verbose: verbose, memoryLimitMiB: memoryLimitMiB,
                                   backendTuning: ProcessInfo.processInfo.environment["TEAMPLAN_GLPK"])
        #if DEBUG
        if ProcessInfo.processInfo.environment["TEAMPLAN_TEST_BACKEND"] == "drops-a-session" {
            options.backend = DropsASession()
        }
        #endif
        return options
    }
}

#if DEBUG
/// Exit 70 can only come from a bug, so tests make one (debug builds only,
/// TEAMPLAN_TEST_BACKEND=drops-a-session): GLPK's solution with its first
/// held session taken out, which the model's own check must refuse.
struct DropsASession: SolverBackend {
    func solve(_ model: LinearModel, options: SolveOptions, objectiveStep: Double?, control: SolveControl?,
               progress: (@Sendable (SolveProgress) -> Void)?) throws -> RawSolution {
        // As a backend that ignored the cutoff row would: a solution to spoil even when the first plan is the best.
        var solution = try GLPKBackend().solve(model.removingRows(named: LinearModel.cutoffRow), options: options,
                                               objectiveStep: objectiveStep, control: control, progress: progress)
        if var values = solution.values,
           let held = model.variables.indices.first(where: { model.variables[$0].name.hasPrefix("x[") && values[$0] > 0.5 }) {
            values[held] = 0
            solution.values = values
        }
        return solution
    }

    func modelText(_ model: LinearModel, format: ModelFormat) throws -> String {
        try GLPKBackend().modelText(model, format: format)
    }
}
#endif

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
