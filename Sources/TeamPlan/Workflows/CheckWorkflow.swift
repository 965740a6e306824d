import Foundation

/// `teamplan check`: a scenario read and its capacity estimated, without
/// solving; the text and the JSON of cli.md.
public struct CheckWorkflow: Sendable {
    /// The scenario file as given.
    public var file: String
    public var scenario: Scenario
    public var estimate: CapacityEstimate
    /// Warnings and notices (an invalid scenario is a failure instead).
    public var diagnostics: [Diagnostic]

    /// Reads and estimates; `.invalidInput` with every problem.
    public init(file: String) throws(Failure) {
        let (loaded, scenario) = try Inputs.scenario(file)
        self.file = file
        self.scenario = scenario
        estimate = CapacityEstimate(scenario, tables: loaded.tables)
        diagnostics = loaded.diagnostics
    }

    /// What `check` prints.
    public var text: String { CheckText.render(estimate, scenario: scenario, file: file, diagnostics: diagnostics) }

    /// What `check --json` prints.
    public func json() throws -> String {
        try JSONOutput.encode(CheckReport(file: file, estimate: estimate, diagnostics: diagnostics))
    }
}

/// `check --json`: the estimate, and the warnings and notices.
struct CheckReport: Encodable {
    struct Item: Encodable {
        var severity: String
        var file: String?
        var line: Int?
        var column: Int?
        var path: String
        var message: String
    }

    var file: String
    var estimate: CapacityEstimate
    var diagnostics: [Item]

    init(file: String, estimate: CapacityEstimate, diagnostics: [Diagnostic]) {
        self.file = file
        self.estimate = estimate
        self.diagnostics = diagnostics.map {
            Item(severity: $0.severity.rawValue, file: $0.location?.file, line: $0.location?.line,
                 column: $0.location?.column, path: $0.path, message: $0.message)
        } + estimate.warnings.map { Item(severity: "warning", path: "", message: $0) }
    }
}

enum CheckText {
    static func render(_ e: CapacityEstimate, scenario: Scenario, file: String, diagnostics: [Diagnostic]) -> String {
        let sections = [header(e, file: file), weeks(e), asked(e), available(e), funded(e), decisions(e.decisions),
                        estimate(e), warnings(e, diagnostics)]
        return sections.filter { !$0.isEmpty }.map { $0.joined(separator: "\n") }.joined(separator: "\n\n")
    }

    /// The manager's decisions and what the pins take of each worker's week.
    static func decisions(_ d: DecisionsEstimate) -> [String] {
        guard !d.isEmpty else { return [] }
        var table = TextTable(header: ["", "worker", "practice", "slot", "weight", "at"])
        for line in d.lines {
            let kind = line.kind == "pin" ? (line.role == "backup" ? "pin (backup)" : "pin") : line.kind
            table.rows.append([kind, line.worker, line.practice, line.slot ?? "", line.weight.map(Format.hours) ?? "", line.at ?? ""])
        }
        var lines = ["Decisions (pins every plan keeps; avoided pairs never; preferences weighed):", table.render()]
        if !d.pinnedLoad.isEmpty {
            var load = TextTable(header: ["worker", "pinned sessions", "pinned h/wk", "plannable/wk", "left"])
            for w in d.pinnedLoad {
                load.rows.append([w.worker, "\(w.pinnedSessions)", Format.hours(w.pinnedHoursPerWeek),
                                  Format.hours(w.plannableHoursPerWeek), Format.hours(w.leftHoursPerWeek)])
            }
            load.rightAligned = [1, 2, 3, 4]
            lines += ["What the pins take (sessions with admin and travel; one for a pinned pair without a slot):", load.render()]
        }
        return lines
    }

    /// The quarter, the team, the slots, the tables read and the closed days.
    static func header(_ e: CapacityEstimate, file: String) -> [String] {
        var lines: [String] = []
        lines.append("\(e.name) — \(file)")
        lines.append("Quarter: \(e.start) to \(e.end), \(e.weeks.count) weeks (ISO weeks \(isoRange(e)))")
        let municipalities = Set(e.practices.map(\.municipality)).count
        lines.append("Team: \(Format.count(e.workers.count, "worker")); \(Format.count(e.practices.count, "practice")) in \(Format.count(municipalities, "municipality", "municipalities")); \(Format.count(e.streams.count, "funding stream"))")
        lines.append("Slots: \(e.slots.joined(separator: " "))")
        for table in e.tables {
            lines.append("Table \(table.key): \(table.file), \(table.rows) rows, separator \(table.separator), \(table.encoding)")
        }
        if e.closedDays.isEmpty {
            lines.append("Holidays and closures in the quarter: none")
        } else {
            lines.append("Holidays and closures in the quarter:")
            for day in e.closedDays {
                lines.append("  \(day.date) \(day.date.weekday.name)  \(day.name)")
            }
        }
        return lines
    }

    static func weeks(_ e: CapacityEstimate) -> [String] {
        var weekTable = TextTable(header: ["week", "monday", "ISO", "closed"])
        for w in e.weeks {
            weekTable.rows.append(["\(w.week)", "\(w.monday)", Format.isoWeek(w.isoYear, w.isoWeek),
                                   w.closed.joined(separator: ", ")])
        }
        weekTable.rightAligned = [0]
        return ["Weeks:", weekTable.render()]
    }

    static func asked(_ e: CapacityEstimate) -> [String] {
        var practices = TextTable(header: ["practice", "municipality", "prio", "sessions/wk", "h/session", "asked h", "work h", "eligible", "funded by"])
        for p in e.practices {
            practices.rows.append([p.id, p.municipality, Format.hours(p.priority), "\(p.sessionsPerWeek)",
                                   Format.hours(p.sessionHours), Format.hours(p.askedHours), Format.hours(p.workHours),
                                   "\(p.eligibleWorkers)", p.fundedBy.isEmpty ? "–" : p.fundedBy.joined(separator: ", ")])
        }
        practices.rows.append(["total", "", "", "", "", Format.hours(e.totals.askedHours), Format.hours(e.totals.workHours), "", ""])
        practices.rightAligned = [2, 3, 4, 5, 6, 7]
        return ["Asked (hours over the quarter):", practices.render(),
                "  work h = contact on open days \(Format.hours(e.totals.contactHours)) + admin \(Format.hours(e.totals.adminHours)) + travel \(Format.hours(e.totals.travelHours)) + MDO \(Format.hours(e.totals.mdoHours))"]
    }

    static func available(_ e: CapacityEstimate) -> [String] {
        var workers = TextTable(header: ["worker", "contract h/wk", "reserved", "plannable/wk", "leave days", "available h", "skills"])
        for w in e.workers {
            workers.rows.append([w.id, Format.hours(w.hoursPerWeek), Format.hours(w.reservedHours),
                                 Format.hours(w.plannableHoursPerWeek), "\(w.leaveDays)", Format.hours(w.availableHours),
                                 w.skills.joined(separator: ", ")])
        }
        workers.rows.append(["total", "", "", "", "", Format.hours(e.totals.availableHours), ""])
        workers.rightAligned = [1, 2, 3, 4, 5]
        return ["Available (worker-hours over the quarter, less reserved hours, leave and holidays):", workers.render()]
    }

    static func funded(_ e: CapacityEstimate) -> [String] {
        var streams = TextTable(header: ["stream", "funder", "budget", "hours", "pays for", "practices"])
        for s in e.streams {
            let budget = s.budgetEuros.map { "\(Format.euros($0)) at \(Format.rate(s.ratePerHour ?? 0))/h" } ?? "hours"
            let scope = s.practices.count == e.practices.count ? "all" : s.practices.joined(separator: ", ")
            streams.rows.append([s.id, s.funder, budget, Format.hours(s.budgetHours),
                                 s.paysFor.map(\.rawValue).joined(separator: ", "), scope.isEmpty ? "none" : scope])
        }
        streams.rows.append(["total", "", "", Format.hours(e.totals.fundedHours), "", ""])
        streams.rightAligned = [3]
        return ["Funded:", streams.render()]
    }

    static func estimate(_ e: CapacityEstimate) -> [String] {
        let work = e.totals.workHours
        return ["Estimate: asked \(Format.hours(work)) h of work; available \(Format.hours(e.totals.availableHours)) h (\(Format.percent(e.totals.availableHours, of: work)) of asked); funded \(Format.hours(e.totals.fundedHours)) h (\(Format.percent(e.totals.fundedHours, of: work)) of asked).",
                "This is an estimate before planning: slots, skills and limits per worker can only lower what a plan holds."]
    }

    static func warnings(_ e: CapacityEstimate, _ diagnostics: [Diagnostic]) -> [String] {
        let warnings = diagnostics.filter { $0.severity != .error }.map(\.description) + e.warnings.map { "warning: \($0)" }
        return warnings.isEmpty ? ["No warnings."] : ["Warnings:"] + warnings.map { "  \($0)" }
    }

    private static func isoRange(_ e: CapacityEstimate) -> String {
        guard let first = e.weeks.first, let last = e.weeks.last else { return "" }
        return "\(Format.isoWeek(first.isoYear, first.isoWeek)) to \(Format.isoWeek(last.isoYear, last.isoWeek))"
    }
}
