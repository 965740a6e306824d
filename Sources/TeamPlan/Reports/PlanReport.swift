import Foundation

/// report.html: one self-contained page (no script, no external file) that a
/// manager prints or mails to a funder, read from Evaluation alone. The
/// answer first, then four charts, the week template, backups and MDO, and
/// the tables.
public enum PlanReport {
    static let held = "#0072B2", covered = "#56B4E9", lost = "#D55E00", unplanned = "#F0E442", closed = "#BBBBBB"
    /// MDO hours: a solid reddish purple, unlike "lost" (orange, hatched) in colour and in grey
    /// (luminance 142 against 112); the hatch means lost only.
    static let mdo = "#CC79A7"

    public static func html(_ result: SolveResult, scenario s: Scenario, language: Language = .en,
                            price: ContinuityPrice? = nil, explanation: Explanation? = nil,
                            replan: ReplanChanges? = nil) -> String {
        guard let e = result.evaluation else { return "" }
        let l = language.labels
        // The whole quarter's dates, also for a replan.
        let quarter = (replan?.scenario ?? s).quarter
        let last = quarter.monday(ofWeek: quarter.weeks).adding(days: 6)
        var page = HTMLPage.start(title: "\(s.name) — plan", heading: s.name, language: language,
                                  style: ".answer { font-size: 1.1em; background: #f3f3f3; border-left: 4px solid #0072B2; padding: 0.6em 1em; }")
        page += """
            <p>\(escapeMarkup(l.quarterLine(quarter.start.description, last.description, quarter.weeks, s.workers.count, s.practices.count)))</p>

            """
        if let replan {
            // What changes from the replan's date, on top: the lines of the summary, as a block.
            page += "<h2 id=\"replan\">\(escapeMarkup(String(replan.lines(l)[0].dropLast())))</h2>\n<pre>"
                + escapeMarkup(replan.lines(l).dropFirst().joined(separator: "\n")) + "</pre>\n"
        }
        if let replan, replan.history != nil { page += "<p>\(escapeMarkup(l.replanWholeQuarter(replan.week)))</p>\n" }
        page += answer(result, e, s, l)
        // A replan's charts and week grid cover the whole quarter: the weeks
        // before as the current plan held them, then the new plan.
        let parts = replan.map { r in (r.history.map { [QuarterPart(evaluation: $0, offset: 0)] } ?? []) + [QuarterPart(evaluation: e, offset: r.week - 1)] }
            ?? [QuarterPart(evaluation: e, offset: 0)]
        let streams = replan.map { r in zip(r.money, e.streams).map { ($0.0.stream, $0.0.spent + $0.1.usedHours, $0.0.budget) } }
            ?? e.streams.map { ($0.id, $0.usedHours, $0.budgetHours) }
        let names = DisplayNames(s)
        page += practicesChart(parts, s, l) + workersChart(e, names, l) + fundingChart(streams.map { (names.stream($0.0), $0.1, $0.2) }, l)
        page += weeksGrid(parts, replan?.scenario ?? s, language, from: replan?.history == nil ? nil : replan?.week)
        page += weekTemplate(e, s, l) + backupsTable(e, names, l)
        if let plan = result.plan, let changes = PlanSummary.changes(s, plan: plan, terms: e.terms, price: price, labels: l) {
            page += changesSection(changes, l)
        }
        if let explanation { page += explainSection(explanation, labels: l, names: names) }
        page += gapTable(e, s, l) + workersTable(e, names, l) + fundingTable(e, names, l)
        if !e.warnings.isEmpty {
            page += "<h2>\(escapeMarkup(String(l.warnings.dropLast())))</h2>\n<ul>\n" + e.warnings.map { "<li>\(escapeMarkup($0.text(language)))</li>\n" }.joined() + "</ul>\n"
        }
        page += "<p style=\"color:#555\">\(escapeMarkup(l.footer))</p>\n"
        return page + HTMLPage.end
    }

    /// The status in words: proven best, or valid and how far from proven.
    static func statusText(_ result: SolveResult, _ l: Labels) -> String {
        switch result.status {
        case .optimal: l.statusOptimal
        case .feasible: result.bound == nil ? l.statusNoBound : l.statusFeasible(l.percent(result.mipGap ?? 0))
        default: l.none
        }
    }

    /// The answer first: status, the gap and where, the money, the other terms.
    static func answer(_ result: SolveResult, _ e: Evaluation, _ s: Scenario, _ l: Labels) -> String {
        let h: (Double) -> String = l.hours, x = escapeMarkup
        let t = e.terms, names = DisplayNames(s)
        let asked = s.askedSessionHours
        let status = statusText(result, l)
        let gaps = e.practices.filter { $0.gapHours > 0 }.sorted { ($0.priority * $0.gapHours, $1.id) > ($1.priority * $1.gapHours, $0.id) }
        var answer = "<p><strong>\(x(l.statusLabel)):</strong> \(x(status)).</p>"
        answer += "<p><strong>\(x(l.gapLabel)):</strong> " + x(l.gapSentence(h(t.gapHours), h(asked), l.percent(asked > 0 ? t.gapHours / asked : 0)))
        answer += gaps.isEmpty ? ": \(x(l.noGap)).</p>" : ": " + gaps.prefix(6).map { "\(x(names.practice($0.id))) \(h($0.gapHours)) \(l.hourUnit)" }.joined(separator: ", ") + (gaps.count > 6 ? " " + x(l.andMore(gaps.count - 6)) : "") + ".</p>"
        let streams = e.streams.map { st in "\(x(names.stream(st.id))) \(h(st.usedHours)) \(x(l.of)) \(h(st.budgetHours)) \(l.hourUnit)" + (st.usedEuros.map { " (\(l.euros($0)))" } ?? "") }
        answer += "<p><strong>\(x(l.fundsLabel)):</strong> \(streams.isEmpty ? x(l.none) : streams.joined(separator: "; ")).</p>"
        if let least = result.leastMoney { answer += "<p>\(x(l.leastMoney(least, from: result.plan?.from)))</p>" }
        var also = "\(t.missingBackups) \(t.missingBackups == 1 ? l.missingBackup.0 : l.missingBackup.1), \(t.pairs) \(t.pairs == 1 ? l.pair.0 : l.pair.1), \(t.droppedPairs.count) \(t.droppedPairs.count == 1 ? l.droppedPair.0 : l.droppedPair.1)"
        if !(s.previous?.sessions.isEmpty ?? true) {
            also += ", \(t.droppedSessions.count) \(t.droppedSessions.count == 1 ? l.droppedSession.0 : l.droppedSession.1)"
        }
        if !s.preferences.isEmpty { also += ", \(l.unmetPreference) \(l.hours(t.unmetPreference))" }
        answer += "<p><strong>\(x(l.alsoLabel)):</strong> \(x(also)); \(x(l.objective.lowercased())) \(l.exact(t.objective)).</p>"
        return "<div class=\"answer\">\(answer)</div>\n"
    }

    /// A practice's week as the grid draws it (report.html and plan.xlsx):
    /// its worst state. A week with a closed session shows as closed,
    /// unless a session is lost or not planned.
    enum WeekState: String {
        case held, covered, lost, notPlanned = "none", closed

        init(_ w: Evaluation.PracticeWeek) {
            self = w.lost > 0 ? .lost : w.shortfall > 0 ? .notPlanned : w.closed > 0 ? .closed : w.covered > 0 ? .covered : .held
        }

        /// The key's word for it.
        func word(_ l: Labels) -> String {
            switch self {
            case .held: l.held
            case .covered: l.covered
            case .lost: l.lost
            case .notPlanned: l.sessionNotPlanned
            case .closed: l.closed
            }
        }
    }

    /// Consecutive parts of one quarter, each an evaluation whose weeks come
    /// after `offset` weeks of it: the plan alone, or a replan's weeks
    /// before (as the current plan held them) and the new plan's.
    struct QuarterPart {
        let evaluation: Evaluation
        let offset: Int
    }

    /// (a) Practices: each one's quarter in hours, held to not planned.
    static func practicesChart(_ parts: [QuarterPart], _ s: Scenario, _ l: Labels) -> String {
        let h: (Double) -> String = l.hours
        let practices = parts.last!.evaluation.practices
        var a = StackedBarChart(id: "chart-practices", title: l.practicesChart, unit: l.hoursWord,
                                categories: practices.map { p in "\(s.practice(p.id)?.name ?? p.id)\(p.priority != 1 ? " (\(l.priority) \(h(p.priority)))" : "")" },
                                segments: [.init(name: l.heldByRegular, colour: held), .init(name: l.coveredByBackup, colour: covered),
                                           .init(name: l.lostNoBackup, colour: lost, hatched: true),
                                           .init(name: l.notPlanned, colour: unplanned), .init(name: l.closedHoliday, colour: closed)],
                                values: practices.map { practice in
                                    let sh = s.practice(practice.id)!.sessionHours
                                    return parts.reduce(into: [0.0, 0, 0, 0, 0]) { sum, part in
                                        guard let p = part.evaluation.practice(practice.id) else { return }
                                        let counts = [p.heldByRegular, p.covered, p.lost, p.shortfall * part.evaluation.scenario.quarter.weeks, p.closed]
                                        for (i, n) in counts.enumerated() { sum[i] += Double(n) * sh }
                                    }
                                })
        a.width = 760
        a.numbers = l.numbers
        return "<h2>\(escapeMarkup(l.practicesHeading))</h2>\n" + a.svg()
    }

    /// (b) Workers: each one's week by activity against the contract.
    static func workersChart(_ e: Evaluation, _ names: DisplayNames, _ l: Labels) -> String {
        var b = StackedBarChart(id: "chart-workers", title: l.workersChart, unit: l.hoursAWeek,
                                categories: e.workers.map { names.worker($0.id) },
                                segments: [.init(name: l.reserved, colour: closed), .init(name: l.activity(.contact), colour: held),
                                           .init(name: l.activity(.admin), colour: covered), .init(name: l.activity(.travel), colour: unplanned),
                                           .init(name: l.activity(.mdo), colour: mdo)],
                                values: e.workers.map { w in [w.reservedHours] + Activity.allCases.map { w.weekly[$0] ?? 0 } })
        b.numbers = l.numbers
        b.markers = e.workers.map(\.hoursPerWeek)
        b.markerName = l.contractHours
        return "<h2>\(escapeMarkup(l.workersHeading))</h2>\n" + b.svg()
    }

    /// (c) Funding: each stream's hours used against its budget.
    static func fundingChart(_ streams: [(id: String, used: Double, budget: Double)], _ l: Labels) -> String {
        var c = StackedBarChart(id: "chart-funding", title: l.moneyChart, unit: l.hoursQuarter,
                                categories: streams.map(\.id),
                                segments: [.init(name: l.used, colour: held), .init(name: l.left, colour: "#FFFFFF")],
                                values: streams.map { [$0.used, max(0, $0.budget - $0.used)] })
        c.numbers = l.numbers
        c.markers = streams.map(\.budget)
        c.markerName = l.budget
        return "<h2>\(escapeMarkup(l.moneyHeading))</h2>\n" + c.svg()
    }

    /// (d) Practice × week: an SVG grid, a row per practice, a column per
    /// week, each cell the week's worst state (lost, not planned, covered,
    /// closed, held); the weeks with a holiday starred and named below.
    /// A replan's grid marks the week it starts from.
    static func weeksGrid(_ parts: [QuarterPart], _ s: Scenario, _ language: Language, from: Int? = nil) -> String {
        let l = language.labels, x = escapeMarkup
        let grid = WeeksGrid(parts, s, l, from: from)
        var svg = "<h2>\(x(l.weeksHeading))</h2>\n"
        svg += "<svg id=\"chart-weeks\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(ChartStyle.f(grid.width)) \(ChartStyle.f(grid.height))\" width=\"\(ChartStyle.f(grid.width))\" height=\"\(ChartStyle.f(grid.height))\" role=\"img\" aria-label=\"\(x(l.weeksHeading))\" font-family=\"sans-serif\" font-size=\"11\">\n"
        svg += "<title>\(x(l.weeksHeading))</title>\n<defs><pattern id=\"chart-weeks-hatch\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#fff\"/><rect width=\"3\" height=\"6\" fill=\"\(lost)\"/></pattern></defs>\n"
        svg += "<text x=\"0\" y=\"\(ChartStyle.f(grid.headH - 10))\">\(x(l.practice)) / \(x(l.week))</text>"
        let (header, holidayNotes) = grid.weekHeader(language)
        svg += header + "\n" + grid.rows() + grid.key() + "\n</svg>\n"
        if !holidayNotes.isEmpty { svg += "<p>* " + x(holidayNotes.joined(separator: "; ")) + "</p>\n" }
        return svg
    }

    /// The layout of the practice × week grid, over the quarter's parts.
    struct WeeksGrid {
        let parts: [QuarterPart], s: Scenario, l: Labels
        /// The week a replan starts from, marked by a line before it.
        let from: Int?
        let cell = 22.0, headH = 30.0
        /// Wide enough for the longest practice name.
        let labelW: Double
        let keys: [(String, String)]
        let fill: [String: String]
        let width: Double, height: Double
        var practices: [Evaluation.PracticeResult] { parts.last!.evaluation.practices }

        init(_ parts: [QuarterPart], _ s: Scenario, _ l: Labels, from: Int? = nil) {
            self.parts = parts
            self.s = s
            self.l = l
            self.from = from
            labelW = min(320, max(130, 12 + 6.2 * Double(parts.last!.evaluation.practices.map { s.practice($0.id)?.name.count ?? $0.id.count }.max() ?? 0)))
            keys = [WeekState.held, .covered, .lost, .notPlanned, .closed].map { ($0.rawValue, $0.word(l)) }
            let keyWidth = keys.reduce(0.0) { $0 + 24 + Double($1.1.count) * 6.2 }
            width = labelW + max(cell * Double(s.quarter.weeks), keyWidth) + 10
            height = headH + cell * Double(parts.last!.evaluation.practices.count) + 40
            fill = ["held": held, "covered": covered, "lost": "url(#chart-weeks-hatch)", "none": unplanned, "closed": closed]
        }

        /// The week numbers along the top, and a note for each week with a holiday.
        func weekHeader(_ language: Language) -> (svg: String, holidayNotes: [String]) {
            var svg = ""
            var holidayNotes: [String] = []
            for part in parts {
                let e = part.evaluation
                for local in e.calendar.weeks {
                    let week = local + part.offset
                    let monday = e.scenario.quarter.monday(ofWeek: local)
                    // Every closed day: holidays and closures, each named.
                    let names = e.calendar.closedDays(inWeek: local)
                    if !names.isEmpty { holidayNotes.append("\(l.week) \(week): " + names.map { "\(language == .nl ? $0.dutchName : $0.name) (\($0.date))" }.joined(separator: ", ")) }
                    let cx = labelW + cell * (Double(week) - 0.5)
                    svg += "<text x=\"\(ChartStyle.f(cx))\" y=\"\(ChartStyle.f(headH - 10))\" text-anchor=\"middle\">\(week)\(names.isEmpty ? "" : "*")<title>\(escapeMarkup(monday.description))</title></text>"
                }
            }
            if let from {
                let x = labelW + cell * Double(from - 1)
                svg += "<line id=\"chart-weeks-from\" x1=\"\(ChartStyle.f(x))\" x2=\"\(ChartStyle.f(x))\" y1=\"\(ChartStyle.f(headH - 24))\" y2=\"\(ChartStyle.f(headH + cell * Double(practices.count)))\" stroke=\"#000\" stroke-width=\"2\"><title>\(escapeMarkup(l.replanFromMark(s.quarter.monday(ofWeek: from).description)))</title></line>"
            }
            return (svg, holidayNotes)
        }

        /// A row of cells per practice.
        func rows() -> String {
            let x = escapeMarkup
            var svg = ""
            for (row, practice) in practices.enumerated() {
                let y = headH + cell * Double(row)
                // A name longer than the label column is cut with "…" (whole in its tooltip), as in the bar charts.
                let name = s.practice(practice.id)?.name ?? practice.id, fits = Int((labelW - 12) / 6.2)
                let shown = name.count > fits ? String(name.prefix(fits - 1)) + "…" : name
                svg += "<text x=\"\(ChartStyle.f(labelW - 6))\" y=\"\(ChartStyle.f(y + cell - 7))\" text-anchor=\"end\">\(x(shown))<title>\(x(name))</title></text>"
                for part in parts {
                    guard let p = part.evaluation.practice(practice.id) else { continue }
                    for w in p.weeks {
                        let week = w.week + part.offset
                        let state = WeekState(w).rawValue
                        let label = "\(l.held) \(w.heldByRegular), \(l.covered) \(w.covered), \(l.lost) \(w.lost), \(l.closed) \(w.closed), \(l.notPlanned) \(w.shortfall)"
                        svg += "<rect x=\"\(ChartStyle.f(labelW + cell * Double(week - 1) + 1))\" y=\"\(ChartStyle.f(y + 1))\" width=\"\(ChartStyle.f(cell - 2))\" height=\"\(ChartStyle.f(cell - 2))\" fill=\"\(fill[state]!)\" stroke=\"#333\" stroke-width=\"0.5\"><title>\(x("\(s.practice(practice.id)?.name ?? practice.id), \(l.week) \(week): \(label)"))</title></rect>"
                    }
                }
                svg += "\n"
            }
            return svg
        }

        /// The key under the grid.
        func key() -> String {
            var svg = ""
            var lx = labelW
            let ly = headH + cell * Double(practices.count) + 24
            for (state, name) in keys {
                svg += "<rect x=\"\(ChartStyle.f(lx))\" y=\"\(ChartStyle.f(ly - 10))\" width=\"12\" height=\"12\" fill=\"\(fill[state]!)\" stroke=\"#333\" stroke-width=\"0.5\"/><text x=\"\(ChartStyle.f(lx + 16))\" y=\"\(ChartStyle.f(ly))\">\(escapeMarkup(name))</text>"
                lx += 24 + Double(name.count) * 6.2
            }
            return svg
        }
    }

    /// The week template: who is where in each slot, every week.
    static func weekTemplate(_ e: Evaluation, _ s: Scenario, _ l: Labels) -> String {
        let x = escapeMarkup
        var page = "<h2>\(x(l.weekHeading))</h2>\n<table id=\"schedule\"><thead><tr><th class=\"text\">\(x(l.day))</th>"
        for part in s.dayParts { page += "<th class=\"text\">\(x(l.partName(part.name))) (\(x(l.from)) \(part.startText))</th>" }
        page += "</tr></thead><tbody>\n"
        for day in s.days {
            page += "<tr><th class=\"text\" scope=\"row\">\(x(l.dayName(day)))</th>"
            for part in s.dayParts {
                let slot = Slot(day: day, part: part.name).name
                let names = DisplayNames(s)
                let here = e.plan.sessions.filter { $0.slot == slot }.map { names.pair(WorkerPractice(worker: $0.worker, practice: $0.practice)) }
                page += "<td class=\"text\">\(here.map(x).joined(separator: "<br>"))</td>"
            }
            page += "</tr>\n"
        }
        return page + "</tbody></table>\n"
    }

    /// Regulars, backups and the MDO attendee of each served practice.
    static func backupsTable(_ e: Evaluation, _ names: DisplayNames, _ l: Labels) -> String {
        let x = escapeMarkup
        var page = "<h2>\(x(l.backupsHeading))</h2>\n<table><thead><tr><th class=\"text\">\(x(l.practice))</th><th class=\"text\">\(x(l.regulars))</th><th class=\"text\">\(x(l.backups))</th><th class=\"text\">\(x(l.mdoAttendee))</th><th>\(x(l.missingBackups))</th></tr></thead><tbody>\n"
        for p in e.practices where p.served {
            page += "<tr><td class=\"text\">\(x(names.practice(p.id)))</td><td class=\"text\">\(x(names.workers(p.regulars)))</td><td class=\"text\">\(x(p.backups.isEmpty ? "–" : names.workers(p.backups)))</td><td class=\"text\">\(x(p.mdoAttendee.map(names.worker) ?? "–"))</td><td>\(p.missingBackups)</td></tr>\n"
        }
        return page + "</tbody></table>\n"
    }

    /// Who stays, leaves and is new against the previous plan.
    static func changesSection(_ changes: (heading: String, rows: [[String]], notes: [String]), _ l: Labels) -> String {
        let x = escapeMarkup
        var page = "<h2 id=\"changes\">\(x(String(changes.heading.dropLast())))</h2>\n<table><thead><tr>"
            + l.changesHeader.map { "<th class=\"text\">\(x($0))</th>" }.joined() + "</tr></thead><tbody>\n"
        for row in changes.rows { page += "<tr>" + row.map { "<td class=\"text\">\(x($0))</td>" }.joined() + "</tr>\n" }
        return page + "</tbody></table>\n" + changes.notes.map { "<p>\(x($0))</p>\n" }.joined()
    }

    /// The gap by practice.
    static func gapTable(_ e: Evaluation, _ s: Scenario, _ l: Labels) -> String {
        let h: (Double) -> String = l.hours, x = escapeMarkup
        var page = "<h2>\(x(l.gapTableHeading))</h2>\n<table><thead><tr>"
            + headerCells([l.practice, l.priority, l.sessionsAWeek] + [l.held, l.covered, l.lost, l.closed].map(l.inSessions) + [l.gapH], textColumns: [0])
            + "</tr></thead><tbody>\n"
        for p in e.practices {
            let practice = s.practice(p.id)!
            page += "<tr><td class=\"text\">\(x(practice.name))</td><td>\(h(p.priority))</td><td>\(p.sessions) \(x(l.of)) \(practice.sessionsPerWeek)</td><td>\(p.heldByRegular)</td><td>\(p.covered)</td><td>\(p.lost)</td><td>\(p.closed)</td><td>\(h(p.gapHours))</td></tr>\n"
        }
        return page + "</tbody></table>\n"
    }

    /// Each worker's week: contract, reserved, load, free, utilisation, where.
    static func workersTable(_ e: Evaluation, _ names: DisplayNames, _ l: Labels) -> String {
        let h: (Double) -> String = l.hours, x = escapeMarkup
        var page = "<h2>\(x(l.workersHeading))</h2>\n<table><thead><tr>"
            + headerCells(l.workersTable, textColumns: [0, 6, 7]) + "</tr></thead><tbody>\n"
        for w in e.workers {
            page += "<tr><td class=\"text\">\(x(names.worker(w.id)))</td><td>\(h(w.hoursPerWeek))</td><td>\(h(w.reservedHours))</td><td>\(h(w.load))</td><td>\(h(w.free))</td><td>\(l.percent(w.utilisation))</td><td class=\"text\">\(x(names.practices(w.practices)))</td><td class=\"text\">\(x(names.practices(w.backupFor)))</td></tr>\n"
        }
        return page + "</tbody></table>\n"
    }

    /// Each stream's hours and euros used against its budget.
    static func fundingTable(_ e: Evaluation, _ names: DisplayNames, _ l: Labels) -> String {
        let h: (Double) -> String = l.hours, x = escapeMarkup
        var page = "<h2>\(x(l.fundingHeading))</h2>\n<table><thead><tr>"
            + headerCells(l.fundingTable, textColumns: [0]) + "</tr></thead><tbody>\n"
        for st in e.streams {
            page += "<tr><td class=\"text\">\(x(names.stream(st.id)))</td><td>\(h(st.usedHours))</td><td>\(h(st.budgetHours))</td><td>\(st.usedEuros.map(l.euros) ?? "–")</td><td>\(st.budgetEuros.map(l.euros) ?? "–")</td></tr>\n"
        }
        return page + "</tbody></table>\n"
    }

    /// "Why the gap": per practice, the hours each lifted limit removes;
    /// then what more money or people would buy.
    static func explainSection(_ e: Explanation, labels l: Labels, names: DisplayNames) -> String {
        let x = escapeMarkup
        var page = "<h2 id=\"explain\">\(x(l.whyGapHeading))</h2>\n<p>\(x(l.whyGapIntro))</p>\n"
        page += "<table><thead><tr>" + headerCells(l.explainTableHeader, textColumns: [0, 2]) + "</tr></thead><tbody>\n"
        for p in e.practices {
            let reasons = p.reasons.isEmpty ? [nil] : p.reasons.map { Optional($0) }
            for (i, reason) in reasons.enumerated() {
                page += "<tr><td class=\"text\">\(i == 0 ? x(names.practice(p.practice)) : "")</td><td>\(i == 0 ? l.hours(p.gapHours) : "")</td>"
                if let reason {
                    let name = ExplainText.name(reason.change, reason.description, l) + (reason.proven ? "" : " *")
                    page += "<td class=\"text\">\(x(name))</td><td>\(l.hours(reason.hoursRemoved))</td><td>\(l.percent(reason.hoursRemoved / p.gapHours))</td></tr>\n"
                } else {
                    page += "<td class=\"text\">\(x(ExplainText.noReasonFound(e, l)))</td><td>0</td><td>0 %</td></tr>\n"
                }
            }
        }
        page += "</tbody></table>\n"
        if let line = ExplainText.notMeasuredLine(e, l) { page += "<p>\(x(line))</p>\n" }
        if !e.marginals.isEmpty {
            page += "<h3>\(x(l.moreHeading))</h3>\n<table><thead><tr>" + headerCells(l.marginalsHeader, textColumns: [0])
                + "</tr></thead><tbody>\n"
            for m in e.marginals {
                let name = ExplainText.name(m.change, m.description, l) + (m.proven ? "" : " *")
                page += "<tr><td class=\"text\">\(x(name))</td><td>\(l.hours(m.gapHoursRemoved))</td><td>\(x(ExplainText.extra(m, l)))</td><td>\(x(m.eurosPerGapHour.map(l.euros) ?? "–"))</td></tr>\n"
            }
            page += "</tbody></table>\n"
        }
        return page
    }

    /// A table's header cells; the `textColumns` left-aligned as text.
    static func headerCells(_ titles: [String], textColumns: Set<Int>) -> String {
        var cells = ""
        for (i, title) in titles.enumerated() {
            let attribute = textColumns.contains(i) ? " class=\"text\"" : ""
            cells += "<th\(attribute)>\(escapeMarkup(title))</th>"
        }
        return cells
    }
}

extension Scenario {
    /// The consultation hours the practices ask over the quarter:
    /// sessions a week × weeks × hours a session.
    var askedSessionHours: Double {
        practices.reduce(0.0) { $0 + Double($1.sessionsPerWeek * quarter.weeks) * $1.sessionHours }
    }
}
