import ArgumentParser
import Foundation
import TeamPlan

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Why each practice has a gap, measured; with --marginals, what more money or one more worker would buy.",
        discussion: """
            Plans the scenario (or checks PLAN.json against it), then solves it again once for \
            each family of limits lifted alone — skills, availability, contract hours, each \
            stream's budget, each stream's scope and what it pays for, max workers/practices, \
            team size, leave — each in a process of its own, --jobs at a time, with --time-limit \
            each. For every practice with a gap it prints how much of that gap goes away with \
            each family lifted: the limits that cause it, in hours. --marginals adds each \
            stream's budget +10 % and +25 % (gap hours removed, euros per gap hour) and one \
            more worker of each skill profile at 24 h/week.

            Writes the plan's outputs (as `teamplan plan`) with explain.json and a section \
            "Why the gap" in report.html. See docs/explain.md.

            Examples:
              teamplan explain inputs/westelijke-mijnstreek.yaml
              teamplan explain inputs/westelijke-mijnstreek.yaml --marginals --time-limit 30
              teamplan explain inputs/baandert.yaml inputs/plans/baandert-by-hand.json
            """)

    @Argument(help: "The scenario file (YAML).")
    var scenario: String

    @Argument(help: "A plan to explain (plan.json); default: plan the scenario first.")
    var plan: String?

    @Flag(help: "Also measure each stream's budget +10 % and +25 % and one more worker of each skill profile.")
    var marginals = false

    @Option(name: .customLong("time-limit"), parsing: .unconditional,
            help: ArgumentHelp("Seconds for each re-solve (and for planning); a re-solve stopped by it counts what its best plan has.", valueName: "seconds"))
    var timeLimitArgument = PlainNumber(20)
    var timeLimit: Double { timeLimitArgument.value }

    @Option(parsing: .unconditional, help: ArgumentHelp("Re-solves run at the same time, each in its own process (default: the machine's cores).", valueName: "n"))
    var jobs: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("The most memory each search may take, in MiB (default \(SolveOptions.defaultMemoryLimitMiB)).", valueName: "MiB"))
    var memoryLimit: Int = SolveOptions.defaultMemoryLimitMiB

    /// Internal: solve one changed scenario and print its outcome as JSON.
    @Option(help: .hidden)
    var change: String?

    /// Internal: the digest of the scenario the parent read (a re-solve of
    /// a file changed since measures nothing of it).
    @Option(help: .hidden)
    var digest: String?

    @OptionGroup var output: ReportOptions

    func validate() throws {
        if !(timeLimit.isFinite && timeLimit > 0) { throw ValidationError("--time-limit must be a number of seconds above 0, e.g. 60") }
        if let jobs, !(1...1024).contains(jobs) { throw ValidationError("--jobs must be a whole number from 1 to 1024") }
        if !(1...1_048_576).contains(memoryLimit) { throw ValidationError("--memory-limit must be a whole number of MiB from 1 to 1048576") }
    }

    func run() throws {
        if let change { return try runOne(change) }
        let loaded = try Terminal.loadScenario(scenario, reportWarnings: !output.quiet)
        let scenario = loaded.scenario!
        // A plan given is checked first: its problems come before the folder's.
        let given = try plan.map { try Terminal.checkedPlan($0, scenario: scenario) }
        let claim = try output.claim(scenarioPath: self.scenario,
                                     inputs: loaded.inputFiles + (plan.map { [InputFile(path: $0, what: "the plan")] } ?? []))
        let options = SolveOptions(timeLimit: timeLimit, memoryLimitMiB: memoryLimit)
        // Ctrl-C stops the search here and, through the terminal, each
        // re-solve: what is found so far is written (not proven).
        let control = SolveControl()
        // SIGTERM (a batch system, kill) reaches only this process: it is
        // passed on to the running re-solves, as Ctrl-C is by the terminal.
        let children = ChildProcesses()
        let signals = Terminal.stopOnSignals(control) { children.signalAll($0) }
        defer { signals.forEach { $0.cancel() } }
        let result: SolveResult
        if let given {
            result = given
        } else {
            do {
                result = try Planner.solve(scenario, options: options, control: control)
            } catch {
                Terminal.err("teamplan: \(error)")
                throw Exit.glpkFailed
            }
            guard result.plan != nil else {
                Terminal.err("\(self.scenario): stopped after \(Format.seconds(result.seconds)) before any plan was found; nothing was written")
                throw Exit.stoppedWithoutPlan
            }
        }
        let evaluation = result.evaluation!
        var changes = evaluation.terms.gapHours > 0 ? ScenarioChange.families(of: scenario) : []
        if marginals { changes += ScenarioChange.marginals(of: scenario) }
        let outcomes = runAll(changes, digest: loaded.contentDigest, control: control, children: children)
        let explanation = Explanation(scenario: scenario, plan: evaluation, outcomes: outcomes)
        let language = output.lang ?? Language.from(environment: ProcessInfo.processInfo.environment)
        let headline = PlanSummary.text(result, scenario: scenario, language: language).split(separator: "\n").prefix(3)
            .joined(separator: "\n")
        try output.write(result, scenario: scenario, into: claim, explanation: explanation,
                         shown: headline + "\n\n" + ExplainText.text(explanation, language: language)) { folder in
            "\(self.scenario): explained \(Format.count(explanation.practices.count, "practice")) with a gap → \(folder)/"
        }
        // Written, but part of the answer is missing: the status says so.
        let unmeasured = explanation.unmeasured
        if !unmeasured.isEmpty {
            Terminal.err("teamplan explain: \(Format.count(unmeasured.count, "re-solve")) of \(outcomes.count) gave no answer; what was measured is written")
            let stopped = unmeasured.contains { $0.failure == ChangeOutcome.notRunInterrupted || $0.failure == ChangeOutcome.stoppedWithoutPlan }
            throw control.isStopped || stopped ? Exit.stoppedWithoutPlan : Exit.glpkFailed
        }
    }

    /// The child: one changed scenario, its outcome as one JSON line.
    func runOne(_ id: String) throws {
        guard let change = ScenarioChange(id: id) else { throw ValidationError("unknown change '\(id)'") }
        let control = SolveControl()
        let signals = Terminal.stopOnSignals(control)
        defer { signals.forEach { $0.cancel() } }
        // A re-solve ends with explain, however explain ends: its answer has
        // no reader any more. (SIGKILL: this kernel sends the signal to the
        // main thread, which blocks SIGTERM for Dispatch's signal sources.)
        ChildProcess.endWithParent(signal: SIGKILL)
        let loaded = ScenarioLoader.load(path: scenario)
        guard let scenario = loaded.scenario else { throw Exit.invalidInput }
        let outcome = digest.map { $0 != loaded.contentDigest } == true
            ? ChangeOutcome.failed(change, "the scenario changed while explain ran; run explain again")
            : ChangeOutcome.measure(change, in: scenario, options: SolveOptions(timeLimit: timeLimit, memoryLimitMiB: memoryLimit),
                                    control: control)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        Terminal.out(String(decoding: try encoder.encode(outcome), as: UTF8.self))
    }

    /// Every change solved in a process of its own, `jobs` at a time; a
    /// line on standard error as each ends.
    func runAll(_ changes: [ScenarioChange], digest: String, control: SolveControl, children: ChildProcesses) -> [ChangeOutcome] {
        guard !changes.isEmpty else { return [] }
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = jobs ?? ProcessInfo.processInfo.activeProcessorCount
        let outcomes = Outcomes()
        let executable = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        let started = Date()
        for change in changes {
            queue.addOperation {
                // After Ctrl-C no new re-solve starts; the running ones keep their best plans.
                let outcome = control.isStopped
                    ? ChangeOutcome.failed(change, ChangeOutcome.notRunInterrupted)
                    : Self.solveInChild(change, executable: executable, scenario: scenario,
                                        options: ["--time-limit", String(timeLimit), "--memory-limit", String(memoryLimit),
                                                  "--digest", digest],
                                        children: children, control: control)
                let done = outcomes.add(outcome)
                if !output.quiet {
                    Terminal.err("  [\(done)/\(changes.count)] \(change.description): \(outcome.status)"
                                 + (outcome.gapHours.map { ", gap \(Format.hours($0)) h" } ?? "")
                                 + " (\(Format.seconds(Date().timeIntervalSince(started))))")
                }
            }
        }
        queue.waitUntilAllOperationsAreFinished()
        return changes.compactMap { outcomes.byChange[$0.id] }
    }

    /// The outcomes as they come in from the worker threads.
    final class Outcomes: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var byChange: [String: ChangeOutcome] = [:]

        /// Adds one; returns how many there are.
        func add(_ outcome: ChangeOutcome) -> Int {
            lock.lock()
            defer { lock.unlock() }
            byChange[outcome.change] = outcome
            return byChange.count
        }
    }

    static func solveInChild(_ change: ScenarioChange, executable: URL, scenario: String, options: [String],
                             children: ChildProcesses, control: SolveControl) -> ChangeOutcome {
        let process = Process()
        process.executableURL = executable
        // The scenario after `--`: a file name that starts with '-' is not an option.
        process.arguments = ["explain", "--change", change.id] + options + ["--", scenario]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let failed = { (why: String) in ChangeOutcome.failed(change, why) }
        do { try children.run(process) } catch { return failed("could not start teamplan for it: \(error.localizedDescription)") }
        // Standard error is read beside standard output, so that neither pipe can fill and stall the child.
        let errors = PipeReader(fd: err.fileHandleForReading.fileDescriptor)
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        children.ended(process)
        let said = String(decoding: errors.wait(), as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
        if process.terminationReason == .uncaughtSignal {
            return failed("the re-solve was ended by signal \(process.terminationStatus)" + (said.isEmpty ? "" : ": \(said)"))
        }
        guard process.terminationStatus == 0, let outcome = try? JSONDecoder().decode(ChangeOutcome.self, from: data) else {
            if control.isStopped && process.terminationStatus == 75 { return failed(ChangeOutcome.stoppedWithoutPlan) }
            return failed("the re-solve ended with status \(process.terminationStatus)" + (said.isEmpty ? "" : ": \(said)"))
        }
        return outcome
    }
}

/// The re-solves running now, so that a signal to explain reaches them.
final class ChildProcesses: @unchecked Sendable {
    private let lock = NSLock()
    private var running: [ObjectIdentifier: Process] = [:]
    private var signalled: Int32?

    /// Starts `process`; one started after a stop signal gets it at once.
    func run(_ process: Process) throws {
        try lock.withLock {
            try process.run()
            running[ObjectIdentifier(process)] = process
            if let signalled { kill(process.processIdentifier, signalled) }
        }
    }

    func ended(_ process: Process) {
        _ = lock.withLock { running.removeValue(forKey: ObjectIdentifier(process)) }
    }

    /// Sends `number` to every running re-solve, and again every 0.2 s until
    /// they have ended: a child that has just started has not yet set up its
    /// handler (and inherits the ignored signal), so one signal can be lost.
    func signalAll(_ number: Int32) {
        let first = lock.withLock {
            defer { signalled = number }
            return signalled == nil
        }
        guard first else { return }
        Thread.detachNewThread { [self] in
            while true {
                let any = lock.withLock {
                    for process in running.values where process.isRunning { kill(process.processIdentifier, number) }
                    return !running.isEmpty
                }
                if !any { return }
                Thread.sleep(forTimeInterval: 0.2)
            }
        }
    }
}
