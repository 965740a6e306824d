import Foundation

/// plan.xlsx: the plan as a workbook a manager keeps, prints and mails —
/// Summary, Week (days × parts: who @ where), Weeks (practice × week,
/// coloured as the report's grid), Funding and Workers (the CSVs' tables,
/// numbers as numbers). Read from Evaluation alone, in the reader's language.
public enum PlanWorkbook {
    public static func data(_ result: SolveResult, language: Language = .en, replan: ReplanChanges? = nil) throws -> Data {
        try XLSXWriter.data(sheets(result, language: language, replan: replan))
    }

    static func sheets(_ result: SolveResult, language: Language, replan: ReplanChanges?) -> [XLSXWriter.Sheet] {
        guard let e = result.evaluation else { return [] }
        let l = language.labels, nl = language == .nl
        // A replan's weeks and money cover the whole quarter, as its CSVs do.
        let parts = replan.map { r in (r.history.map { [PlanReport.QuarterPart(evaluation: $0, offset: 0)] } ?? [])
            + [PlanReport.QuarterPart(evaluation: e, offset: r.week - 1)] } ?? [PlanReport.QuarterPart(evaluation: e, offset: 0)]
        let funding = replan.map { PlanTables.funding(history: $0.historyFunding, rest: e, budgets: $0.budgets) } ?? PlanTables.funding(e)
        return [
            summary(result, e, l, replan: replan),
            week(e, l),
            weeks(parts, replan?.scenario ?? e.scenario, l),
            sheet(nl ? "Financiering" : "Funding", funding, language, widths: [24, 22, 16]),
            sheet(nl ? "Medewerkers" : "Workers", PlanTables.workers(e), language, widths: [16]),
        ]
    }

    /// The answer: status, objective, the gap, the money, the practices short.
    static func summary(_ result: SolveResult, _ e: Evaluation, _ l: Labels, replan: ReplanChanges? = nil) -> XLSXWriter.Sheet {
        typealias C = XLSXWriter.Cell
        let s = e.scenario, t = e.terms, names = DisplayNames(s), nl = l.language == .nl
        func w(_ english: String, _ dutch: String) -> String { nl ? dutch : english }
        let asked = s.askedSessionHours
        let status = PlanReport.statusText(result, l)
        let quarter = (replan?.scenario ?? s).quarter
        let last = quarter.monday(ofWeek: quarter.weeks).adding(days: 6)
        var rows: [[C]] = [
            [.text(s.name, .bold)],
            [.text(w("Quarter", "Kwartaal")), .text("\(quarter.start) – \(last)")],
        ]
        // A replan's quarter is the whole quarter; the numbers below are the new plan's, from its week.
        if let replan {
            rows.append([.text(w("Replanned from", "Herplanning vanaf")),
                         .text(w("\(replan.from) (week \(replan.week): the numbers below are the new plan's)",
                                 "\(replan.from) (week \(replan.week): de getallen hieronder zijn die van het nieuwe plan)"))])
            if let history = replan.history {
                rows.append([.text(w("Gap of the weeks before (h)", "Tekort van de weken ervoor (u)")), .number(history.terms.gapHours)])
            }
        }
        rows += [
            [.text(l.statusLabel), .text(status)],
            [.text(l.objective), .number(t.objective, t.objective == t.objective.rounded() ? .whole : .hours)],
            [.text(w("Gap (h)", "Tekort (u)")), .number(t.gapHours, .hours)],
            [.text(w("Consultation hours asked (h)", "Gevraagde spreekuururen (u)")), .number(asked, .hours)],
            [.text(w("Gap (% of asked)", "Tekort (% van het gevraagde)")), .number(asked > 0 ? (1000 * t.gapHours / asked).rounded() / 10 : 0, .oneDecimal)],
            [.text(w("Missing backups", "Ontbrekende vervangers")), .number(Double(t.missingBackups), .whole)],
            [.text(w("Pairs", "Koppels")), .number(Double(t.pairs), .whole)],
            [],
            [C.text(l.fundingHeading, .bold)],
            [w("stream", "stroom"), w("funder", "financier"), w("used (h)", "gebruikt (u)"), w("budget (h)", "budget (u)"),
             w("used (€)", "gebruikt (€)"), w("budget (€)", "budget (€)")].map { C.text($0, .header) },
        ]
        for st in e.streams {
            rows.append([.text(st.id), .text(names.stream(st.id)), .number(st.usedHours), .number(st.budgetHours),
                         st.usedEuros.map { C.number($0, .euros) } ?? .empty, st.budgetEuros.map { C.number($0, .euros) } ?? .empty])
        }
        let gaps = e.practices.filter { $0.gapHours > 0 }.sorted { ($0.priority * $0.gapHours, $1.id) > ($1.priority * $1.gapHours, $0.id) }
        if !gaps.isEmpty {
            rows += [[], [C.text(l.gapTableHeading, .bold)],
                     [w("practice", "praktijk"), w("name", "naam"), l.priority, w("gap (h)", "tekort (u)")].map { C.text($0, .header) }]
            for p in gaps {
                rows.append([.text(p.id), .text(names.practice(p.id)), .number(p.priority, .hours), .number(p.gapHours)])
            }
        }
        var sheet = XLSXWriter.Sheet(name: w("Summary", "Samenvatting"), rows: rows, columnWidths: [30, 34, 14, 14, 14, 14], frozenRows: 0)
        sheet.landscape = false
        return sheet
    }

    /// The week template: a row per day, a column per day part, who @ where.
    static func week(_ e: Evaluation, _ l: Labels) -> XLSXWriter.Sheet {
        let s = e.scenario, names = DisplayNames(s)
        var rows: [[XLSXWriter.Cell]] = [[.text(l.day, .header)] + s.dayParts.map { .text("\(l.partName($0.name)) (\(l.from) \($0.startText))", .header) }]
        for day in s.days {
            var row: [XLSXWriter.Cell] = [.text(l.dayName(day), .header)]
            for part in s.dayParts {
                let slot = Slot(day: day, part: part.name).name
                let here = e.plan.sessions.filter { $0.slot == slot }.map { names.pair(WorkerPractice(worker: $0.worker, practice: $0.practice)) }
                row.append(.text(here.joined(separator: "\n"), .wrapped))
            }
            rows.append(row)
        }
        return XLSXWriter.Sheet(name: "Week", rows: rows, columnWidths: [14] + s.dayParts.map { _ in 52 }, frozenRows: 1, frozenColumns: 1)
    }

    /// Practice × week, each cell the week's state in words and in the report's colour.
    static func weeks(_ parts: [PlanReport.QuarterPart], _ s: Scenario, _ l: Labels) -> XLSXWriter.Sheet {
        let names = DisplayNames(s)
        let style: [PlanReport.WeekState: XLSXWriter.Style] = [.held: .held, .covered: .covered, .lost: .lost, .notPlanned: .notPlanned, .closed: .closed]
        let practices = parts.last?.evaluation.practices ?? []
        let weeks = parts.reduce(0) { max($0, $1.offset + $1.evaluation.scenario.quarter.weeks) }
        var rows: [[XLSXWriter.Cell]] = [[.text(l.practice, .header)] + (1...max(weeks, 1)).prefix(weeks).map { .number(Double($0), .header) }]
        for practice in practices {
            var row: [XLSXWriter.Cell] = Array(repeating: .empty, count: weeks + 1)
            row[0] = .text(names.practice(practice.id))
            for part in parts {
                guard let p = part.evaluation.practice(practice.id) else { continue }
                for w in p.weeks where w.week + part.offset <= weeks {
                    let state = PlanReport.WeekState(w)
                    // The worst state's colour; in words every state the week had, counted when there are several.
                    let counts = [(w.heldByRegular, l.held), (w.covered, l.covered), (w.lost, l.lost), (w.shortfall, l.notPlanned),
                                  (w.closed, l.closed)].filter { $0.0 > 0 }
                    let text = counts.count <= 1 ? (state == .notPlanned ? l.notPlanned : state.word(l))
                        : counts.map { "\($0.0) \($0.1)" }.joined(separator: "\n")
                    row[w.week + part.offset] = .text(text, style[state]!)
                }
            }
            rows.append(row)
        }
        return XLSXWriter.Sheet(name: l.language == .nl ? "Weken" : "Weeks", rows: rows,
                                columnWidths: [34] + Array(repeating: 14, count: weeks), frozenRows: 1, frozenColumns: 1)
    }

    /// A CSV table as a sheet: the same header (in the language), the same
    /// numbers (rounded as the CSV rounds them), as numbers.
    static func sheet(_ name: String, _ table: CSVTableWriter, _ language: Language, widths: [Double]) -> XLSXWriter.Sheet {
        let words = language == .nl ? CSVWords.values : [:]
        var rows: [[XLSXWriter.Cell]] = [table.header(language).map { .text($0, .header) }]
        for row in table.rows {
            rows.append(row.map { cell in
                switch cell {
                case .text(let t): return .text(t)
                case .word(let w): return .text(words[w] ?? w)
                case .whole(let n): return .number(Double(n), .whole)
                case .number(let v, let decimals):
                    return .number(TableCell.rounded(v, decimals: decimals), decimals == 1 ? .oneDecimal : .hours)
                case .empty: return .empty
                }
            })
        }
        // Each column as wide as its longest text (10 to 40 characters); longer text wraps.
        let fitted = (0..<table.header.count).map { c -> Double in
            let longest = rows.dropFirst().map { row -> Int in
                guard c < row.count, case .text(let t) = row[c].value else { return 8 }
                return t.count
            }.max() ?? 8
            return Double(min(40, max(10, longest + 2, c < widths.count ? Int(widths[c]) : 0)))
        }
        for r in rows.indices.dropFirst() {
            for c in rows[r].indices where rows[r][c].style == .plain {
                if case .text(let t) = rows[r][c].value, Double(t.count) > fitted[c] - 1 { rows[r][c].style = .wrapped }
            }
        }
        return XLSXWriter.Sheet(name: name, rows: rows, columnWidths: fitted)
    }
}
