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
            team size, leave — on --jobs threads at a time, with --time-limit \
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

    @Option(parsing: .unconditional, help: ArgumentHelp("Re-solves run at the same time (default: the machine's cores).", valueName: "n"))
    var jobs: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("The most memory each search may take, in MiB (default \(SolveOptions.defaultMemoryLimitMiB)).", valueName: "MiB"))
    var memoryLimit: Int = SolveOptions.defaultMemoryLimitMiB

    @OptionGroup var output: ReportOptions

    func validate() throws {
        if !(timeLimit.isFinite && timeLimit > 0) { throw ValidationError("--time-limit must be a number of seconds above 0, e.g. 60") }
        if let jobs, !(1...1024).contains(jobs) { throw ValidationError("--jobs must be a whole number from 1 to 1024") }
        if !(1...1_048_576).contains(memoryLimit) { throw ValidationError("--memory-limit must be a whole number of MiB from 1 to 1048576") }
    }

    func run() throws {
        // Ctrl-C, SIGTERM and SIGHUP stop the search and every re-solve:
        // what is found so far is written (not proven), and the status says
        // what is missing.
        let control = SolveControl()
        let signals = Terminal.stopOnSignals(control)
        defer { signals.forEach { $0.cancel() } }
        var events = Terminal.events(quiet: output.quiet, language: output.request.language)
        let started = Date()
        if !output.quiet {
            let l = output.request.language.labels
            events.reSolved = { outcome, done, count in
                let status = l.language == .nl
                    ? ["optimal": "optimaal", "feasible": "geldig, niet bewezen", "failed": "mislukt"][outcome.status] ?? outcome.status
                    : outcome.status
                Terminal.err("  [\(done)/\(count)] \(l.change(outcome.change)): \(status)"
                             + (outcome.measurement.map { ", \(l.gapH) \(l.hours($0.gapHours))" } ?? "")
                             + " (\(l.seconds(Date().timeIntervalSince(started))))")
            }
        }
        let request = ExplainWorkflow.Request(
            scenario: scenario, plan: plan, marginals: marginals,
            options: Terminal.solveOptions(timeLimit: timeLimit, memoryLimitMiB: memoryLimit),
            jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount, output: output.request)
        let done = try ExplainWorkflow.run(request, control: control, events: events)
        Terminal.out(output.quiet ? done.quietLine : done.written.text(shown: done.text))
        // Written, but part of the answer is missing: the status says so.
        if let incomplete = done.incomplete { throw incomplete }
    }
}
