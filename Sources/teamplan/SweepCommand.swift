import ArgumentParser
import Foundation
import TeamPlan

struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Plan a scenario at every point of a grid and compare the points.",
        subcommands: [SweepRunCommand.self, SweepMergeCommand.self],
        defaultSubcommand: SweepRunCommand.self)
}

struct SweepRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Plan every point of the axes' product in parallel and compare them (the default of sweep).",
        discussion: """
            Each point is the scenario changed as its values say, planned exactly as `teamplan plan` \
            would (optimal unless --time-limit stops it). Axes: --team-size, --budget-scale (one per \
            stream, or * for all), --hours-scale (every worker's contract hours), and several scenario \
            files side by side. Values: FROM...TO (whole numbers), FROM...TO:STEP, or a list a,b,c.

            Writes into the output folder: sweep.csv and sweep.json (one row per point), sweep.svg and \
            sweep.html (gap hours and euros used against the swept value) and points/NAME/ with each \
            point's plan.json and summary.txt. Ctrl-C stops: finished points are kept and written. \
            --lang nl writes the page, the chart and the table's headers in Dutch, and sweep.csv as \
            Dutch Excel opens it (--csv excel-nl; --csv rfc4180 keeps commas and decimal points).

            Values no scenario can take are left out and said once: team sizes above the number of \
            workers (each plans as the whole team), factors that give a worker more than 60 contract \
            hours a week or make a budget larger than a scenario may state.

            --shard K/N solves only every N-th point from K (K from 0); `teamplan sweep merge` joins the \
            shards' folders. In a Slurm job array (--array=0-(N−1)) or a Kubernetes Indexed Job the index \
            comes from the environment, the count from --shards N (see docs/scale-out.md); an index \
            without --shards, or one that disagrees with --shard, is refused. --shards 1 is the whole \
            sweep, also inside a batch job.

            With a budget axis each point's plan is the one of least money among those of its best \
            objective (--no-least-money to skip that second solve).

            Examples:
              teamplan sweep inputs/westelijke-mijnstreek.yaml --team-size 4...8
              teamplan sweep region.yaml --budget-scale wmo-stein=0.8...1.2:0.1 --hours-scale 0.9,1
              teamplan sweep plan-a.yaml plan-b.yaml --time-limit 60 --out out/compare
              teamplan sweep region.yaml --team-size 20...25 --shard 0/3 --out out/shard-0
            """)

    @Argument(help: "The scenario file(s); several are compared side by side.")
    var scenarios: [String]

    @Option(help: ArgumentHelp("Team sizes, e.g. 3...8.", valueName: "range"))
    var teamSize: String?

    @Option(parsing: .singleValue, help: ArgumentHelp("A stream's budget factors, e.g. wmo-stein=0.8...1.2:0.1; * for every stream. Repeatable.", valueName: "stream=range"))
    var budgetScale: [String] = []

    @Option(help: ArgumentHelp("Factors on every worker's contract hours, e.g. 0.9...1.1:0.05.", valueName: "range"))
    var hoursScale: String?

    @Option(name: .customLong("time-limit"), parsing: .unconditional,
            help: ArgumentHelp("Stop each point's search after this many seconds and keep its best plan.", valueName: "seconds"))
    var timeLimitArgument: PlainNumber?
    var timeLimit: Double? { timeLimitArgument?.value }

    @Option(parsing: .unconditional, help: ArgumentHelp("Points solved at the same time (default: the machine's cores).", valueName: "n"))
    var jobs: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("Solve only shard K of N (K from 0), e.g. 0/3.", valueName: "k/n"))
    var shard: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("The number of shards when the index comes from the batch system: a Slurm array task's SLURM_ARRAY_TASK_ID or a Kubernetes JOB_COMPLETION_INDEX.", valueName: "n"))
    var shards: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("The output folder (default out/sweep-<first scenario's stem>).", valueName: "dir"))
    var out: String?

    @Flag(inversion: .prefixedNo,
          help: "Each point's plan the one of least money among those of its best objective (default: on when a budget is swept).")
    var leastMoney: Bool?

    /// `--csv` and `--lang`, as `plan` takes them.
    @OptionGroup var format: OutputFormat

    @Flag(help: "Print only the outcome line.")
    var quiet = false

    func validate() throws {
        if scenarios.isEmpty { throw ValidationError("give at least one scenario file") }
        if let t = timeLimit, !(t.isFinite && t > 0) { throw ValidationError("--time-limit must be a number of seconds above 0, e.g. 60") }
        if let j = jobs, !(1...1024).contains(j) { throw ValidationError("--jobs must be a whole number from 1 to 1024") }
        if let n = shards, !(1...SweepGrid.maximumPoints).contains(n) { throw ValidationError("--shards must be a whole number from 1 to \(SweepGrid.maximumPoints)") }
    }

    func run() throws {
        var request = SweepWorkflow.Request(
            scenarios: scenarios, teamSize: teamSize, budgetScales: budgetScale, hoursScale: hoursScale,
            options: Terminal.solveOptions(timeLimit: timeLimit),
            jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount, shard: shard, shards: shards,
            environment: ProcessInfo.processInfo.environment, folder: out)
        request.leastMoney = leastMoney
        request.language = format.language
        request.dialect = format.dialect
        let control = SolveControl()
        let signals = Terminal.stopOnSignals(control)
        defer { signals.forEach { $0.cancel() } }
        var events = Terminal.events(quiet: quiet, language: format.language)
        let progress = SweepProgress(mode: quiet ? .silent : Terminal.standardErrorIsTerminal ? .bar : .lines)
        events.sweepStarts = { points, shard in
            progress.start(total: points, shardNote: shard.map { " (shard \($0.index) of \($0.count))" } ?? "")
        }
        events.sweep = { progress.handle($0) }
        let done: SweepWorkflow.Done
        do {
            done = try SweepWorkflow.run(request, control: control, events: events)
        } catch let failure where failure.kind == .wrongRequest {
            progress.finish()
            // An axis or a shard that cannot be: the command line is wrong (usage shown, exit 64).
            throw ValidationError(failure.message)
        } catch {
            progress.finish()
            throw error
        }
        progress.finish()
        Terminal.out(SweepWorkflow.outcomeLine(done))
        // What the axes left out, said once.
        for notice in SweepReport.notices(done.table) { Terminal.err("teamplan sweep: " + notice) }
        if !quiet && !done.table.rows.isEmpty { Terminal.out(SweepWorkflow.text(done.table)) }
        // Written, but not every point was solved: the status says so.
        if let incomplete = done.incomplete { throw incomplete }
    }
}

struct SweepMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the folders of a sharded sweep into the output of an unsharded one.",
        discussion: """
            Reads each shard's sweep.json and points/, checks that they are shards of the same sweep \
            (same scenarios, axes and time limit, no point twice) and writes OUT as one run without \
            shards would have (but for the timings). It says what it merged, which points were stopped \
            by the time limit, and which are missing and which shard to rerun for them. Exit status 0: \
            the sweep is complete; 75: points are missing (what there is, is written).

            Example:
              teamplan sweep merge out/sweep out/shard-0 out/shard-1 out/shard-2
            """)

    @Argument(help: "The folder to write.")
    var out: String

    @Argument(help: "The shards' output folders.")
    var shardFolders: [String]

    func validate() throws {
        if out.isEmpty { throw ValidationError("OUT is empty; name the folder to write the merged sweep into, e.g. out/sweep") }
        if shardFolders.isEmpty { throw ValidationError("give the shards' folders after OUT") }
    }

    func run() throws {
        let done = try SweepWorkflow.merge(into: out, shards: shardFolders)
        Terminal.out(done.lines.joined(separator: "\n"))
        // Written, but points are missing: the status says the sweep is not complete.
        if let incomplete = done.incomplete { throw incomplete }
    }
}

/// The sweep's progress on standard error: a bar rewritten in place on a
/// terminal, a line per finished point otherwise.
final class SweepProgress: @unchecked Sendable {
    enum Mode { case silent, bar, lines }

    private let lock = NSLock()
    private var total = 0
    private var shardNote = ""
    private let mode: Mode
    private let started = Date()
    private var done = 0
    private var running = 0
    private var timer: DispatchSourceTimer?

    init(mode: Mode) { self.mode = mode }

    /// The sweep's size is known: the first line, or the bar from now on.
    func start(total: Int, shardNote: String) {
        lock.withLock {
            self.total = total
            self.shardNote = shardNote
        }
        if mode == .lines { Terminal.err("sweep: \(Format.count(total, "point"))\(shardNote)") }
        if mode == .bar {
            let timer = DispatchSource.makeTimerSource(queue: .global())
            timer.schedule(deadline: .now() + 0.5, repeating: 0.5)
            timer.setEventHandler { [weak self] in self?.drawBar() }
            timer.resume()
            lock.withLock { self.timer = timer }
        }
    }

    func handle(_ event: SweepEvent) {
        lock.lock()
        defer { lock.unlock() }
        switch event {
        case .started:
            running += 1
        case .finished(let outcome):
            running -= 1
            done += 1
            if mode == .lines {
                let what: String
                if let failure = outcome.failure {
                    what = "failed: \(failure)"
                } else if let result = outcome.result {
                    what = result.status.rawValue + (result.evaluation.map { ", gap \(Format.hours($0.terms.gapHours)) h" } ?? "")
                } else {
                    what = "no result"
                }
                Terminal.err("sweep: \(done)/\(total) \(outcome.point.name): \(what) (\(Format.seconds(outcome.seconds)))")
            }
        }
        if mode == .bar { drawLocked() }
    }

    private func drawBar() {
        lock.lock()
        defer { lock.unlock() }
        drawLocked()
    }

    private func drawLocked() {
        let elapsed = Date().timeIntervalSince(started)
        let width = 24
        let filled = total > 0 ? width * done / total : width
        var text = "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "]"
        text += " \(done)/\(total) points\(shardNote), \(running) running, \(Int(elapsed)) s"
        if done > 0 && done < total {
            text += ", about \(Int((elapsed / Double(done) * Double(total - done)).rounded())) s left"
        }
        Terminal.errInPlace("\r\u{1B}[K" + text)
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        guard let timer else { return }
        timer.cancel()
        self.timer = nil
        Terminal.errInPlace("\r\u{1B}[K")
    }
}
