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
        /// sweep.csv's dialect, and the language of its headers, sweep.html, sweep.svg and the notices.
        public var dialect: CSVDialect
        public var language: Language

        public init(scenarios: [String], teamSize: String? = nil, budgetScales: [String] = [], hoursScale: String? = nil,
                    options: SolveOptions = SolveOptions(), jobs: Int = ProcessInfo.processInfo.activeProcessorCount, shard: String? = nil,
                    shards: Int? = nil, environment: [String: String] = [:], folder: String? = nil,
                    dialect: CSVDialect = .rfc4180, language: Language = .en) {
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
            self.dialect = dialect
            self.language = language
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
        /// Values left out of an axis because no scenario can take them,
        /// each a line in the request's language, to be said once.
        public var notices: [String]
    }

    /// The grid of a request, checked against its scenarios (with the
    /// values it left out): `.wrongRequest` saying why not.
    public static func grid(_ request: Request, scenarios: [Scenario]) throws(Failure) -> (SweepGrid, SweepTable.Shard?, [SweepNotice]) {
        do {
            let (axes, notices) = try SweepSetup.clippedAxes(files: request.scenarios, scenarios: scenarios, teamSize: request.teamSize,
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
            let (one, scenario) = try Inputs.scenario(file)
            events.read(one)
            loaded.append(one)
            scenarios.append(scenario)
        }
        let (grid, shard, notices) = try grid(request, scenarios: scenarios)
        let points = shard.map { grid.shard($0.index, of: $0.count) } ?? grid.points
        let stem = FilePath.stem(of: request.scenarios[0])
        let folder = OutputFolder(path: request.folder ?? "out/sweep-\(stem)" + (shard.map { "-shard-\($0.index)-of-\($0.count)" } ?? ""))
        let claim: OutputFolder.Claim
        do { claim = try folder.claim(inputs: loaded.flatMap(\.inputFiles)) } catch { throw .cannotWrite(error) }

        events.sweepStarts(points.count, shard)
        let sharedScenarios = scenarios
        let outcomes = SweepRunner.run(points, scenario: { grid.scenario(for: $0, from: sharedScenarios) }, jobs: request.jobs,
                                       options: request.options, control: control, events: events.sweep)
        let rows = outcomes.map { SweepRow($0, scenario: grid.scenario(for: $0.point, from: scenarios), grid: grid) }
        // A shard of a sweep with fewer points than shards may have none: it
        // writes its (empty) table, so that the merge finds every shard.
        guard points.isEmpty || rows.contains(where: \.hasPlan) else {
            throw Failure(worstKind(outcomes) ?? .stopped, "teamplan sweep: stopped before any point had a plan; nothing was written")
        }
        let names = scenarios.map(\.name)
        let title = (request.language == .nl ? "Doorrekening: " : "Sweep: ") + names.joined(separator: request.language == .nl ? " tegen " : " vs ")
        let table = SweepTable(title: title, scenarios: request.scenarios, scenarioDigests: loaded.map(\.contentDigest), grid: grid,
                               timeLimit: request.options.timeLimit, shard: shard,
                               complete: rows.count == points.count && !control.isStopped, rows: rows,
                               language: request.language, dialect: request.dialect, notices: notices)
        do {
            try claim.write(SweepOutput.files(table, points: pointFiles(outcomes, grid: grid, scenarios: scenarios)))
        } catch {
            throw .cannotWrite(error)
        }
        return Done(table: table, folder: folder.path, pointCount: points.count, outcomes: outcomes,
                    incomplete: incomplete(outcomes, table: table, points: points.count), notices: SweepReport.notices(table))
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
        let w = SweepReport.words(done.table)
        let solved = done.table.rows.filter(\.hasPlan).count
        let proven = done.table.rows.filter(\.isProven).count
        var line = w.outcome(done.table.title, solved, done.pointCount, proven)
        if !done.table.complete { line += w.outcomeStopped }
        return line + " → \(done.folder)/ (sweep.html, sweep.csv, sweep.json, sweep.svg, points/)"
    }

    /// The table the terminal shows: a row per point, in the table's language.
    public static func text(_ table: SweepTable) -> String {
        let l = SweepReport.labels(table), w = SweepReport.words(table)
        let axes = table.axes.count
        var text = TextTable(header: [w.terminalHeader.point] + table.axes.map { SweepReport.axisTitle($0.name, w) } + w.terminalHeader.tail,
                             rightAligned: Set((axes + 2)...(axes + 5)))
        for row in table.rows {
            text.rows.append([row.point] + zip(table.axes, row.values).map { SweepReport.axisValue($0.name, $1, l) }
                             + [SweepReport.statusWord(row.status, table.language ?? .en), row.gapHours.map(l.hours) ?? "–",
                                row.eurosUsed.map(l.euros) ?? "–", row.workersUsed.map(String.init) ?? "–",
                                l.numbers.apply(String(format: "%.2f", row.solveSeconds))])
        }
        return text.render()
    }

    /// `teamplan sweep merge`: the folders of a sharded sweep as one unsharded output.
    public static func merge(into out: String, shards: [String]) throws(Failure) -> String {
        do {
            try SweepOutput.checkOutput(out, against: shards)
        } catch {
            throw .cannotWrite(error, prefix: "teamplan sweep merge", suffix: "; nothing was written")
        }
        let files: [(String, Data)]
        do {
            files = try SweepOutput.merge(shards)
        } catch {
            throw Failure(.invalidInput, "teamplan sweep merge: \(error); nothing was written")
        }
        do {
            let claim = try OutputFolder(path: out).claim()
            try claim.write(files)
            return claim.folder.path
        } catch {
            throw .cannotWrite(error)
        }
    }
}
