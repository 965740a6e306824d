import ArgumentParser
import Dispatch
import Foundation
import TeamPlan

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Find the best plan for a scenario and write it.",
        discussion: """
            Solves the scenario with GLPK for the best plan by the model's objective, checks the \
            plan against the model's rules, prints a summary and writes plan.json, summary.txt and \
            the tables schedule.csv, weeks.csv, funding.csv and workers.csv into the output folder (default out/<scenario file stem>/). The folder is written \
            whole or not at all; a previous output is replaced only when the new one is complete.

            --time-limit and Ctrl-C stop the search and keep the best plan found (status feasible, \
            with its MIP gap); stopped before any plan was found, nothing is written (exit 75).

            Examples:
              teamplan plan inputs/westelijke-mijnstreek.yaml
              teamplan plan inputs/baandert.yaml --out plans/baandert --quiet
              teamplan plan region.yaml --time-limit 60 --mip-gap 0.01
              teamplan plan inputs/westelijke-mijnstreek.yaml --csv excel-nl
              teamplan plan inputs/westelijke-mijnstreek.yaml --least-money
            """)

    @Argument(help: "The scenario file (YAML).")
    var scenario: String

    @OptionGroup var solve: SolveArguments

    @OptionGroup var output: ReportOptions

    func validate() throws {
        if output.quiet && solve.verbose { throw ValidationError("--quiet and --verbose exclude each other") }
    }

    func run() throws {
        let done = try solve.running(quiet: output.quiet, language: output.request.language) { control, events in
            try PlanWorkflow.run(scenario: scenario, options: solve.options, output: output.request, control: control, events: events)
        }
        if let problem = done.priceProblem { Terminal.err(problem) }
        Terminal.out(output.quiet ? done.quietLine : done.written.text())
    }
}

/// The search's options, the same for `plan` and `replan`.
struct SolveArguments: ParsableArguments {
    @Option(name: .customLong("time-limit"), parsing: .unconditional,
            help: ArgumentHelp("Stop the search after this many seconds and keep the best plan found.", valueName: "seconds"))
    var timeLimitArgument: PlainNumber?
    var timeLimit: Double? { timeLimitArgument?.value }

    @Option(name: .customLong("mip-gap"), parsing: .unconditional,
            help: ArgumentHelp("Stop once the best plan is proven within this relative gap (0.01 = 1 %).", valueName: "fraction"))
    var mipGapArgument: PlainNumber?
    var mipGap: Double? { mipGapArgument?.value }

    @Option(parsing: .unconditional, help: ArgumentHelp("The most memory the search may take, in MiB (default \(SolveOptions.defaultMemoryLimitMiB)).", valueName: "MiB"))
    var memoryLimit: Int = SolveOptions.defaultMemoryLimitMiB

    @Flag(help: "Print GLPK's log and the model's size.")
    var verbose = false

    @Flag(help: "Among the plans with the best objective, take the one that spends the least money (a second, exact solve).")
    var leastMoney = false

    func validate() throws {
        if let t = timeLimit, !(t.isFinite && t > 0) { throw ValidationError("--time-limit must be a number of seconds above 0, e.g. 60") }
        if let g = mipGap, !(g.isFinite && g >= 0 && g < 1) { throw ValidationError("--mip-gap must be a fraction from 0 to below 1, e.g. 0.01") }
        if !(1...1_048_576).contains(memoryLimit) { throw ValidationError("--memory-limit must be a whole number of MiB from 1 to 1048576") }
    }

    var options: SolveOptions {
        var options = Terminal.solveOptions(timeLimit: timeLimit, mipGap: mipGap, verbose: verbose, memoryLimitMiB: memoryLimit)
        options.leastMoney = leastMoney
        return options
    }

    /// Runs a solving workflow with what every solve on the command line
    /// has: Ctrl-C and SIGTERM stop it and keep the best plan, and a
    /// progress line on a terminal (not with --quiet), cleared before the
    /// answer is printed.
    func running<T>(quiet: Bool, language: Language, _ body: (SolveControl, WorkflowEvents) throws -> T) throws -> T {
        let control = SolveControl()
        let signals = Terminal.stopOnSignals(control)
        defer { signals.forEach { $0.cancel() } }
        let progress = quiet || !Terminal.standardErrorIsTerminal ? nil : ProgressLine()
        defer { progress?.clear() }
        return try body(control, Terminal.events(quiet: quiet, progress: progress, language: language))
    }
}

struct ReplanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replan",
        abstract: "Plan the rest of the quarter from a date, after something changed.",
        discussion: """
            Mid-quarter a worker falls ill, a practice closes its room, a funder cuts a budget: \
            enter it in the scenario and replan from the date. The weeks before the date's week \
            stay as the current plan made them (counted under the scenario as it now stands); \
            the rest is planned anew with the current plan as last quarter's, so that it changes \
            only where that pays, and with every budget less what the weeks before spent. The \
            summary and report start with what changes from the date (sessions that end, start \
            or move, backups, the money left); plan.json says `from`.

            Examples:
              teamplan replan inputs/westelijke-mijnstreek.yaml out/westelijke-mijnstreek/plan.json --from 2027-02-15
              teamplan replan team.yaml plan.json --from 2027-03-01 --out replans/march --time-limit 60
            """)

    @Argument(help: "The scenario file (YAML), with what changed.")
    var scenario: String

    @Argument(help: "The current plan (plan.json).")
    var plan: String

    @Option(help: "The first day of the new plan (YYYY-MM-DD): the rest of its week and the weeks after are planned anew.")
    var from: String

    @OptionGroup var solve: SolveArguments

    @OptionGroup var output: ReportOptions

    func validate() throws {
        if output.quiet && solve.verbose { throw ValidationError("--quiet and --verbose exclude each other") }
    }

    func run() throws {
        let done = try solve.running(quiet: output.quiet, language: output.request.language) { control, events in
            try ReplanWorkflow.run(scenario: scenario, plan: plan, from: from, options: solve.options,
                                   output: output.request, control: control, events: events)
        }
        Terminal.out(output.quiet ? done.quietLine : done.written.text())
    }
}

/// One line on standard error, rewritten in place while the search runs.
final class ProgressLine: @unchecked Sendable {
    private let lock = NSLock()
    private var shown = false

    func update(_ p: SolveProgress) {
        guard p.seconds >= 1 else { return }
        var text = String(format: "  %.1f s", p.seconds)
        text += p.incumbent.map { "  best plan: objective \(Format.exact($0))" } ?? "  no plan yet"
        if let bound = p.bound { text += "  bound \(Format.exact((bound * 100).rounded() / 100))" }
        if let gap = p.mipGap, p.incumbent != nil { text += "  MIP gap " + Format.percent(gap) }
        lock.lock()
        defer { lock.unlock() }
        Terminal.errInPlace("\r\u{1B}[K" + text)
        shown = true
    }

    func clear() {
        lock.lock()
        defer { lock.unlock() }
        if shown { Terminal.errInPlace("\r\u{1B}[K") }
        shown = false
    }
}

