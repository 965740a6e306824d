import Foundation

/// How a CSV file is written: RFC 4180 (`,`, decimal point, CRLF), or what
/// Dutch Excel opens with a double-click (`;`, decimal comma, UTF-8 byte-order
/// mark, CRLF).
public enum CSVDialect: String, Sendable, CaseIterable {
    case rfc4180
    case excelNL = "excel-nl"

    /// What a reader of this language opens best: Dutch spreadsheets read
    /// `24,5` as a number and `24.5` as text.
    public static func `default`(for language: Language) -> CSVDialect { language == .nl ? .excelNL : .rfc4180 }

    var separator: Character { self == .rfc4180 ? "," : ";" }
    var decimal: Character { self == .rfc4180 ? "." : "," }
}

/// A cell: text, a whole number, or a number shown to some decimals.
public enum TableCell: Sendable, Equatable {
    case text(String)
    /// A word of ours (`regular`, `mon`, `total`), written in the table's language.
    case word(String)
    case whole(Int)
    /// Rounded for people to `decimals`, trailing zeros dropped.
    case number(Double, decimals: Int)
    case empty

    static func hours(_ value: Double) -> TableCell { .number(value, decimals: 2) }

    /// The number a `.number` cell shows: rounded as its text is (never -0).
    static func rounded(_ value: Double, decimals: Int) -> Double {
        let shown = Double(String(format: "%.\(decimals)f", value)) ?? value
        return shown == 0 ? 0 : shown
    }
}

/// One CSV table.
public struct CSVTableWriter: Sendable {
    public var header: [String]
    public var rows: [[TableCell]] = []
    /// A header's Dutch where this table means another thing by it than `CSVWords.headers` says.
    public var dutchHeaders: [String: String] = [:]

    public init(header: [String]) { self.header = header }

    /// The first characters that make a spreadsheet read a cell as a
    /// formula (OWASP, "CSV Injection"): `=`, `+`, `-`, `@`, tab and
    /// carriage return.
    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// A text cell a spreadsheet would run as a formula is written as text:
    /// a single quote before it, and the cell quoted (OWASP's advice). A
    /// scenario file named `=HYPERLINK(…).yaml` reaches sweep.csv; Excel and
    /// LibreOffice would run it on opening. Numbers are not text cells, so
    /// -3 stays the number -3.
    static func neutralised(_ text: String) -> (text: String, quote: Bool) {
        guard let first = text.unicodeScalars.first, formulaStarts.contains(first) else { return (text, false) }
        return ("'" + text, true)
    }

    /// The header in `language`.
    public func header(_ language: Language) -> [String] {
        language == .nl ? header.map { dutchHeaders[$0] ?? CSVWords.headers[$0] ?? $0 } : header
    }

    public func render(_ dialect: CSVDialect, language: Language = .en) -> Data {
        let words = language == .nl ? CSVWords.values : [:]
        func field(_ raw: String) -> String {
            let (text, mustQuote) = Self.neutralised(raw)
            // By scalar: "\r\n" is one Character, equal to neither "\r" nor "\n".
            let separator = dialect.separator.unicodeScalars.first!
            guard mustQuote || text.unicodeScalars.contains(where: { $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            else { return text }
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        func cell(_ c: TableCell) -> String {
            switch c {
            case .text(let t): return field(t)
            case .word(let w): return field(words[w] ?? w)
            case .whole(let n): return String(n)
            case .empty: return ""
            case .number(let value, let decimals):
                var text = String(format: "%.\(decimals)f", value)
                if text.contains(".") {
                    while text.hasSuffix("0") { text.removeLast() }
                    if text.hasSuffix(".") { text.removeLast() }
                }
                if text == "-0" { text = "0" }
                return String(text.map { $0 == "." ? dialect.decimal : $0 })
            }
        }
        var lines = [header(language).map(field).joined(separator: String(dialect.separator))]
        for row in rows { lines.append(row.map(cell).joined(separator: String(dialect.separator))) }
        let text = lines.joined(separator: "\r\n") + "\r\n"
        return Data(((dialect == .excelNL ? "\u{FEFF}" : "") + text).utf8)
    }
}

/// schedule.csv, weeks.csv, funding.csv and workers.csv of a plan, read
/// from Evaluation alone. Hours are rounded to 0.01 for people; every total
/// is summed from the exact values, not from the rounded cells.
public enum PlanTables {
    public static func files(_ e: Evaluation, dialect: CSVDialect, language: Language = .en) -> [(String, Data)] {
        [("schedule.csv", schedule(e).render(dialect, language: language)), ("weeks.csv", weeks(e).render(dialect, language: language)),
         ("funding.csv", funding(e).render(dialect, language: language)), ("workers.csv", workers(e).render(dialect, language: language))]
    }

    static func timeText(_ minutes: Int) -> String { String(format: "%02d:%02d", minutes / 60 % 24, minutes % 60) }

    /// Who is where and when every week: regular sessions, and each backup
    /// in each slot its practice holds a session.
    public static func schedule(_ e: Evaluation) -> CSVTableWriter {
        let s = e.scenario
        var table = CSVTableWriter(header: ["worker", "practice", "day", "part", "start", "end", "hours per session (h)", "role", "mdo attendee"])
        var rows: [(key: [String], cells: [TableCell])] = []
        func add(_ worker: String, _ practiceID: String, _ slotName: String, role: String) {
            guard let practice = s.practice(practiceID), let slot = Slot(name: slotName), let part = s.dayPart(named: slot.part) else { return }
            let end = part.startMinutes + Int((practice.sessionHours * 60).rounded())
            let attends = role == "regular" && e.practice(practiceID)?.mdoAttendee == worker
            rows.append(([worker, String(slot.day.rawValue), slotName, role, practiceID],
                         [.text(worker), .text(practiceID), .word(slot.day.name), .word(slot.part), .text(timeText(part.startMinutes)),
                          .text(timeText(end)), .hours(practice.sessionHours), .word(role), .word(attends ? "yes" : "no")]))
        }
        for session in e.plan.sessions { add(session.worker, session.practice, session.slot, role: "regular") }
        for backup in e.plan.backups {
            for session in e.plan.sessions where session.practice == backup.practice {
                add(backup.worker, backup.practice, session.slot, role: "backup")
            }
        }
        table.rows = rows.sorted { $0.key.lexicographicallyPrecedes($1.key) }.map(\.cells)
        return table
    }

    /// Each practice in each week of the quarter.
    public static func weeks(_ e: Evaluation) -> CSVTableWriter { weeks([(e, 0, nil)]) }

    /// Each practice in each week of several evaluations of consecutive
    /// parts of one quarter (a replan: history, then the new plan), each
    /// part's weeks numbered after `offset` weeks and, when named, the part
    /// in a last column.
    static func weeks(_ parts: [(evaluation: Evaluation, offset: Int, part: String?)]) -> CSVTableWriter {
        let named = parts.contains { $0.part != nil }
        var table = CSVTableWriter(header: ["practice", "week", "week starts", "iso week", "asked", "held by regular", "covered", "lost",
                                            "closed", "shortfall", "gap (h)", "covered by"] + (named ? ["part"] : []))
        // Here `part` is the part of the quarter (before the replan, or the replan), not a day part.
        table.dutchHeaders["part"] = "periode"
        guard let first = parts.first?.evaluation else { return table }
        for practice in first.scenario.practices {
            for (e, offset, part) in parts {
                guard let p = e.practice(practice.id) else { continue }
                for w in p.weeks {
                    let iso = e.calendar.isoWeek(w.week)
                    table.rows.append([.text(p.id), .whole(w.week + offset), .text(e.scenario.quarter.monday(ofWeek: w.week).description),
                                       .text(Format.isoWeek(iso.year, iso.week)), .whole(w.asked), .whole(w.heldByRegular), .whole(w.covered),
                                       .whole(w.lost), .whole(w.closed), .whole(w.shortfall), .hours(w.gapHours),
                                       .text(w.coveredBy.joined(separator: " "))] + (named ? [.word(part ?? "")] : []))
                }
            }
        }
        return table
    }

    /// A replan's money over the whole quarter: per stream, practice and
    /// activity, the hours history spent, the hours the new plan pays, and
    /// their sum; each stream's total against its budget before the replan.
    static func funding(history: [Plan.Funding], rest e: Evaluation, budgets: [FundingStream]) -> CSVTableWriter {
        var table = CSVTableWriter(header: ["stream", "practice", "activity", "before (h)", "from the replan (h)", "quarter (h)",
                                            "quarter euros (EUR)", "budget (h)", "budget used (%)"])
        var past: [String: [String: [Activity: Double]]] = [:]
        for line in history { past[line.stream, default: [:]][line.practice, default: [:]][line.activity, default: 0] += line.hours }
        for stream in budgets {
            var total = 0.0
            for practice in e.scenario.practices {
                for activity in Activity.allCases {
                    let before = past[stream.id]?[practice.id]?[activity] ?? 0
                    let now = e.practice(practice.id)?.paid[stream.id]?[activity] ?? 0
                    guard before + now > 1e-9 else { continue }
                    total += before + now
                    table.rows.append([.text(stream.id), .text(practice.id), .word(activity.rawValue), .hours(before), .hours(now),
                                       .hours(before + now), stream.ratePerHour.map { TableCell.number((before + now) * $0, decimals: 2) } ?? .empty,
                                       .empty, .empty])
                }
            }
            table.rows.append([.text(stream.id), .word("total"), .word("all"), .empty, .empty, .hours(total),
                               stream.ratePerHour.map { TableCell.number(total * $0, decimals: 2) } ?? .empty, .hours(stream.budgetHours),
                               .number(stream.budgetHours > 0 ? 100 * total / stream.budgetHours : 0, decimals: 1)])
        }
        return table
    }

    /// Hours (and euros) each stream pays, per practice and activity, and
    /// each stream's total against its budget.
    public static func funding(_ e: Evaluation) -> CSVTableWriter {
        var table = CSVTableWriter(header: ["stream", "practice", "activity", "hours (h)", "euros (EUR)", "budget (h)", "budget used (%)"])
        for stream in e.streams {
            let rate = e.scenario.funding.first { $0.id == stream.id }?.ratePerHour
            for p in e.practices {
                for activity in Activity.allCases {
                    guard let hours = p.paid[stream.id]?[activity], hours > 1e-9 else { continue }
                    table.rows.append([.text(stream.id), .text(p.id), .word(activity.rawValue), .hours(hours),
                                       rate.map { TableCell.number(hours * $0, decimals: 2) } ?? .empty, .empty, .empty])
                }
            }
            table.rows.append([.text(stream.id), .word("total"), .word("all"), .hours(stream.usedHours),
                               stream.usedEuros.map { TableCell.number($0, decimals: 2) } ?? .empty, .hours(stream.budgetHours),
                               .number(stream.budgetHours > 0 ? 100 * stream.usedHours / stream.budgetHours : 0, decimals: 1)])
        }
        return table
    }

    /// Each worker's planned week against the contract.
    public static func workers(_ e: Evaluation) -> CSVTableWriter {
        var table = CSVTableWriter(header: ["worker", "contract (h/week)", "reserved (h/week)", "contact (h/week)", "admin (h/week)",
                                            "travel (h/week)", "mdo (h/week)", "load (h/week)", "free (h/week)", "utilisation (%)",
                                            "practices", "backup for", "covering duties", "covering (h)"])
        for w in e.workers {
            var row: [TableCell] = [.text(w.id), .hours(w.hoursPerWeek), .hours(w.reservedHours)]
            for activity in Activity.allCases { row.append(.hours(w.weekly[activity] ?? 0)) }
            let covering = w.covering.reduce(0.0) { $0 + $1.hours }
            row += [.hours(w.load), .hours(w.free), .number(100 * w.utilisation, decimals: 1)]
            row += [.text(w.practices.joined(separator: " ")), .text(w.backupFor.joined(separator: " ")),
                    .whole(w.covering.count), .hours(covering)]
            table.rows.append(row)
        }
        return table
    }
}

/// Everything `plan` and `report` write for one plan.
public enum PlanOutputs {
    public static let names = "plan.json, summary.txt, report.html, plan.xlsx, schedule.csv, weeks.csv, funding.csv, workers.csv, calendars/"

    public static func files(_ result: SolveResult, summary: String, dialect: CSVDialect, stamp: Date,
                             language: Language = .en, price: ContinuityPrice? = nil,
                             explanation: Explanation? = nil, replan: ReplanChanges? = nil) -> [(String, Data)] {
        guard let plan = result.plan, let evaluation = result.evaluation else { return [] }
        let report = PlanReport.html(result, scenario: evaluation.scenario, language: language, price: price,
                                     explanation: explanation, replan: replan)
        var tables = PlanTables.files(evaluation, dialect: dialect, language: language)
        if let replan {
            // A replan's weeks and money cover the whole quarter: history, then the new plan.
            let whole: [String: Data] = [
                "weeks.csv": PlanTables.weeks((replan.history.map { [($0, 0, "before")] } ?? []) + [(evaluation, replan.week - 1, "replan")])
                    .render(dialect, language: language),
                "funding.csv": PlanTables.funding(history: replan.historyFunding, rest: evaluation, budgets: replan.budgets)
                    .render(dialect, language: language),
            ]
            tables = tables.map { ($0.0, whole[$0.0] ?? $0.1) }
        }
        // The workbook is made of the same tables; it cannot fail but for a bug in the zip library.
        let workbook = (try? PlanWorkbook.data(result, language: language, replan: replan)).map { [("plan.xlsx", $0)] } ?? []
        return [("plan.json", Data(PlanFile.encode(plan).utf8)), ("summary.txt", Data(summary.utf8)),
                ("report.html", Data(report.utf8))]
            + workbook + tables
            + (replan.map { WorkerCalendars.replanFiles(evaluation, replan: $0, stamp: stamp, language: language) }
                ?? WorkerCalendars.files(evaluation, stamp: stamp, language: language))
    }
}

/// The Dutch of the headers and of the words of ours in the CSV tables
/// (and plan.xlsx). Ids, names and the scenario's own words (a day part it
/// named `evening`) are never translated.
public enum CSVWords {
    public static let headers: [String: String] = [
        // schedule.csv
        "worker": "medewerker", "practice": "praktijk", "day": "dag", "part": "dagdeel", "start": "begin", "end": "einde",
        "hours per session (h)": "uren per spreekuur (u)", "role": "rol", "mdo attendee": "MDO-deelnemer",
        // weeks.csv
        "week": "week", "week starts": "week begint", "iso week": "iso-week", "asked": "gevraagd",
        "held by regular": "door vaste medewerker", "covered": "vervangen", "lost": "vervallen", "closed": "gesloten",
        "shortfall": "niet gepland", "gap (h)": "tekort (u)", "covered by": "vervangen door",
        // funding.csv
        "stream": "stroom", "activity": "activiteit", "hours (h)": "uren (u)", "euros (EUR)": "euro (EUR)",
        "budget (h)": "budget (u)", "budget used (%)": "budget gebruikt (%)", "before (h)": "ervoor (u)",
        "from the replan (h)": "vanaf de herplanning (u)", "quarter (h)": "kwartaal (u)", "quarter euros (EUR)": "kwartaal euro (EUR)",
        // workers.csv
        "contract (h/week)": "contract (u/week)", "reserved (h/week)": "gereserveerd (u/week)",
        "contact (h/week)": "cliëntcontact (u/week)", "admin (h/week)": "administratie (u/week)",
        "travel (h/week)": "reistijd (u/week)", "mdo (h/week)": "MDO (u/week)", "load (h/week)": "belasting (u/week)",
        "free (h/week)": "vrij (u/week)", "utilisation (%)": "bezetting (%)", "practices": "praktijken",
        "backup for": "vervanger voor", "covering duties": "invalbeurten", "covering (h)": "invallen (u)",
    ]

    /// Words of ours in the cells: days, the default day parts, roles, yes and no, totals, activities, the quarter's parts.
    public static let values: [String: String] = {
        var words: [String: String] = [
            "regular": "vast", "backup": "vervanger", "yes": "ja", "no": "nee", "total": "totaal", "all": "alle",
            "before": "ervoor", "replan": "herplanning",
        ]
        for activity in Activity.allCases { words[activity.rawValue] = Language.nl.labels.activity(activity) }
        for day in Weekday.allCases { words[day.name] = day.dutchShortName }
        for part in ["am", "pm"] { words[part] = Language.nl.partName(part) }
        return words
    }()
}
