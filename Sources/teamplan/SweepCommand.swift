import ArgumentParser
import Foundation
import TeamPlan

struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Plan a scenario at every point of a grid and compare the points.",
        subcommands: [SweepRun.self, SweepMerge.self],
        defaultSubcommand: SweepRun.self)
}

struct SweepRun: ParsableCommand {
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
            point's plan.json and summary.txt. Ctrl-C stops: finished points are kept and written.

            --shard K/N solves only every N-th point from K (K from 0); `teamplan sweep merge` joins the \
            shards' folders. In a Slurm job array or a Kubernetes Indexed Job the shard comes from the \
            environment (see docs/scale-out.md).

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

    @Option(parsing: .unconditional, help: ArgumentHelp("The number of shards when the index comes from JOB_COMPLETION_INDEX (Kubernetes).", valueName: "n"))
    var shards: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("The output folder (default out/sweep-<first scenario's stem>).", valueName: "dir"))
    var out: String?

    @Flag(help: "Print only the outcome line.")
    var quiet = false

    func validate() throws {
        if scenarios.isEmpty { throw ValidationError("give at least one scenario file") }
        if let t = timeLimit, !(t.isFinite && t > 0) { throw ValidationError("--time-limit must be a number of seconds above 0, e.g. 60") }
        if let j = jobs, !(1...1024).contains(j) { throw ValidationError("--jobs must be a whole number from 1 to 1024") }
        if let n = shards, !(1...SweepGrid.maximumPoints).contains(n) { throw ValidationError("--shards must be a whole number from 1 to \(SweepGrid.maximumPoints)") }
    }

    func run() throws {
        var loaded: [Scenario] = []
        var digests: [String] = []
        var inputs: [InputFile] = []
        for file in scenarios {
            let scenario = try Terminal.loadScenario(file, reportWarnings: !quiet)
            loaded.append(scenario.scenario!)
            digests.append(scenario.contentDigest)
            inputs += scenario.inputFiles
        }
        let axes: [SweepAxis]
        let shard: SweepTable.Shard?
        do {
            axes = try SweepSetup.axes(files: scenarios, scenarios: loaded, teamSize: teamSize, budgetScales: budgetScale,
                                       hoursScale: hoursScale)
            shard = try SweepSetup.shard(option: self.shard, shards: shards, environment: ProcessInfo.processInfo.environment)
        } catch {
            throw ValidationError(error.description)
        }
        let grid = SweepGrid(axes: axes)
        let points = shard.map { grid.shard($0.index, of: $0.count) } ?? grid.points
        let stem = FilePath.stem(of: scenarios[0])
        let folder = OutputFolder(path: out ?? "out/sweep-\(stem)" + (shard.map { "-shard-\($0.index)-of-\($0.count)" } ?? ""))
        let claim = try Terminal.claim(folder, inputs: inputs)
        let jobs = self.jobs ?? ProcessInfo.processInfo.activeProcessorCount

        let control = SolveControl()
        let signals = Terminal.stopOnSignals(control)
        defer { signals.forEach { $0.cancel() } }
        let progress = SweepProgress(total: points.count, shardNote: shard.map { " (shard \($0.index) of \($0.count))" } ?? "",
                                     mode: quiet ? .silent : Terminal.standardErrorIsTerminal ? .bar : .lines)
        let scenariosByFile = loaded
        let outcomes = SweepRunner.run(points, scenario: { grid.scenario(for: $0, from: scenariosByFile) }, jobs: jobs,
                                       options: SolveOptions(timeLimit: timeLimit), control: control,
                                       events: { progress.handle($0) })
        progress.finish()

        var rows: [SweepRow] = []
        var files: [SweepOutput.PointFiles] = []
        for outcome in outcomes {
            let scenario = grid.scenario(for: outcome.point, from: loaded)
            rows.append(SweepRow(outcome, scenario: scenario, grid: grid))
            if let result = outcome.result, let plan = result.plan {
                files.append(SweepOutput.PointFiles(name: outcome.point.name, files: [
                    ("plan.json", Data(PlanFile.encode(plan).utf8)),
                    ("summary.txt", Data(PlanSummary.text(result, scenario: scenario).utf8)),
                ]))
            }
        }
        let complete = rows.count == points.count && !control.isStopped
        // A shard of a sweep with fewer points than shards may have none: it
        // writes its (empty) table, so that the merge finds every shard.
        guard points.isEmpty || rows.contains(where: \.hasPlan) else {
            Terminal.err("teamplan sweep: stopped before any point had a plan; nothing was written")
            throw outcomes.contains { $0.failure != nil } ? Exit.glpkFailed : Exit.stoppedWithoutPlan
        }
        let names = loaded.map(\.name)
        let title = "Sweep: " + (names.count == 1 ? names[0] : names.joined(separator: " vs "))
        let table = SweepTable(title: title, scenarios: scenarios, scenarioDigests: digests, grid: grid, timeLimit: timeLimit, shard: shard,
                               complete: complete, rows: rows)
        try Terminal.write(SweepOutput.files(table, points: files), into: claim)
        let solved = rows.filter(\.hasPlan).count
        let proven = rows.filter { $0.status == "optimal" }.count
        var line = "\(title): \(solved) of \(points.count) points planned (\(proven) proven optimal)"
        if !complete { line += ", stopped early" }
        Terminal.out(line + " → \(folder.path)/ (sweep.html, sweep.csv, sweep.json, sweep.svg, points/)")
        if !quiet && !rows.isEmpty {
            var text = TextTable(header: ["point"] + axes.map(\.title) + ["status", "gap h", "euros used", "workers", "seconds"],
                                 rightAligned: Set((axes.count + 2)...(axes.count + 5)))
            for row in rows {
                text.rows.append([row.point] + row.values + [row.status, row.gapHours.map(Format.hours) ?? "–",
                                  row.eurosUsed.map(Format.euros) ?? "–", row.workersUsed.map(String.init) ?? "–",
                                  String(format: "%.2f", row.solveSeconds)])
            }
            Terminal.out(text.render())
        }
        for outcome in outcomes {
            if let failure = outcome.failure { Terminal.err("teamplan sweep: point \(outcome.point.name): \(failure)") }
        }
        if outcomes.contains(where: { $0.failure != nil }) {
            throw outcomes.contains { ($0.failure ?? "").hasPrefix("internal error") } ? Exit.internalError : Exit.glpkFailed
        }
        // Written, but not every point was solved: the status says so.
        if !complete {
            Terminal.err("teamplan sweep: stopped; \(points.count - rows.count) of \(points.count) points were not solved (the finished ones are written)")
            throw Exit.stoppedWithoutPlan
        }
    }
}

struct SweepMerge: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the folders of a sharded sweep into the output of an unsharded one.",
        discussion: """
            Reads each shard's sweep.json and points/, checks that they are shards of the same sweep \
            (same scenarios, axes and time limit, no point twice, none missing) and writes OUT as one \
            run without shards would have (but for the timings).

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
        do {
            try SweepOutput.checkOutput(out, against: shardFolders)
        } catch {
            Terminal.err("teamplan sweep merge: \(error); nothing was written")
            throw Exit.cannotWrite
        }
        let files: [(String, Data)]
        do {
            files = try SweepOutput.merge(shardFolders)
        } catch {
            Terminal.err("teamplan sweep merge: \(error); nothing was written")
            throw Exit.invalidInput
        }
        let claim = try Terminal.claim(OutputFolder(path: out))
        try Terminal.write(files, into: claim)
        Terminal.out("merged \(shardFolders.count) folders → \(claim.folder.path)/")
    }
}

/// The sweep's progress on standard error: a bar rewritten in place on a
/// terminal, a line per finished point otherwise.
final class SweepProgress: @unchecked Sendable {
    enum Mode { case silent, bar, lines }

    private let lock = NSLock()
    private let total: Int
    private let shardNote: String
    private let mode: Mode
    private let started = Date()
    private var done = 0
    private var running = 0
    private var timer: DispatchSourceTimer?

    init(total: Int, shardNote: String, mode: Mode) {
        self.total = total
        self.shardNote = shardNote
        self.mode = mode
        if mode == .lines { Terminal.err("sweep: \(Format.count(total, "point"))\(shardNote)") }
        if mode == .bar {
            let timer = DispatchSource.makeTimerSource(queue: .global())
            timer.schedule(deadline: .now() + 0.5, repeating: 0.5)
            timer.setEventHandler { [weak self] in self?.drawBar() }
            timer.resume()
            self.timer = timer
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
        timer?.cancel()
        lock.lock()
        defer { lock.unlock() }
        if mode == .bar { Terminal.errInPlace("\r\u{1B}[K") }
    }
}
