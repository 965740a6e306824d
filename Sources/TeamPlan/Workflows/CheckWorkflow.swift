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
    public init(file: String, confinedTo confinement: FolderConfinement? = nil) throws(Failure) {
        let (loaded, scenario) = try Inputs.scenario(file, confinedTo: confinement)
        self.file = file
        self.scenario = scenario
        estimate = CapacityEstimate(scenario, tables: loaded.tables)
        diagnostics = loaded.diagnostics
    }

    /// A scenario already read (an editor's draft).
    init(file: String, scenario: Scenario, estimate: CapacityEstimate, diagnostics: [Diagnostic]) {
        self.file = file
        self.scenario = scenario
        self.estimate = estimate
        self.diagnostics = diagnostics
    }

    /// What `check` prints.
    public var text: String { text(.en) }

    /// What `check` prints, in `language`.
    public func text(_ language: Language) -> String {
        CheckText.render(estimate, scenario: scenario, file: file, diagnostics: diagnostics, language: language)
    }

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
        /// In a workbook: the sheet and the cell (`C7`); `line` is then the row.
        var sheet: String?
        var cell: String?
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
            Item(severity: $0.severity.rawValue, file: $0.location?.file, sheet: $0.location?.sheet,
                 cell: $0.location?.cellName, line: $0.location?.line,
                 column: $0.location?.column, path: $0.path, message: $0.message)
        } + estimate.warnings.map { Item(severity: "warning", path: "", message: $0.message) }
    }
}

extension CheckText {
    static func render(_ e: CapacityEstimate, scenario: Scenario, file: String, diagnostics: [Diagnostic],
                       language: Language = .en) -> String {
        let t = CheckText(l: language.labels, names: DisplayNames(scenario))
        let sections = [t.header(e, file: file), t.weeks(e), t.asked(e), t.available(e), t.funded(e), t.decisions(e.decisions),
                        t.estimate(e), t.warnings(e, diagnostics)]
        return sections.filter { !$0.isEmpty }.map { $0.joined(separator: "\n") }.joined(separator: "\n\n")
    }
}

/// `check`'s text in one language: English, or Dutch with Dutch numbers.
/// Ids stay in the tables (they are what the scenario's files are edited by); names stand beside them.
struct CheckText {
    let l: Labels
    let names: DisplayNames
    var nl: Bool { l.language == .nl }
    /// The English or the Dutch.
    func w(_ english: String, _ dutch: String) -> String { nl ? dutch : english }
    func h(_ value: Double) -> String { l.hours(value) }
    func count(_ n: Int, _ english: (String, String), _ dutch: (String, String)) -> String {
        let words = nl ? dutch : english
        return "\(n) " + (n == 1 ? words.0 : words.1)
    }

    /// The manager's decisions and what the pins take of each worker's week.
    func decisions(_ d: DecisionsEstimate) -> [String] {
        guard !d.isEmpty else { return [] }
        var table = TextTable(header: ["", w("worker", "medewerker"), w("practice", "praktijk"), w("slot", "dagdeel"),
                                       w("weight", "gewicht"), w("at", "waar")])
        for line in d.lines {
            let kind: String
            switch line.kind {
            case "pin": kind = line.role == "backup" ? w("pin (backup)", "vast (vervanger)") : w("pin", "vast")
            case "avoid": kind = w("avoid", "vermijden")
            case "preference": kind = w("preference", "voorkeur")
            default: kind = line.kind
            }
            table.rows.append([kind, line.worker, line.practice, line.slot.map(l.slotName) ?? "", line.weight.map(h) ?? "", line.at ?? ""])
        }
        var lines = [w("Decisions (pins every plan keeps; avoided pairs never; preferences weighed):",
                       "Beslissingen (vastgezette keuzes houdt elk plan; vermeden koppels nooit; voorkeuren wegen mee):"), table.render()]
        if !d.pinnedLoad.isEmpty {
            var load = TextTable(header: [w("worker", "medewerker"), w("pinned sessions", "vaste spreekuren"), w("pinned h/wk", "vast u/wk"),
                                          w("plannable/wk", "planbaar/wk"), w("left", "over")])
            for p in d.pinnedLoad {
                load.rows.append([p.worker, "\(p.pinnedSessions)", h(p.pinnedHoursPerWeek), h(p.plannableHoursPerWeek), h(p.leftHoursPerWeek)])
            }
            load.rightAligned = [1, 2, 3, 4]
            lines += [w("What the pins take (sessions with admin and travel; one for a pinned pair without a slot):",
                        "Wat de vastgezette keuzes vragen (spreekuren met administratie en reistijd; één voor een vast koppel zonder dagdeel):"),
                      load.render()]
        }
        return lines
    }

    /// The quarter, the team, the slots, the tables read and the closed days.
    func header(_ e: CapacityEstimate, file: String) -> [String] {
        var lines: [String] = []
        lines.append("\(e.name) — \(file)")
        lines.append(w("Quarter: \(e.start) to \(e.end), \(e.weeks.count) weeks (ISO weeks \(isoRange(e)))",
                       "Kwartaal: \(e.start) t/m \(e.end), \(e.weeks.count) weken (ISO-weken \(isoRange(e)))"))
        let municipalities = Set(e.practices.map(\.municipality)).count
        lines.append(w("Team: ", "Team: ") + count(e.workers.count, ("worker", "workers"), ("medewerker", "medewerkers")) + "; "
                     + count(e.practices.count, ("practice", "practices"), ("praktijk", "praktijken")) + w(" in ", " in ")
                     + count(municipalities, ("municipality", "municipalities"), ("gemeente", "gemeenten")) + "; "
                     + count(e.streams.count, ("funding stream", "funding streams"), ("financieringsstroom", "financieringsstromen")))
        lines.append(w("Slots: ", "Dagdelen: ") + e.slots.map(l.slotName).joined(separator: " "))
        for table in e.tables {
            let separator = nl ? ["comma": "komma", "semicolon": "puntkomma", "tab": "tab"][table.separator] ?? table.separator : table.separator
            lines.append(w("Table \(table.key): \(table.file), \(table.rows) rows, separator \(separator), \(table.encoding)",
                           "Tabel \(table.key): \(table.file), \(table.rows) rijen, scheidingsteken \(separator), \(table.encoding)"))
        }
        if e.closedDays.isEmpty {
            lines.append(w("Holidays and closures in the quarter: none", "Feestdagen en sluitingen in het kwartaal: geen"))
        } else {
            lines.append(w("Holidays and closures in the quarter:", "Feestdagen en sluitingen in het kwartaal:"))
            for day in e.closedDays {
                lines.append("  \(day.date) \(l.dayShortName(day.date.weekday))  \(nl ? day.dutchName : day.name)")
            }
        }
        return lines
    }

    func weeks(_ e: CapacityEstimate) -> [String] {
        var weekTable = TextTable(header: [w("week", "week"), w("monday", "maandag"), "ISO", w("closed", "gesloten")])
        for week in e.weeks {
            let closed = e.closedDays.filter { day in week.monday <= day.date && day.date <= week.monday.adding(days: 6) }
            weekTable.rows.append(["\(week.week)", "\(week.monday)", Format.isoWeek(week.isoYear, week.isoWeek),
                                   nl ? closed.map { "\($0.dutchName) \($0.date)" }.joined(separator: ", ") : week.closed.joined(separator: ", ")])
        }
        weekTable.rightAligned = [0]
        return [w("Weeks:", "Weken:"), weekTable.render()]
    }

    func asked(_ e: CapacityEstimate) -> [String] {
        var practices = TextTable(header: [w("practice", "praktijk"), w("municipality", "gemeente"), "prio", w("sessions/wk", "spreekuren/wk"),
                                           w("h/session", "u/spreekuur"), w("asked h", "gevraagd u"), w("work h", "werk u"),
                                           w("eligible", "geschikt"), w("funded by", "betaald door")])
        for p in e.practices {
            practices.rows.append([p.id, p.municipality, h(p.priority), "\(p.sessionsPerWeek)",
                                   h(p.sessionHours), h(p.askedHours), h(p.workHours),
                                   "\(p.eligibleWorkers)", p.fundedBy.isEmpty ? "–" : p.fundedBy.joined(separator: ", ")])
        }
        practices.rows.append([w("total", "totaal"), "", "", "", "", h(e.totals.askedHours), h(e.totals.workHours), "", ""])
        practices.rightAligned = [2, 3, 4, 5, 6, 7]
        let t = e.totals
        return [w("Asked (hours over the quarter):", "Gevraagd (uren in het kwartaal):"), practices.render(),
                w("  work h = contact on open days \(h(t.contactHours)) + admin \(h(t.adminHours)) + travel \(h(t.travelHours)) + MDO \(h(t.mdoHours))",
                  "  werk u = cliëntcontact op open dagen \(h(t.contactHours)) + administratie \(h(t.adminHours)) + reistijd \(h(t.travelHours)) + MDO \(h(t.mdoHours))")]
    }

    func available(_ e: CapacityEstimate) -> [String] {
        var workers = TextTable(header: [w("worker", "medewerker"), w("contract h/wk", "contract u/wk"), w("reserved", "gereserveerd"),
                                         w("plannable/wk", "planbaar/wk"), w("leave days", "verlofdagen"), w("available h", "beschikbaar u"),
                                         w("skills", "vaardigheden")])
        for worker in e.workers {
            workers.rows.append([worker.id, h(worker.hoursPerWeek), h(worker.reservedHours),
                                 h(worker.plannableHoursPerWeek), "\(worker.leaveDays)", h(worker.availableHours),
                                 worker.skills.joined(separator: ", ")])
        }
        workers.rows.append([w("total", "totaal"), "", "", "", "", h(e.totals.availableHours), ""])
        workers.rightAligned = [1, 2, 3, 4, 5]
        return [w("Available (worker-hours over the quarter, less reserved hours, leave and holidays):",
                  "Beschikbaar (medewerkeruren in het kwartaal, min gereserveerde uren, verlof en feestdagen):"), workers.render()]
    }

    func funded(_ e: CapacityEstimate) -> [String] {
        var streams = TextTable(header: [w("stream", "stroom"), w("funder", "financier"), "budget", w("hours", "uren"),
                                         w("pays for", "betaalt"), w("practices", "praktijken")])
        for s in e.streams {
            let budget = s.budgetEuros.map { "\(l.euros($0)) " + w("at", "à") + " \(l.rate(s.ratePerHour ?? 0))/" + l.hourUnit } ?? w("hours", "uren")
            let scope = s.practices.count == e.practices.count ? w("all", "alle") : s.practices.joined(separator: ", ")
            streams.rows.append([s.id, s.funder, budget, h(s.budgetHours),
                                 s.paysFor.map { l.activity($0) }.joined(separator: ", "), scope.isEmpty ? w("none", "geen") : scope])
        }
        streams.rows.append([w("total", "totaal"), "", "", h(e.totals.fundedHours), "", ""])
        streams.rightAligned = [3]
        return [w("Funded:", "Gefinancierd:"), streams.render()]
    }

    func estimate(_ e: CapacityEstimate) -> [String] {
        let work = e.totals.workHours, t = e.totals
        let available = l.percent(t.availableHours, of: work), funded = l.percent(t.fundedHours, of: work)
        return [w("Estimate: asked \(h(work)) h of work; available \(h(t.availableHours)) h (\(available) of asked); funded \(h(t.fundedHours)) h (\(funded) of asked).",
                  "Schatting: gevraagd \(h(work)) u werk; beschikbaar \(h(t.availableHours)) u (\(available) van het gevraagde); gefinancierd \(h(t.fundedHours)) u (\(funded) van het gevraagde)."),
                w("This is an estimate before planning: slots, skills and limits per worker can only lower what a plan holds.",
                  "Dit is een schatting vóór het plannen: dagdelen, vaardigheden en grenzen per medewerker kunnen wat een plan haalt alleen verlagen.")]
    }

    func warnings(_ e: CapacityEstimate, _ diagnostics: [Diagnostic]) -> [String] {
        let warnings = diagnostics.filter { $0.severity != .error }.map { $0.text(l.language) }
            + e.warnings.map { w("warning: ", "waarschuwing: ") + $0.text(l.language) }
        return warnings.isEmpty ? [w("No warnings.", "Geen waarschuwingen.")] : [w("Warnings:", "Waarschuwingen:")] + warnings.map { "  \($0)" }
    }

    private func isoRange(_ e: CapacityEstimate) -> String {
        guard let first = e.weeks.first, let last = e.weeks.last else { return "" }
        return "\(Format.isoWeek(first.isoYear, first.isoWeek))" + w(" to ", " t/m ") + "\(Format.isoWeek(last.isoYear, last.isoWeek))"
    }
}
