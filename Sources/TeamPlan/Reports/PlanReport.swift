import Foundation

/// report.html: one self-contained page (no script, no external file) that a
/// manager prints or mails to a funder, read from Evaluation alone. The
/// answer first, then four charts, the week template, backups and MDO, and
/// the tables.
public enum PlanReport {
    static let held = "#0072B2", covered = "#56B4E9", lost = "#D55E00", unplanned = "#F0E442", closed = "#BBBBBB"

    public static func html(_ result: SolveResult, scenario s: Scenario, language: Language = .en) -> String {
        guard let e = result.evaluation else { return "" }
        let l = language.labels
        let h = Format.hours, x = escapeMarkup
        let t = e.terms
        let asked = s.practices.reduce(0.0) { $0 + Double($1.sessionsPerWeek * s.quarter.weeks) * $1.sessionHours }
        let last = s.quarter.monday(ofWeek: s.quarter.weeks).adding(days: 6)
        var page = """
            <!DOCTYPE html>
            <html lang="\(language.rawValue)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(x(s.name)) — plan</title>
            <style>
            body { font-family: sans-serif; color: #111; margin: 2em auto; max-width: 62em; padding: 0 1em; line-height: 1.4; }
            h1 { font-size: 1.6em; margin-bottom: 0.2em; } h2 { font-size: 1.25em; margin-top: 2em; border-bottom: 1px solid #999; }
            .answer { font-size: 1.1em; background: #f3f3f3; border-left: 4px solid #0072B2; padding: 0.6em 1em; }
            table { border-collapse: collapse; font-size: 0.85em; margin: 0.5em 0; }
            th, td { border: 1px solid #bbb; padding: 0.2em 0.5em; text-align: right; vertical-align: top; }
            th { background: #eee; } .text { text-align: left; }
            svg.chart { max-width: 100%; height: auto; display: block; margin: 1em 0; }
            .grid td { width: 1.3em; height: 1.1em; padding: 0; border: 1px solid #fff; }
            .grid td.held { background: \(held); } .grid td.covered { background: \(covered); }
            .grid td.lost { background: repeating-linear-gradient(45deg, \(lost), \(lost) 3px, #fff 3px, #fff 6px); }
            .grid td.closed { background: \(closed); } .grid td.none { background: \(unplanned); }
            .grid th { font-weight: normal; font-size: 0.8em; }
            .key span { display: inline-block; width: 1em; height: 1em; vertical-align: middle; margin: 0 0.3em 0 1em; border: 1px solid #333; }
            @media print { @page { size: A4; margin: 14mm; } body { margin: 0; max-width: none; font-size: 10pt; }
              h2 { break-after: avoid; } tr, svg, .answer { break-inside: avoid; } }
            </style>
            </head>
            <body>
            <h1>\(x(s.name))</h1>
            <p>\(x(l.quarterLine(s.quarter.start.description, last.description, s.quarter.weeks, s.workers.count, s.practices.count)))</p>

            """
        // The answer.
        let status: String
        switch result.status {
        case .optimal: status = l.statusOptimal
        case .feasible: status = l.statusFeasible(Format.percent(result.mipGap ?? 0))
        default: status = l.none
        }
        let gaps = e.practices.filter { $0.gapHours > 0 }.sorted { ($0.priority * $0.gapHours, $1.id) > ($1.priority * $1.gapHours, $0.id) }
        var answer = "<p><strong>\(x(l.statusLabel)):</strong> \(x(status)).</p>"
        answer += "<p><strong>\(x(l.gapLabel)):</strong> " + x(l.gapSentence(h(t.gapHours), h(asked), Format.percent(asked > 0 ? t.gapHours / asked : 0)))
        answer += gaps.isEmpty ? ": \(x(l.noGap)).</p>" : ": " + gaps.prefix(6).map { "\(x($0.id)) \(h($0.gapHours)) \(language == .nl ? "u" : "h")" }.joined(separator: ", ") + (gaps.count > 6 ? " " + x(l.andMore(gaps.count - 6)) : "") + ".</p>"
        let streams = e.streams.map { st in "\(x(st.id)) \(h(st.usedHours)) \(x(l.fundsOf)) \(h(st.budgetHours)) \(language == .nl ? "u" : "h")" + (st.usedEuros.map { " (\(Format.euros($0)))" } ?? "") }
        answer += "<p><strong>\(x(l.fundsLabel)):</strong> \(streams.isEmpty ? x(l.none) : streams.joined(separator: "; ")).</p>"
        answer += "<p><strong>\(x(l.alsoLabel)):</strong> \(t.missingBackups) \(x(t.missingBackups == 1 ? l.missingBackup.0 : l.missingBackup.1)), \(t.pairs) \(x(t.pairs == 1 ? l.pair.0 : l.pair.1)), \(t.droppedPairs.count) \(x(t.droppedPairs.count == 1 ? l.droppedPair.0 : l.droppedPair.1)); \(x(l.objective.lowercased())) \(Format.exact(t.objective)).</p>"
        page += "<div class=\"answer\">\(answer)</div>\n"

        // (a) Practices.
        page += "<h2>\(x(l.practicesHeading))</h2>\n"
        var a = StackedBarChart(id: "chart-practices", title: l.practicesChart, unit: l.hours,
                                categories: e.practices.map { p in "\(p.id)\(p.priority != 1 ? " (\(l.priority) \(h(p.priority)))" : "")" },
                                segments: [.init(name: l.heldByRegular, colour: held), .init(name: l.coveredByBackup, colour: covered),
                                           .init(name: l.lostNoBackup, colour: lost, hatched: true),
                                           .init(name: l.notPlanned, colour: unplanned), .init(name: l.closedHoliday, colour: closed)],
                                values: e.practices.map { p in
                                    let sh = s.practice(p.id)!.sessionHours
                                    return [Double(p.heldByRegular) * sh, Double(p.covered) * sh, Double(p.lost) * sh,
                                            Double(p.shortfall * s.quarter.weeks) * sh, Double(p.closed) * sh]
                                })
        a.width = 760
        page += a.svg()

        // (b) Workers.
        page += "<h2>\(x(l.workersHeading))</h2>\n"
        var b = StackedBarChart(id: "chart-workers", title: l.workersChart, unit: l.hoursAWeek,
                                categories: e.workers.map(\.id),
                                segments: [.init(name: l.reserved, colour: closed), .init(name: "contact", colour: held),
                                           .init(name: "admin", colour: covered), .init(name: "travel", colour: unplanned),
                                           .init(name: "MDO", colour: lost, hatched: true)],
                                values: e.workers.map { w in [w.reservedHours] + Activity.allCases.map { w.weekly[$0] ?? 0 } })
        b.markers = e.workers.map(\.hoursPerWeek)
        b.markerName = l.contractHours
        page += b.svg()

        // (c) Funding.
        page += "<h2>\(x(l.moneyHeading))</h2>\n"
        var c = StackedBarChart(id: "chart-funding", title: l.moneyChart, unit: l.hoursQuarter,
                                categories: e.streams.map(\.id),
                                segments: [.init(name: l.used, colour: held), .init(name: l.left, colour: "#FFFFFF")],
                                values: e.streams.map { [$0.usedHours, max(0, $0.budgetHours - $0.usedHours)] })
        c.markers = e.streams.map(\.budgetHours)
        c.markerName = l.budget
        page += c.svg()

        // (d) Practice × week.
        page += "<h2>\(x(l.weeksHeading))</h2>\n"
        page += "<table class=\"grid\" id=\"chart-weeks\" role=\"img\" aria-label=\"Practice by week: held, covered, lost, closed, not planned\"><thead><tr><th class=\"text\">\(x(l.practice))</th>"
        var holidayNotes: [String] = []
        for week in e.calendar.weeks {
            let names = e.calendar.holidays.filter { $0.date >= s.quarter.monday(ofWeek: week) && $0.date < s.quarter.monday(ofWeek: week).adding(days: 7) }
            if !names.isEmpty { holidayNotes.append("\(l.week) \(week): " + names.map { "\(language == .nl ? $0.dutchName : $0.name) (\($0.date))" }.joined(separator: ", ")) }
            page += "<th title=\"\(x(s.quarter.monday(ofWeek: week).description))\">\(week)\(names.isEmpty ? "" : "*")</th>"
        }
        page += "</tr></thead><tbody>\n"
        for p in e.practices {
            page += "<tr><th class=\"text\" scope=\"row\">\(x(p.id))</th>"
            for w in p.weeks {
                // The week's worst state: lost, then not planned, then covered, closed, held.
                let state = w.lost > 0 ? "lost" : w.shortfall > 0 ? "none" : w.covered > 0 ? "covered" : w.closed > 0 && w.heldByRegular == 0 ? "closed" : "held"
                let label = "\(l.held) \(w.heldByRegular), \(l.covered) \(w.covered), \(l.lost) \(w.lost), \(l.closed) \(w.closed), \(l.notPlanned) \(w.shortfall)"
                page += "<td class=\"\(state)\" title=\"\(x("\(p.id), \(l.week) \(w.week): \(label)"))\"></td>"
            }
            page += "</tr>\n"
        }
        page += "</tbody></table>\n<p class=\"key\"><span style=\"background:\(held)\"></span>\(x(l.held))<span style=\"background:\(covered)\"></span>\(x(l.covered))<span style=\"background:repeating-linear-gradient(45deg, \(lost), \(lost) 3px, #fff 3px, #fff 6px)\"></span>\(x(l.lost))<span style=\"background:\(unplanned)\"></span>\(x(l.sessionNotPlanned))<span style=\"background:\(closed)\"></span>\(x(l.closed))</p>\n"
        if !holidayNotes.isEmpty { page += "<p>* " + x(holidayNotes.joined(separator: "; ")) + "</p>\n" }

        // The week template.
        page += "<h2>\(x(l.weekHeading))</h2>\n<table id=\"schedule\"><thead><tr><th class=\"text\">\(x(l.day))</th>"
        for part in s.dayParts { page += "<th class=\"text\">\(x(part.name)) (\(x(l.from)) \(part.startText))</th>" }
        page += "</tr></thead><tbody>\n"
        for day in s.days {
            page += "<tr><th class=\"text\" scope=\"row\">\(x(l.dayName(day)))</th>"
            for part in s.dayParts {
                let slot = Slot(day: day, part: part.name).name
                let here = e.plan.sessions.filter { $0.slot == slot }.map { "\($0.worker) @ \($0.practice)" }
                page += "<td class=\"text\">\(here.map(x).joined(separator: "<br>"))</td>"
            }
            page += "</tr>\n"
        }
        page += "</tbody></table>\n"
        page += "<h2>\(x(l.backupsHeading))</h2>\n<table><thead><tr><th class=\"text\">\(x(l.practice))</th><th class=\"text\">\(x(l.regulars))</th><th class=\"text\">\(x(l.backups))</th><th class=\"text\">\(x(l.mdoAttendee))</th><th>\(x(l.missingBackups))</th></tr></thead><tbody>\n"
        for p in e.practices where p.served {
            page += "<tr><td class=\"text\">\(x(p.id))</td><td class=\"text\">\(x(p.regulars.joined(separator: ", ")))</td><td class=\"text\">\(x(p.backups.isEmpty ? "–" : p.backups.joined(separator: ", ")))</td><td class=\"text\">\(x(p.mdoAttendee ?? "–"))</td><td>\(p.missingBackups)</td></tr>\n"
        }
        page += "</tbody></table>\n"

        // Tables.
        page += "<h2>\(x(l.gapTableHeading))</h2>\n<table><thead><tr>" + [l.practice, l.priority, l.sessionsAWeek, l.held, l.covered, l.lost, l.closed, l.gapH].enumerated().map { "<th\($0.offset == 0 ? " class=\"text\"" : "")>\(x($0.element))</th>" }.joined() + "</tr></thead><tbody>\n"
        for p in e.practices {
            let practice = s.practice(p.id)!
            page += "<tr><td class=\"text\">\(x(p.id))</td><td>\(h(p.priority))</td><td>\(p.sessions) \(x(l.fundsOf)) \(practice.sessionsPerWeek)</td><td>\(p.heldByRegular)</td><td>\(p.covered)</td><td>\(p.lost)</td><td>\(p.closed)</td><td>\(h(p.gapHours))</td></tr>\n"
        }
        page += "</tbody></table>\n"
        page += "<h2>\(x(l.workersHeading))</h2>\n<table><thead><tr>" + l.workersTable.enumerated().map { "<th\([0, 6, 7].contains($0.offset) ? " class=\"text\"" : "")>\(x($0.element))</th>" }.joined() + "</tr></thead><tbody>\n"
        for w in e.workers {
            page += "<tr><td class=\"text\">\(x(w.id))</td><td>\(h(w.hoursPerWeek))</td><td>\(h(w.reservedHours))</td><td>\(h(w.load))</td><td>\(h(w.free))</td><td>\(Format.percent(w.utilisation))</td><td class=\"text\">\(x(w.practices.joined(separator: ", ")))</td><td class=\"text\">\(x(w.backupFor.joined(separator: ", ")))</td></tr>\n"
        }
        page += "</tbody></table>\n"
        page += "<h2>\(x(l.fundingHeading))</h2>\n<table><thead><tr>" + l.fundingTable.enumerated().map { "<th\($0.offset == 0 ? " class=\"text\"" : "")>\(x($0.element))</th>" }.joined() + "</tr></thead><tbody>\n"
        for st in e.streams {
            page += "<tr><td class=\"text\">\(x(st.id))</td><td>\(h(st.usedHours))</td><td>\(h(st.budgetHours))</td><td>\(st.usedEuros.map(Format.euros) ?? "–")</td><td>\(st.budgetEuros.map(Format.euros) ?? "–")</td></tr>\n"
        }
        page += "</tbody></table>\n"
        if !e.warnings.isEmpty {
            page += "<h2>\(x(String(l.warnings.dropLast())))</h2>\n<ul>\n" + e.warnings.map { "<li>\(x($0.message))</li>\n" }.joined() + "</ul>\n"
        }
        page += "<p style=\"color:#555\">\(x(l.footer))</p>\n</body>\n</html>\n"
        return page
    }
}
