import Foundation

/// One row of sweep.csv and sweep.json: a point's values and what its plan
/// gives, read from Evaluation.
public struct SweepRow: Codable, Sendable, Equatable {
    /// A funding stream's budget and use at one point.
    public struct StreamUse: Codable, Sendable, Equatable {
        public var stream: String
        /// The budget in hours at this point (scaled when the axis says so).
        public var fundedHours: Double
        public var usedHours: Double
        public var usedEuros: Double?
    }

    public var index: Int
    public var point: String
    /// The value on each axis, in the order of the sweep's axes.
    public var values: [String]
    /// How a point's solve ended: a solve's status, or failed.
    public enum Status: String, Codable, Sendable {
        case optimal, feasible, noPlan = "no_plan", stopped
        /// The solver failed or its plan failed the model's check: `failure` says why.
        case failed
    }

    public var status: Status
    public var objective: Double?
    public var bound: Double?
    public var mipGap: Double?
    public var gapTerm: Double?
    public var missingBackupTerm: Double?
    public var pairTerm: Double?
    public var continuityTerm: Double?
    public var gapHours: Double?
    public var weightedGapHours: Double?
    public var missingBackups: Int?
    public var pairs: Int?
    public var droppedPairs: Int?
    /// Workers with a session or a backup role (what `team_size` bounds).
    public var workersUsed: Int?
    public var eurosUsed: Double?
    /// With the least-money tie-break: whether no plan of the point's
    /// objective spends less (nil without the tie-break).
    public var leastMoneyProven: Bool?
    /// …and the least any such plan might spend, when not proven.
    public var leastMoneyBound: Double?
    /// The workers `workersUsed` counts, by id, sorted.
    public var usedWorkers: [String]?
    /// The practices left with a gap, in the scenario's order, each with its gap hours.
    public var practiceGaps: [PracticeGap]?
    public var streams: [StreamUse]
    public var solveSeconds: Double
    public var failure: String?
    /// The sweep was stopped (Ctrl-C, a signal) while this point was
    /// solved: its plan, if any, is what the stop left, not what its time
    /// limit would have found (nil when not so).
    public var interrupted: Bool?

    /// A practice left with a gap at a point.
    public struct PracticeGap: Codable, Sendable, Equatable {
        public var practice: String
        public var gapHours: Double
    }

    public var hasPlan: Bool { objective != nil }
    /// Proven the best plan of its point (a plan without proof is drawn and said otherwise).
    public var isProven: Bool { hasPlan && status == .optimal }

    public init(_ outcome: SweepOutcome, scenario: Scenario, grid: SweepGrid) {
        index = outcome.point.index
        point = outcome.point.name
        values = zip(grid.axes, outcome.point.coordinates).map { $0.labels[$1] }
        solveSeconds = outcome.result?.seconds ?? outcome.seconds
        failure = outcome.failure?.description
        interrupted = outcome.interrupted ? true : nil
        streams = scenario.funding.map { StreamUse(stream: $0.id, fundedHours: $0.budgetHours, usedHours: 0, usedEuros: nil) }
        guard let result = outcome.result else {
            status = .failed
            return
        }
        switch result.status {
        case .optimal: status = .optimal
        case .feasible: status = .feasible
        case .noPlan: status = .noPlan
        case .stopped: status = .stopped
        }
        guard let e = result.evaluation, let plan = result.plan else { return }
        let t = e.terms
        objective = t.objective
        bound = plan.bound
        mipGap = plan.mipGap
        gapTerm = t.gapTerm
        missingBackupTerm = t.missingBackupTerm
        pairTerm = t.pairTerm
        continuityTerm = t.continuityTerm
        gapHours = t.gapHours
        weightedGapHours = t.weightedGapHours
        missingBackups = t.missingBackups
        pairs = t.pairs
        droppedPairs = t.droppedPairs.count
        let used = Set(plan.sessions.map(\.worker) + plan.backups.map(\.worker)).sorted()
        workersUsed = used.count
        usedWorkers = used
        practiceGaps = e.practices.filter { $0.gapHours > 1e-9 }.map { PracticeGap(practice: $0.id, gapHours: $0.gapHours) }
        streams = e.streams.map { StreamUse(stream: $0.id, fundedHours: $0.budgetHours, usedHours: $0.usedHours, usedEuros: $0.usedEuros) }
        let euros = e.streams.compactMap(\.usedEuros)
        eurosUsed = euros.isEmpty ? nil : euros.reduce(0, +)
        if let least = result.leastMoney {
            leastMoneyProven = least.proven
            leastMoneyBound = least.proven ? nil : least.bound
        }
    }
}

/// sweep.json: the sweep's definition and its rows. A shard's file says
/// which shard it is; a merge checks that the shards belong together.
public struct SweepTable: Codable, Sendable, Equatable {
    /// An axis as sweep.json records it: its column name, its title and its values.
    public struct AxisInfo: Codable, Sendable, Equatable {
        public var name: String
        public var title: String
        public var values: [String]
    }

    /// Which shard of a sweep a table is: shard `index` (from 0) of `count`.
    public struct Shard: Codable, Sendable, Equatable {
        public var index: Int
        public var count: Int
    }

    /// What the sweep compares, as the page's title says it.
    public var title: String
    /// The scenario files as given.
    public var scenarios: [String]
    /// What each scenario file held (`LoadedScenario.contentDigest`): shards
    /// belong together when they read the same scenarios, whatever their names.
    public var scenarioDigests: [String]
    public var axes: [AxisInfo]
    /// Points in the whole sweep (all shards).
    public var points: Int
    public var timeLimitSeconds: Double?
    /// The points took the least-money tie-break (nil in a sweep.json written before it existed).
    public var leastMoney: Bool?
    public var shard: Shard?
    /// Every point this run was to solve has a row (false after Ctrl-C).
    public var complete: Bool
    public var rows: [SweepRow]
    /// The language of sweep.csv's headers and words, sweep.html and
    /// sweep.svg (nil: English), and sweep.csv's dialect (nil: rfc4180):
    /// recorded so that `sweep merge` writes the files a run without shards
    /// would have.
    public var language: Language?
    public var csvDialect: CSVDialect?
    /// Values the sweep left out because no scenario can take them, said
    /// once (nil: none).
    public var notices: [SweepNotice]?

    public init(title: String, scenarios: [String], scenarioDigests: [String], grid: SweepGrid, timeLimit: Double?,
                leastMoney: Bool? = nil, shard: Shard?, complete: Bool, rows: [SweepRow], language: Language = .en,
                dialect: CSVDialect = .rfc4180, notices: [SweepNotice] = []) {
        self.leastMoney = leastMoney
        self.title = title
        self.scenarios = scenarios
        self.scenarioDigests = scenarioDigests
        axes = grid.axes.map { AxisInfo(name: $0.name, title: $0.title, values: $0.labels) }
        points = grid.points.count
        timeLimitSeconds = timeLimit
        self.shard = shard
        self.complete = complete
        self.rows = rows.sorted { $0.index < $1.index }
        self.language = language
        csvDialect = dialect
        self.notices = notices.isEmpty ? nil : notices
    }

    public func json() -> String {
        // Only strings and finite numbers: encoding cannot fail.
        try! JSONOutput.encode(self) + "\n"
    }

    public static func decode(_ data: Data) throws -> SweepTable {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(SweepTable.self, from: data)
    }

    /// Every stream of any point, in order of first appearance.
    var streamIDs: [String] {
        var seen = Set<String>()
        return rows.flatMap { $0.streams.map(\.stream) }.filter { seen.insert($0).inserted }
    }

    /// sweep.csv in the table's dialect and language: one row per point,
    /// the axes' values first. Rounded for reading as the plan's tables are
    /// (hours, euros and the objective to 0.01, the MIP gap to 0.0001);
    /// sweep.json keeps every digit.
    public func csv() -> String {
        let language = language ?? .en
        let streams = streamIDs
        var header = ["index", "point"] + axes.map(\.name)
        header += ["status", "objective", "bound", "mip_gap", "gap_term", "missing_backup_term", "pair_term", "continuity_term",
                   "gap_hours", "weighted_gap_hours", "practices_with_gap", "gap_by_practice", "missing_backups", "pairs", "dropped_pairs",
                   "workers_used", "workers", "euros_used"]
        if leastMoney == true { header += ["least_money_proven", "least_money_bound"] }
        header += streams.flatMap { ["\($0)_funded_hours", "\($0)_used_hours"] }
        header += ["solve_seconds", "interrupted", "failure"]
        var table = CSVTableWriter(header: header)
        table.dutchHeaders = SweepReport.dutchCSVHeaders(axes: axes.map(\.name), streams: streams)
        let dialect = csvDialect ?? .rfc4180
        let style: NumberStyle = dialect == .excelNL ? .dutch : .english
        func number(_ value: Double?, _ decimals: Int = 2) -> TableCell { value.map { .number($0, decimals: decimals) } ?? .empty }
        func count(_ value: Int?) -> TableCell { value.map { .whole($0) } ?? .empty }
        for row in rows {
            var cells: [TableCell] = [.whole(row.index), .text(row.point)]
            cells += zip(axes, row.values).map { SweepReport.axisCell($0.name, $1) }
            cells += [.text(SweepReport.statusWord(row.status, language)), number(row.objective), number(row.bound), number(row.mipGap, 4),
                      number(row.gapTerm), number(row.missingBackupTerm), number(row.pairTerm), number(row.continuityTerm),
                      number(row.gapHours), number(row.weightedGapHours), count(row.practiceGaps?.count),
                      .text(row.practiceGaps.map { $0.map { "\($0.practice)=\(style.apply(Format.hours($0.gapHours)))" }.joined(separator: " ") } ?? ""),
                      count(row.missingBackups), count(row.pairs), count(row.droppedPairs), count(row.workersUsed),
                      .text(row.usedWorkers?.joined(separator: " ") ?? ""), number(row.eurosUsed)]
            if leastMoney == true {
                cells += [row.leastMoneyProven.map { .word($0 ? "yes" : "no") } ?? .empty, number(row.leastMoneyBound)]
            }
            for id in streams {
                let use = row.streams.first { $0.stream == id }
                cells += [number(use?.fundedHours), row.hasPlan ? number(use?.usedHours) : .empty]
            }
            cells += [number(row.solveSeconds), row.interrupted == true ? .word("yes") : .empty, .text(row.failure ?? "")]
            table.rows.append(cells)
        }
        return String(decoding: table.render(dialect, language: language), as: UTF8.self)
    }
}

/// Values of an axis a sweep leaves out because no scenario can take them
/// (`SweepSetup.axes`): said once, by the executable, in sweep.json and on
/// sweep.html, never as rows that repeat one another or as scenarios
/// teamplan would refuse to read.
public struct SweepNotice: Codable, Sendable, Equatable {
    public enum Reason: String, Codable, Sendable {
        /// Team sizes above the number of workers: each plans as the whole team does.
        case teamSizeAboveWorkers = "team_size_above_workers"
        /// A factor that gives a worker more contract hours a week than a
        /// scenario may state (`ScenarioLimits.maxHoursPerWeek`).
        case contractHoursAboveMaximum = "contract_hours_above_maximum"
        /// A factor that makes a budget larger than a scenario may state.
        case budgetAboveMaximum = "budget_above_maximum"
    }

    /// The axis's column name: `team_size`, `hours_scale`, `budget_scale:wmo`.
    public var axis: String
    public var reason: Reason
    /// The values left out, as given.
    public var leftOut: [String]
    /// The limit: the most workers of any scenario; the most contract
    /// hours a week a scenario may state; for a budget, the largest factor
    /// that keeps every scaled budget within what a scenario may state.
    public var limit: Double
    /// What reaches the limit: `scenarios` when the team size's limit is
    /// the largest of several scenarios' (nil for one scenario), the worker
    /// with the longest contract, the stream (`*`: every stream).
    public var reachedBy: String?

    public init(axis: String, reason: Reason, leftOut: [String], limit: Double, reachedBy: String? = nil) {
        self.axis = axis
        self.reason = reason
        self.leftOut = leftOut
        self.limit = limit
        self.reachedBy = reachedBy
    }
}

extension Language: Codable {}
extension CSVDialect: Codable {}
