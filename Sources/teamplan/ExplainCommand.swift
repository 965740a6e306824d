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

    @Option(help: ArgumentHelp("Seconds for each re-solve (and for planning); a re-solve stopped by it counts what its best plan has.", valueName: "seconds"))
    var timeLimit: Double = 20

    @Option(help: ArgumentHelp("Re-solves run at the same time, each in its own process (default: the machine's cores).", valueName: "n"))
    var jobs: Int?

    /// Internal: solve one changed scenario and print its outcome as JSON.
    @Option(help: .hidden)
    var change: String?

    @OptionGroup var output: ReportOptions

    func validate() throws {
        if !(timeLimit.isFinite && timeLimit > 0) { throw ValidationError("--time-limit must be a number of seconds above 0") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be 1 or more") }
    }

    func run() throws {
        if let change { return try runOne(change) }
        let loaded = try Terminal.loadScenario(scenario, reportWarnings: !output.quiet)
        let scenario = loaded.scenario!
        let options = SolveOptions(timeLimit: timeLimit)
        // Ctrl-C stops the search here and, through the terminal, each
        // re-solve: what is found so far is written (not proven).
        let control = SolveControl()
        let signals = Terminal.stopOnSignals(control)
        defer { signals.forEach { $0.cancel() } }
        let result: SolveResult
        if let plan {
            result = try Terminal.checkedPlan(plan, scenario: scenario)
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
        let outcomes = runAll(changes, control: control)
        let explanation = Explanation(scenario: scenario, plan: evaluation, outcomes: outcomes)
        let language = output.lang ?? Language.from(environment: ProcessInfo.processInfo.environment)
        let headline = PlanSummary.text(result, scenario: scenario, language: language).split(separator: "\n").prefix(3)
            .joined(separator: "\n")
        try output.write(result, scenario: scenario, scenarioPath: self.scenario, explanation: explanation,
                         shown: headline + "\n\n" + ExplainText.text(explanation, language: language)) { folder in
            "\(self.scenario): explained \(Format.count(explanation.practices.count, "practice")) with a gap → \(folder)/"
        }
    }

    /// The child: one changed scenario, its outcome as one JSON line.
    func runOne(_ id: String) throws {
        guard let change = ScenarioChange(id: id) else { throw ValidationError("unknown change '\(id)'") }
        let loaded = ScenarioLoader.load(path: scenario)
        guard let scenario = loaded.scenario else { throw Exit.invalidInput }
        let control = SolveControl()
        let signals = Terminal.stopOnSignals(control)
        defer { signals.forEach { $0.cancel() } }
        let outcome = ChangeOutcome.measure(change, in: scenario, options: SolveOptions(timeLimit: timeLimit), control: control)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        Terminal.out(String(decoding: try encoder.encode(outcome), as: UTF8.self))
    }

    /// Every change solved in a process of its own, `jobs` at a time; a
    /// line on standard error as each ends.
    func runAll(_ changes: [ScenarioChange], control: SolveControl) -> [ChangeOutcome] {
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
                    ? ChangeOutcome.failed(change, "not run: interrupted")
                    : Self.solveInChild(change, executable: executable, scenario: scenario, timeLimit: timeLimit)
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

    static func solveInChild(_ change: ScenarioChange, executable: URL, scenario: String, timeLimit: Double) -> ChangeOutcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = ["explain", scenario, "--change", change.id, "--time-limit", String(timeLimit)]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        let failed = { (why: String) in ChangeOutcome.failed(change, why) }
        do { try process.run() } catch { return failed("could not start: \(error)") }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, let outcome = try? JSONDecoder().decode(ChangeOutcome.self, from: data) else {
            return failed("the re-solve ended with status \(process.terminationStatus)")
        }
        return outcome
    }
}
