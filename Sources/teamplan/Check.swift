import ArgumentParser
import Foundation
import TeamPlan

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate a scenario and estimate its capacity, without solving.",
        discussion: """
            Prints what the scenario holds (team, practices, funding, the quarter's weeks with \
            their ISO week numbers, holidays and closures, the CSV separator found) and a capacity \
            estimate: session-hours asked, worker-hours available, hours funded. Then the warnings. \
            Errors are listed all at once, FILE:LINE:COLUMN: KEY: message, and the exit status is 65.

            Examples:
              teamplan check inputs/westelijke-mijnstreek.yaml
              teamplan check inputs/baandert.yaml --json > check.json
            """)

    @Argument(help: "The scenario file (YAML).")
    var scenario: String

    @Flag(help: "Print the result as JSON, for scripts.")
    var json = false

    func run() throws {
        let loaded = try Terminal.loadScenario(scenario, reportWarnings: false)
        let estimate = CapacityEstimate(loaded.scenario!, tables: loaded.tables)
        if json {
            Terminal.out(try Terminal.json(CheckReport(file: scenario, estimate: estimate, diagnostics: loaded.diagnostics)))
        } else {
            Terminal.out(CheckRenderer.render(estimate, scenario: loaded.scenario!, file: scenario,
                                              diagnostics: loaded.diagnostics))
        }
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

enum CheckRenderer {
    static func render(_ e: CapacityEstimate, scenario: Scenario, file: String, diagnostics: [Diagnostic]) -> String {
        var lines: [String] = []
        let weekCount = e.weeks.count
        lines.append("\(e.name) — \(file)")
        lines.append("Quarter: \(e.start) to \(e.end), \(weekCount) weeks (ISO weeks \(isoRange(e)))")
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

        lines.append("")
        lines.append("Weeks:")
        var weekTable = TextTable(header: ["week", "monday", "ISO", "closed"])
        for w in e.weeks {
            weekTable.rows.append(["\(w.week)", "\(w.monday)", Format.isoWeek(w.isoYear, w.isoWeek),
                                   w.closed.joined(separator: ", ")])
        }
        weekTable.rightAligned = [0]
        lines.append(weekTable.render())

        lines.append("")
        lines.append("Asked (hours over the quarter):")
        var practices = TextTable(header: ["practice", "municipality", "prio", "sessions/wk", "h/session", "asked h", "work h", "eligible", "funded by"])
        for p in e.practices {
            practices.rows.append([p.id, p.municipality, Format.hours(p.priority), "\(p.sessionsPerWeek)",
                                   Format.hours(p.sessionHours), Format.hours(p.askedHours), Format.hours(p.workHours),
                                   "\(p.eligibleWorkers)", p.fundedBy.isEmpty ? "–" : p.fundedBy.joined(separator: ", ")])
        }
        practices.rows.append(["total", "", "", "", "", Format.hours(e.totals.askedHours), Format.hours(e.totals.workHours), "", ""])
        practices.rightAligned = [2, 3, 4, 5, 6, 7]
        lines.append(practices.render())
        lines.append("  work h = contact on open days \(Format.hours(e.totals.contactHours)) + admin \(Format.hours(e.totals.adminHours)) + travel \(Format.hours(e.totals.travelHours)) + MDO \(Format.hours(e.totals.mdoHours))")

        lines.append("")
        lines.append("Available (worker-hours over the quarter, less reserved hours, leave and holidays):")
        var workers = TextTable(header: ["worker", "contract h/wk", "reserved", "plannable/wk", "leave days", "available h", "skills"])
        for w in e.workers {
            workers.rows.append([w.id, Format.hours(w.hoursPerWeek), Format.hours(w.reservedHours),
                                 Format.hours(w.plannableHoursPerWeek), "\(w.leaveDays)", Format.hours(w.availableHours),
                                 w.skills.joined(separator: ", ")])
        }
        workers.rows.append(["total", "", "", "", "", Format.hours(e.totals.availableHours), ""])
        workers.rightAligned = [1, 2, 3, 4, 5]
        lines.append(workers.render())

        lines.append("")
        lines.append("Funded:")
        var streams = TextTable(header: ["stream", "funder", "budget", "hours", "pays for", "practices"])
        for s in e.streams {
            let budget = s.budgetEuros.map { "\(Format.euros($0)) at \(Format.rate(s.ratePerHour ?? 0))/h" } ?? "hours"
            let scope = s.practices.count == e.practices.count ? "all" : s.practices.joined(separator: ", ")
            streams.rows.append([s.id, s.funder, budget, Format.hours(s.budgetHours),
                                 s.paysFor.map(\.rawValue).joined(separator: ", "), scope.isEmpty ? "none" : scope])
        }
        streams.rows.append(["total", "", "", Format.hours(e.totals.fundedHours), "", ""])
        streams.rightAligned = [3]
        lines.append(streams.render())

        lines.append("")
        let work = e.totals.workHours
        lines.append("Estimate: asked \(Format.hours(work)) h of work; available \(Format.hours(e.totals.availableHours)) h (\(Format.percent(e.totals.availableHours, of: work)) of asked); funded \(Format.hours(e.totals.fundedHours)) h (\(Format.percent(e.totals.fundedHours, of: work)) of asked).")
        lines.append("This is an estimate before planning: slots, skills and limits per worker can only lower what a plan holds.")

        let warnings = diagnostics.filter { $0.severity != .error }.map(\.description) + e.warnings.map { "warning: \($0)" }
        lines.append("")
        if warnings.isEmpty {
            lines.append("No warnings.")
        } else {
            lines.append("Warnings:")
            lines += warnings.map { "  \($0)" }
        }
        return lines.joined(separator: "\n")
    }

    private static func isoRange(_ e: CapacityEstimate) -> String {
        guard let first = e.weeks.first, let last = e.weeks.last else { return "" }
        return "\(Format.isoWeek(first.isoYear, first.isoWeek)) to \(Format.isoWeek(last.isoYear, last.isoWeek))"
    }
}
