import Foundation

/// `teamplan sweep`: one scenario planned at every point of a grid (or of
/// one shard of it) on `jobs` threads, and the comparison written: sweep.csv,
/// sweep.json, sweep.svg, sweep.html and points/NAME/ with each point's
/// plan.json and summary.txt.
public enum SweepWorkflow {
    /// A sweep as the command line states it: the axes' values as text (checked
    /// into a `SweepGrid`, with `Failure.wrongRequest` for a bad value), the
    /// shard, the threads and the folder.
    public struct Request: Sendable {
        /// The scenario files; several are an axis of their own.
        public var scenarios: [String]
        public var teamSize: String?
        public var budgetScales: [String]
        public var hoursScale: String?
        /// For every point: its time limit, and the backend with its tuning.
        public var options: SolveOptions
        public var jobs: Int
        /// `K/N`; else the shard comes from `environment` (Slurm, Kubernetes).
        public var shard: String?
        /// N when the index comes from JOB_COMPLETION_INDEX.
        public var shards: Int?
        /// The batch system's variables (SLURM_ARRAY_TASK_ID, …): a value, so
        /// that the library reads nothing from the process.
        public var environment: [String: String]
        /// The output folder; nil: out/sweep-<first scenario's stem>[-shard-K-of-N].
        public var folder: String?
        /// Each point's plan the one of least money among those of its best
        /// objective (`LeastMoney`); nil: on in a sweep over budgets, so that
        /// money compared between budgets is the scenario's, not the solver's path.
        public var leastMoney: Bool?

        /// The language of sweep.csv's headers, sweep.html, sweep.svg and the lines printed.
        public var language: Language = .en
        /// With it, nothing outside that folder is read (`teamplan serve`).
        public var confinement: FolderConfinement?
        /// sweep.csv's dialect; nil: excel-nl under Dutch, else rfc4180 (as `plan`'s tables).
        public var dialect: CSVDialect?

        /// Whether the points take the least-money tie-break.
        public var takesLeastMoney: Bool { leastMoney ?? !budgetScales.isEmpty }

        public init(scenarios: [String], teamSize: String? = nil, budgetScales: [String] = [], hoursScale: String? = nil,
                    options: SolveOptions = SolveOptions(), jobs: Int = ProcessInfo.processInfo.activeProcessorCount, shard: String? = nil,
                    shards: Int? = nil, environment: [String: String] = [:], folder: String? = nil) {
            self.scenarios = scenarios
            self.teamSize = teamSize
            self.budgetScales = budgetScales
            self.hoursScale = hoursScale
            self.options = options
            self.jobs = jobs
            self.shard = shard
            self.shards = shards
            self.environment = environment
            self.folder = folder
        }
    }

    /// A sweep written (all of it, or what was finished before a stop).
    public struct Done: Sendable {
        public var table: SweepTable
        public var folder: String
        /// The points this run was to solve.
        public var pointCount: Int
        /// Each point's solve as it came out.
        public var outcomes: [SweepOutcome]
        /// What is missing (points failed, or not solved after a stop),
        /// written all the same; nil when every point was solved.
        public var incomplete: Failure?
    }

    /// The grid of a request, checked against its scenarios: `.wrongRequest` saying why not.
    public static func grid(_ request: Request, scenarios: [Scenario]) throws(Failure) -> (SweepGrid, SweepTable.Shard?) {
        let (grid, shard, _) = try checkedGrid(request, scenarios: scenarios)
        return (grid, shard)
    }

    /// The grid, the shard, and what the axes left out (said once).
    static func checkedGrid(_ request: Request, scenarios: [Scenario]) throws(Failure) -> (SweepGrid, SweepTable.Shard?, [SweepNotice]) {
        do {
            let (axes, notices) = try SweepSetup.checkedAxes(files: request.scenarios, scenarios: scenarios, teamSize: request.teamSize,
                                                             budgetScales: request.budgetScales, hoursScale: request.hoursScale,
                                                             language: request.language)
            let shard = try SweepSetup.shard(option: request.shard, shards: request.shards, environment: request.environment)
            return (SweepGrid(axes: axes), shard, notices)
        } catch {
            throw Failure(.wrongRequest, error.description)
        }
    }

    public static func run(_ request: Request, control: SolveControl = SolveControl(),
                           events: WorkflowEvents = WorkflowEvents()) throws(Failure) -> Done {
        var loaded: [LoadedScenario] = []
        var scenarios: [Scenario] = []
        for file in request.scenarios {
            let (one, scenario) = try Inputs.scenario(file, confinedTo: request.confinement)
            events.read(one)
            loaded.append(one)
            scenarios.append(scenario)
        }
        let (grid, shard, notices) = try checkedGrid(request, scenarios: scenarios)
        let points = shard.map { grid.shard($0.index, of: $0.count) } ?? grid.points
        let stem = FilePath.stem(of: request.scenarios[0])
        let folder = OutputFolder(path: request.folder ?? "out/sweep-\(stem)" + (shard.map { "-shard-\($0.index)-of-\($0.count)" } ?? ""))
        let claim: OutputFolder.Claim
        do { claim = try folder.claim(inputs: loaded.flatMap(\.inputFiles)) } catch { throw .cannotWrite(error) }

        events.sweepStarts(points.count, shard)
        let sharedScenarios = scenarios
        var options = request.options
        options.leastMoney = request.takesLeastMoney
        let outcomes = SweepRunner.run(points, scenario: { grid.scenario(for: $0, from: sharedScenarios) }, jobs: request.jobs,
                                       options: options, control: control, events: events.sweep)
        let rows = outcomes.map { SweepRow($0, scenario: grid.scenario(for: $0.point, from: scenarios), grid: grid) }
        // A shard of a sweep with fewer points than shards may have none: it
        // writes its (empty) table, so that the merge finds every shard.
        guard points.isEmpty || rows.contains(where: \.hasPlan) else {
            throw Failure(worstKind(outcomes) ?? .stopped, "teamplan sweep: stopped before any point had a plan; nothing was written")
        }
        let names = scenarios.map(\.name)
        let title = "Sweep: " + (names.count == 1 ? names[0] : names.joined(separator: " vs "))
        let table = SweepTable(title: title, scenarios: request.scenarios, scenarioDigests: loaded.map(\.contentDigest), grid: grid,
                               timeLimit: request.options.timeLimit, leastMoney: request.takesLeastMoney, shard: shard,
                               complete: rows.count == points.count && !control.isStopped, rows: rows, language: request.language,
                               dialect: request.dialect ?? CSVDialect.default(for: request.language), notices: notices)
        do {
            try claim.write(SweepOutput.files(table, points: pointFiles(outcomes, grid: grid, scenarios: scenarios)))
        } catch {
            throw .cannotWrite(error)
        }
        return Done(table: table, folder: folder.path, pointCount: points.count, outcomes: outcomes,
                    incomplete: incomplete(outcomes, table: table, points: points.count))
    }

    /// points/NAME/plan.json and summary.txt of every point with a plan.
    static func pointFiles(_ outcomes: [SweepOutcome], grid: SweepGrid, scenarios: [Scenario]) -> [SweepOutput.PointFiles] {
        outcomes.compactMap { outcome in
            guard let result = outcome.result, let plan = result.plan else { return nil }
            let scenario = grid.scenario(for: outcome.point, from: scenarios)
            return SweepOutput.PointFiles(name: outcome.point.name, files: [
                ("plan.json", Data(PlanFile.encode(plan).utf8)),
                ("summary.txt", Data(PlanSummary.text(result, scenario: scenario).utf8)),
            ])
        }
    }

    /// The worst failure among the points: a bug before the solver's own.
    static func worstKind(_ outcomes: [SweepOutcome]) -> Failure.Kind? {
        let kinds = outcomes.compactMap { $0.failure?.kind }
        return kinds.contains(.internalError) ? .internalError : kinds.max()
    }

    /// Points that failed (each named), or else points not solved after a stop.
    static func incomplete(_ outcomes: [SweepOutcome], table: SweepTable, points: Int) -> Failure? {
        if let kind = worstKind(outcomes) {
            let lines = outcomes.compactMap { o in o.failure.map { "teamplan sweep: point \(o.point.name): \($0)" } }
            return Failure(kind, lines.joined(separator: "\n"))
        }
        guard !table.complete else { return nil }
        return Failure(.stopped, "teamplan sweep: stopped; \(points - table.rows.count) of \(points) points were not solved (the finished ones are written)")
    }

    /// The outcome line: how many points have a plan, how many proven, where.
    public static func outcomeLine(_ done: Done) -> String {
        let w = SweepWords.of(done.table.language ?? .en)
        let solved = done.table.rows.filter(\.hasPlan).count
        let proven = done.table.rows.filter { $0.status == .optimal }.count
        var line = w.outcome(done.table.title, solved, done.pointCount, proven)
        if let shard = done.table.shard { line += " (shard \(shard.index)/\(shard.count))" }
        if !done.table.complete { line += w.outcomeStopped }
        return line + " → \(done.folder)/ (sweep.html, sweep.csv, sweep.json, sweep.svg, points/)"
    }

    /// The table the terminal shows: a row per point.
    public static func text(_ table: SweepTable) -> String {
        let axes = table.axes.count
        let language = table.language ?? .en
        let w = SweepWords.of(language), l = language.labels
        var text = TextTable(header: [w.terminalHeader.point] + table.axes.map { SweepReport.axisTitle($0.name, w) } + w.terminalHeader.tail,
                             rightAligned: Set((axes + 2)...(axes + 5)))
        for row in table.rows {
            text.rows.append([row.point] + zip(table.axes, row.values).map { SweepReport.axisValue($0.name, $1, l) }
                             + [SweepReport.statusWord(row.status, language), row.gapHours.map(l.hours) ?? "–",
                                row.eurosUsed.map(l.euros) ?? "–", row.workersUsed.map(String.init) ?? "–",
                                l.numbers.apply(String(format: "%.2f", row.solveSeconds))])
        }
        return text.render()
    }

    /// A merge written: where, what it holds, and what is missing.
    public struct Merged: Sendable {
        public var folder: String
        public var merged: SweepOutput.Merged
        /// Points missing (a shard stopped, failed or not given): written
        /// all the same, and the status says the sweep is not complete.
        public var incomplete: Failure?

        /// What the merge says: the folders and their shards, the points
        /// merged and how each ended (proven, stopped with a gap, no plan),
        /// and each shard with missing points and how to rerun it.
        public var lines: [String] {
            let table = merged.table
            var lines: [String] = []
            let shards = merged.folders.map { f in
                f.folder + (f.shard.map { " (shard \($0.index)/\($0.count)" + (f.complete ? ")" : ", stopped before its end)") } ?? "")
            }
            lines.append("merged \(merged.folders.count) folder\(merged.folders.count == 1 ? "" : "s"): " + shards.joined(separator: ", "))
            let rows = table.rows
            var counts: [String] = []
            let proven = rows.filter { $0.status == .optimal }
            counts.append("\(proven.count) proven optimal")
            let unproven = rows.filter { $0.status == .feasible && $0.interrupted != true }
            if !unproven.isEmpty { counts.append("\(unproven.count) with a plan not proven best (their time limit or --mip-gap ended the search)") }
            let cut = rows.filter { $0.interrupted == true && $0.status != .failed }
            if !cut.isEmpty { counts.append("\(cut.count) cut short when their shard was stopped") }
            let noPlan = rows.filter { !$0.hasPlan && $0.status != .failed && $0.interrupted != true }
            if !noPlan.isEmpty { counts.append("\(noPlan.count) stopped before any plan") }
            let failed = rows.filter { $0.status == .failed }
            if !failed.isEmpty { counts.append("\(failed.count) failed") }
            lines.append("\(rows.count) of \(table.points) points: " + counts.joined(separator: ", ") + " → \(folder)/")
            for row in unproven {
                let gap = row.mipGap.map { " (MIP gap " + Format.percent($0) + ")" } ?? ""
                lines.append("  not proven best: \(row.point)\(gap)")
            }
            for row in cut {
                let what = row.hasPlan ? row.mipGap.map { "a plan not proven best, MIP gap " + Format.percent($0) } ?? "a plan not proven best" : "no plan"
                lines.append("  cut short: \(row.point) (\(what))")
            }
            for row in noPlan { lines.append("  no plan: \(row.point) (\(row.status.rawValue))") }
            for row in failed { lines.append("  failed: \(row.point)" + (row.failure.map { ": " + $0.split(separator: "\n").first.map(String.init)! } ?? "")) }
            lines += Self.missingLines(merged.missing)
            lines += Self.stoppedLines(merged)
            return lines
        }

        /// Shards stopped before their end (Ctrl-C, scancel, a time limit
        /// of the job) and how to run them again: their points may all be
        /// there, but those cut short are not what a whole run finds.
        static func stoppedLines(_ merged: SweepOutput.Merged) -> [String] {
            // A shard with missing points is said with them, rerun and all.
            let withMissing = Set(merged.missing.compactMap(\.folder))
            return merged.folders.filter { !$0.complete && !withMissing.contains($0.folder) }.map { f in
                let rerun = f.shard.map { s in "; rerun it with --shard \(s.index)/\(s.count) (in a Slurm array: sbatch --array=\(s.index) with --shards \(s.count)) and merge again" }
                    ?? "; run it again and merge again"
                return "  \(f.folder) was stopped before its end" + (f.shard.map { " (shard \($0.index)/\($0.count))" } ?? "") + rerun
            }
        }

        /// Missing points grouped by the shard that should hold them, with the rerun.
        static func missingLines(_ missing: [SweepOutput.MissingPoint]) -> [String] {
            guard !missing.isEmpty else { return [] }
            func names(_ points: [SweepOutput.MissingPoint]) -> String {
                points.prefix(5).map(\.name).joined(separator: ", ") + (points.count > 5 ? " and \(points.count - 5) more" : "")
            }
            var lines = ["missing \(missing.count) point\(missing.count == 1 ? "" : "s"):"]
            var byShard: [Int: [SweepOutput.MissingPoint]] = [:]
            for point in missing where point.shard != nil { byShard[point.shard!.index, default: []].append(point) }
            for (index, points) in byShard.sorted(by: { $0.key < $1.key }) {
                let shard = points[0].shard!
                let why = points[0].folder.map { "\($0) was stopped before them" } ?? "its folder was not given"
                lines.append("  shard \(index)/\(shard.count) (\(why)): \(names(points)); rerun it with --shard \(index)/\(shard.count)"
                             + " (in a Slurm array: sbatch --array=\(index) with --shards \(shard.count)) and merge again")
            }
            let loose = missing.filter { $0.shard == nil }
            if !loose.isEmpty { lines.append("  \(names(loose)) (the folders are not shards of one count: run them, then merge again)") }
            return lines
        }
    }

    /// `teamplan sweep merge`: the folders of a sharded sweep as one
    /// unsharded output. Points missing are written as missing and make the
    /// result `incomplete` (the command's status 75).
    public static func merge(into out: String, shards: [String]) throws(Failure) -> Merged {
        do {
            try SweepOutput.checkOutput(out, against: shards)
        } catch {
            throw .cannotWrite(error, prefix: "teamplan sweep merge", suffix: "; nothing was written")
        }
        let merged: SweepOutput.Merged
        do {
            merged = try SweepOutput.merge(shards)
        } catch {
            throw Failure(.invalidInput, "teamplan sweep merge: \(error); nothing was written")
        }
        let folder: String
        do {
            let claim = try OutputFolder(path: out).claim()
            try claim.write(merged.files)
            folder = claim.folder.path
        } catch {
            throw .cannotWrite(error)
        }
        let missing = merged.missing.count
        let stopped = merged.folders.filter { !$0.complete }.map(\.folder)
        var why: [String] = []
        if missing > 0 { why.append("\(missing) of \(merged.table.points) points are missing") }
        if !stopped.isEmpty { why.append((stopped.count == 1 ? "a shard was" : "\(stopped.count) shards were") + " stopped before the end (" + stopped.joined(separator: ", ") + ")") }
        let incomplete = merged.table.complete ? nil : Failure(.stopped,
            "teamplan sweep merge: the sweep is not complete: " + why.joined(separator: " and ") + " (the \(merged.table.rows.count) points merged are written)")
        return Merged(folder: folder, merged: merged, incomplete: incomplete)
    }
}
