import Foundation

/// sweep.svg and sweep.html: the chart that answers the sweep's question —
/// gap hours (and euros used) against the swept value, one line per value of
/// the other axes — and the table, in the table's language. A plan not
/// proven best is drawn hollow, with a band from its bound to its objective
/// on the objective's chart; a point without a plan has no marker, a × on
/// the x axis, and breaks its line.
public enum SweepReport {
    /// The axis along x: the first with more than one value, numeric ones
    /// first; the other axes make the lines.
    static func xAxis(_ table: SweepTable) -> Int? {
        let varied = table.axes.indices.filter { table.axes[$0].values.count > 1 }
        return varied.first { table.axes[$0].name != "scenario" } ?? varied.first ?? (table.axes.isEmpty ? nil : 0)
    }

    static func labels(_ table: SweepTable) -> Labels { (table.language ?? .en).labels }
    static func words(_ table: SweepTable) -> SweepWords { SweepWords.of(table.language ?? .en) }

    /// An axis as a person reads it, from its column name: `team size`, Dutch `teamgrootte`.
    static func axisTitle(_ name: String, _ w: SweepWords) -> String {
        switch SweepAxis.Kind(name: name) {
        case .teamSize: return w.teamSize
        case .hoursScale: return w.hoursScale
        case .budgetScale(let stream): return stream == "*" ? w.everyBudget : w.budgetOf(stream)
        case .scenarioFile, nil: return w.scenario
        }
    }

    /// An axis's value for a reader: a number with the language's decimal
    /// mark; a scenario's label as it is.
    static func axisValue(_ name: String, _ label: String, _ l: Labels) -> String {
        name == "scenario" ? label : l.numbers.apply(label)
    }

    /// An axis's value in sweep.csv: a number a spreadsheet reads as one
    /// (`0,9` under excel-nl), a scenario's label as text.
    static func axisCell(_ name: String, _ label: String) -> TableCell {
        guard name != "scenario", let value = Double(label) else { return .text(label) }
        let decimals = label.firstIndex(of: ".").map { label.distance(from: $0, to: label.endIndex) - 1 } ?? 0
        return decimals == 0 && value == value.rounded() && abs(value) < 1e15 ? .whole(Int(value)) : .number(value, decimals: decimals)
    }

    /// A point's status in a word: `optimal`; Dutch `optimaal`.
    static func statusWord(_ status: SweepRow.Status, _ language: Language) -> String {
        SolveResult.Status(rawValue: status.rawValue).map(language.labels.statusWord) ?? SweepWords.of(language).failed
    }

    /// sweep.csv's Dutch headers: the axes' and the streams' columns by name.
    static func dutchCSVHeaders(axes: [String], streams: [String]) -> [String: String] {
        let w = SweepWords.dutch
        var headers = w.csvHeaders
        for name in axes {
            if case .budgetScale(let stream) = SweepAxis.Kind(name: name) { headers[name] = w.csvBudget(stream == "*" ? "*" : stream) }
        }
        for id in streams {
            headers["\(id)_funded_hours"] = w.csvFunded(id)
            headers["\(id)_used_hours"] = w.csvUsed(id)
        }
        return headers
    }

    /// A point's place for a reader: its values on every axis, `team size 5, every budget × 0,9`.
    static func pointLabel(_ table: SweepTable, _ row: SweepRow) -> String {
        let l = labels(table), w = words(table)
        return zip(table.axes, row.values).map { "\(axisTitle($0.name, w)) \(axisValue($0.name, $1, l))" }.joined(separator: ", ")
    }

    /// A MIP gap for a reader: a gap too small to show at one decimal, but
    /// not zero, is `< 0.1 %` (not proven is not 0.0 %).
    static func gapText(_ gap: Double, _ l: Labels) -> String {
        gap > 0 && gap < 0.0005 ? "< " + l.percent(0.001) : l.percent(gap)
    }

    /// What a row says beyond its value: not proven (its MIP gap and bound), or no plan.
    static func proofNote(_ table: SweepTable, _ row: SweepRow) -> String? {
        let l = labels(table), w = words(table)
        let stop = row.interrupted == true ? "; " + w.interrupted : ""
        guard row.hasPlan else {
            return w.noPlan + (row.status == .noPlan ? "" : " (\(statusWord(row.status, table.language ?? .en)))") + stop
        }
        guard !row.isProven else { return nil }
        guard let bound = row.bound, let gap = row.mipGap else { return w.notProvenNoBound + stop }
        return w.notProven(gapText(gap, l), l.grouped(Int(bound.rounded()))) + stop
    }

    /// The lines of one quantity: for each combination of the other axes'
    /// values, the quantity at each x value, each point drawn as its proof
    /// says, with its tooltip.
    static func series(_ table: SweepTable, x: Int?, value: (SweepRow) -> Double?, text: (Double) -> String,
                       band: ((SweepRow) -> ClosedRange<Double>?)? = nil) -> (categories: [String], series: [LineChart.Series]) {
        let l = labels(table), w = words(table)
        func point(_ row: SweepRow) -> (Double?, LineChart.Point) {
            let v = row.hasPlan ? value(row) : nil
            let note = proofNote(table, row)
            let place = pointLabel(table, row)
            let tip = v.map { "\(place.isEmpty ? "" : place + ": ")\(text($0))" + (note.map { " — " + $0 } ?? "") }
                ?? "\(place.isEmpty ? "" : place + ": ")\(note ?? w.noPlan)"
            let b = row.hasPlan && !row.isProven ? band?(row) : nil
            return (v, LineChart.Point(hollow: row.hasPlan && !row.isProven, band: b, tooltip: tip))
        }
        guard let x else {
            let row = table.rows.first
            let (v, p) = row.map(point) ?? (nil, LineChart.Point())
            return ([table.scenarios.first.map(FilePath.stem(of:)) ?? w.scenario],
                    [LineChart.Series(name: w.plan, values: [v], points: [row == nil ? LineChart.Point() : p])])
        }
        let name = table.axes[x].name
        let categories = table.axes[x].values
        var lines: [String: (values: [Double?], points: [LineChart.Point])] = [:]
        var order: [String] = []
        for row in table.rows {
            let key = row.values.indices.filter { $0 != x }
                .map { "\(axisTitle(table.axes[$0].name, w)) \(axisValue(table.axes[$0].name, row.values[$0], l))" }.joined(separator: ", ")
            if lines[key] == nil {
                lines[key] = (Array(repeating: nil, count: categories.count), Array(repeating: LineChart.Point(), count: categories.count))
                order.append(key)
            }
            if let i = categories.firstIndex(of: row.values[x]) {
                let (v, p) = point(row)
                lines[key]!.values[i] = v
                lines[key]!.points[i] = p
            }
        }
        return (categories.map { axisValue(name, $0, l) },
                order.map { LineChart.Series(name: $0.isEmpty ? w.plan : $0, values: lines[$0]!.values, points: lines[$0]!.points) })
    }

    static func charts(_ table: SweepTable) -> [LineChart] {
        let l = labels(table), w = words(table)
        let x = xAxis(table)
        let xTitle = x.map { axisTitle(table.axes[$0].name, w) } ?? w.scenario
        func chart(_ title: String, _ yTitle: String, _ lines: (categories: [String], series: [LineChart.Series])) -> LineChart {
            var chart = LineChart(title: title, xTitle: xTitle, yTitle: yTitle, categories: lines.categories, series: lines.series)
            chart.numbers = l.numbers
            chart.hollowKey = w.hollowKey
            chart.absentKey = w.absentKey
            return chart
        }
        var charts = [chart(w.gapChart, w.gapAxis, series(table, x: x, value: { $0.gapHours }, text: { w.gapValue(l.hours($0)) }))]
        // The bound is on the objective: its band is drawn where it holds.
        if table.rows.contains(where: { $0.hasPlan && !$0.isProven }) {
            charts.append(chart(w.objectiveChart, w.objectiveAxis, series(
                table, x: x, value: { $0.objective }, text: { w.objectiveValue(l.grouped(Int($0.rounded()))) },
                band: { row in row.bound.flatMap { b in row.objective.map { max(0, min(b, $0))...$0 } } })))
        }
        if table.rows.contains(where: { $0.eurosUsed != nil }) {
            charts.append(chart(w.moneyChart, w.moneyAxis, series(table, x: x, value: { $0.eurosUsed }, text: { l.euros($0) })))
        }
        return charts
    }

    /// The charts stacked in one SVG file.
    public static func svg(_ table: SweepTable) -> String {
        let charts = charts(table)
        let width = charts.map(\.width).max() ?? 720
        var y = 0.0
        var body = ""
        for chart in charts {
            body += "<svg x=\"0\" y=\"\(ChartStyle.f(y))\" width=\"\(ChartStyle.f(chart.width))\" height=\"\(ChartStyle.f(chart.height))\">\n"
            body += chart.svg().split(separator: "\n", omittingEmptySubsequences: false).dropFirst().joined(separator: "\n")
            y += chart.height
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(ChartStyle.f(width)) \(ChartStyle.f(y))\" width=\"\(ChartStyle.f(width))\" height=\"\(ChartStyle.f(y))\">\n"
            + body + "</svg>\n"
    }

    /// One self-contained page: the answer, the charts, the tables, in the table's language.
    public static func html(_ table: SweepTable, title: String) -> String {
        let w = words(table)
        var page = HTMLPage.start(title: title, heading: title, language: table.language ?? .en,
                                  style: "td { white-space: nowrap; } td.list { white-space: normal; min-width: 12em; } th { font-weight: 600; vertical-align: bottom; }")
        page += answer(table)
        for chart in charts(table) {
            page += chart.svg()
        }
        page += pointsTable(table)
        page += whoTable(table)
        page += "<p class=\"note\">\(escapeMarkup(w.note + " " + (table.leastMoney == true ? w.moneyNoteLeast : w.moneyNoteAny)))</p>\n"
        if table.rows.contains(where: { !$0.isProven }) { page += "<p class=\"note\">\(escapeMarkup(w.unprovenNote))</p>\n" }
        return page + HTMLPage.end
    }

    /// A value left out of an axis, said in the table's language.
    static func text(_ notice: SweepNotice, _ language: Language) -> String {
        let l = language.labels, w = SweepWords.of(language)
        let values = notice.leftOut.map { l.numbers.apply($0) }.joined(separator: w.listSeparator)
        switch notice.reason {
        case .teamSizeAboveWorkers:
            return w.teamSizeLeftOut(values, String(Int(notice.limit)), notice.reachedBy != nil)
        case .contractHoursAboveMaximum:
            return w.hoursLeftOut(values, notice.reachedBy ?? "", l.hours(notice.limit))
        case .budgetAboveMaximum:
            return w.budgetLeftOut(notice.reachedBy ?? "*", values)
        }
    }

    /// The table's notices, each a line in its language.
    public static func notices(_ table: SweepTable) -> [String] {
        (table.notices ?? []).map { text($0, table.language ?? .en) }
    }

    /// How many points were solved and proven; what was left out of an
    /// axis; along one axis, what each step buys — between proven points,
    /// a step to or from an unproven point marked so, and one to or from a
    /// point without a plan not known.
    static func answer(_ table: SweepTable) -> String {
        let e = escapeMarkup
        let l = labels(table), w = words(table)
        let solved = table.rows.filter(\.hasPlan)
        let proven = solved.filter(\.isProven).count
        var answer = w.solved(table.rows.count, table.points, proven)
        if solved.count > proven { answer += ", " + w.unproven(solved.count - proven) }
        if table.rows.count > solved.count { answer += ", " + w.withoutPlan(table.rows.count - solved.count) }
        if !table.complete { answer += "; " + w.stoppedEarly }
        var page = "<p>\(e(answer)).</p>\n"
        for notice in notices(table) { page += "<p class=\"notice\">\(e(notice)).</p>\n" }
        if let x = xAxis(table), table.axes.count == 1, table.rows.count > 1 {
            let name = table.axes[x].name
            let title = axisTitle(name, w)
            func at(_ row: SweepRow) -> String { axisValue(name, row.values[x], l) }
            var steps: [String] = []
            for (a, b) in zip(table.rows, table.rows.dropFirst()) {
                let head = "\(title) \(at(a)) → \(at(b))"
                guard let ga = a.gapHours, let gb = b.gapHours else {
                    steps.append(head + ": " + w.stepNotKnown(at(a.hasPlan ? b : a)))
                    continue
                }
                var step = w.step(title + " " + at(a), at(b), l.hours(ga), l.hours(gb), abs(ga - gb) < 0.005 ? "±" + l.hours(0) : (ga - gb >= 0 ? "−" : "+") + l.hours(abs(ga - gb)))
                let unproven = [a, b].filter { !$0.isProven }
                if !unproven.isEmpty {
                    step += "; " + w.stepNotProven(unproven.map { row in
                        row.mipGap.map { w.stepStoppedAt(at(row), gapText($0, l)) } ?? w.stepStoppedNoBound(at(row))
                    })
                }
                steps.append(step)
            }
            page += "<h2>\(e(w.stepsHeading))</h2>\n<ul class=\"steps\">\n" + steps.map { "<li>\(e($0))</li>\n" }.joined() + "</ul>\n"
        }
        return page
    }

    /// Every point: its values, outcome, terms, money and time.
    static func pointsTable(_ table: SweepTable) -> String {
        let e = escapeMarkup
        let w = words(table)
        var page = "<h2>\(e(w.pointsHeading))</h2>\n<table>\n<thead><tr>"
        let streams = table.streamIDs
        var header = ["#"] + table.axes.map { axisTitle($0.name, w) }
        header += w.pointsHeader
        header += streams.map(w.streamColumn)
        header += w.tailHeader
        for (i, title) in header.enumerated() {
            page += "<th\(i <= table.axes.count ? " class=\"text\"" : "") scope=\"col\">\(e(title))</th>"
        }
        page += "</tr></thead>\n<tbody>\n"
        for row in table.rows {
            let cells = pointCells(table, row, streams: streams)
            page += "<tr\(row.isProven ? "" : " class=\"unproven\"")>"
                + cells.enumerated().map { "<td\($0.offset <= table.axes.count + 1 ? " class=\"text\"" : "")>\(e($0.element))</td>" }.joined() + "</tr>\n"
        }
        return page + "</tbody>\n</table>\n"
    }

    /// One row of the points table, as text in the table's language.
    static func pointCells(_ table: SweepTable, _ row: SweepRow, streams: [String]) -> [String] {
        let l = labels(table), w = words(table)
        let h = l.hours
        var cells = [String(row.index)] + zip(table.axes, row.values).map { axisValue($0.name, $1, l) }
        switch row.status {
        case .optimal: cells.append(w.optimal)
        case .feasible: cells.append(w.feasible)
        case .failed: cells.append(w.failed + (row.failure.map { ": " + $0 } ?? ""))
        case .noPlan, .stopped: cells.append(statusWord(row.status, table.language ?? .en))
        }
        cells += [row.gapHours.map(h) ?? "–", row.weightedGapHours.map(h) ?? "–", row.missingBackups.map(String.init) ?? "–",
                  row.pairs.map(String.init) ?? "–", row.workersUsed.map(String.init) ?? "–",
                  row.eurosUsed.map { l.euros($0) + (row.leastMoneyProven == false ? " (\(w.notProvenLeast))" : "") } ?? "–"]
        for id in streams {
            let use = row.streams.first { $0.stream == id }
            cells.append(use.map { "\(row.hasPlan ? h($0.usedHours) : "–") / \(h($0.fundedHours))" } ?? "–")
        }
        cells += [row.objective.map(h) ?? "–", row.bound.map(h) ?? "–", row.mipGap.map { gapText($0, l) } ?? "–",
                  l.numbers.apply(String(format: "%.2f", row.solveSeconds))]
        return cells
    }

    /// Each point's workers and the practices it leaves with a gap.
    static func whoTable(_ table: SweepTable) -> String {
        let e = escapeMarkup
        let l = labels(table), w = words(table)
        var page = "<h2>\(e(w.whoHeading))</h2>\n<table class=\"who\">\n<thead><tr>"
        let header = ["#"] + table.axes.map { axisTitle($0.name, w) } + w.whoHeader
        page += header.map { "<th class=\"text\" scope=\"col\">\(e($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for row in table.rows {
            let workers = row.usedWorkers.map { ($0.isEmpty ? "–" : "\($0.count): " + $0.joined(separator: ", ")) } ?? "–"
            let gaps = row.practiceGaps.map { $0.isEmpty ? "–" : $0.map { "\($0.practice) \(l.hours($0.gapHours))" }.joined(separator: w.listSeparator) } ?? "–"
            let cells = [String(row.index)] + zip(table.axes, row.values).map { axisValue($0.name, $1, l) }
            page += "<tr>" + cells.map { "<td class=\"text\">\(e($0))</td>" }.joined()
                + "<td class=\"text list\">\(e(workers))</td><td class=\"text list\">\(e(gaps))</td></tr>\n"
        }
        return page + "</tbody>\n</table>\n"
    }
}
