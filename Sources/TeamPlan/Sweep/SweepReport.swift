import Foundation

/// sweep.svg and sweep.html: the chart that answers the sweep's question —
/// gap hours (and euros used) against the swept value, one line per value of
/// the other axes — and the table.
public enum SweepReport {
    /// The axis along x: the first with more than one value, numeric ones
    /// first; the other axes make the lines.
    static func xAxis(_ table: SweepTable) -> Int? {
        let varied = table.axes.indices.filter { table.axes[$0].values.count > 1 }
        return varied.first { table.axes[$0].name != "scenario" } ?? varied.first ?? (table.axes.isEmpty ? nil : 0)
    }

    /// The lines of one quantity: for each combination of the other axes'
    /// values, the quantity at each x value.
    static func series(_ table: SweepTable, x: Int?, value: (SweepRow) -> Double?) -> (categories: [String], series: [LineChart.Series]) {
        guard let x else {
            return ([table.scenarios.first.map(FilePath.stem(of:)) ?? "scenario"],
                    [LineChart.Series(name: "plan", values: [table.rows.first.flatMap(value)])])
        }
        let categories = table.axes[x].values
        var lines: [String: [Double?]] = [:]
        var order: [String] = []
        for row in table.rows {
            let key = row.values.indices.filter { $0 != x }
                .map { "\(table.axes[$0].title) \(row.values[$0])" }.joined(separator: ", ")
            if lines[key] == nil {
                lines[key] = Array(repeating: nil, count: categories.count)
                order.append(key)
            }
            if let i = categories.firstIndex(of: row.values[x]), row.hasPlan { lines[key]![i] = value(row) }
        }
        return (categories, order.map { LineChart.Series(name: $0.isEmpty ? "plan" : $0, values: lines[$0]!) })
    }

    static func charts(_ table: SweepTable) -> [LineChart] {
        let x = xAxis(table)
        let xTitle = x.map { table.axes[$0].title } ?? "scenario"
        let gap = series(table, x: x) { $0.gapHours }
        var charts = [LineChart(title: "Capacity gap: consultation hours asked and not held", xTitle: xTitle,
                                yTitle: "gap hours in the quarter", categories: gap.categories, series: gap.series)]
        if table.rows.contains(where: { $0.eurosUsed != nil }) {
            let euros = series(table, x: x) { $0.eurosUsed }
            charts.append(LineChart(title: "Money used (streams with a tariff)", xTitle: xTitle, yTitle: "euros in the quarter",
                                    categories: euros.categories, series: euros.series))
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

    /// One self-contained page: the answer, the charts, the table.
    public static func html(_ table: SweepTable, title: String) -> String {
        var page = HTMLPage.start(title: title, heading: title, language: .en,
                                  style: "td { white-space: nowrap; } th { font-weight: 600; vertical-align: bottom; }")
        page += answer(table)
        for chart in charts(table) {
            page += chart.svg()
        }
        page += pointsTable(table)
        page += "<p class=\"note\">Gap hours: consultation hours the practices asked for in the quarter and do not get (not planned, or lost to leave without a present backup). Each point is planned by <code>teamplan plan</code> on the scenario changed as its values say; its plan and summary are in <code>points/</code> under the name in sweep.csv. " + escapeMarkup(moneyNote(table)) + "</p>\n"
        return page + HTMLPage.end
    }

    /// What the euros of a point are: the least of its best plans, or one of them.
    static func moneyNote(_ table: SweepTable) -> String {
        if table.leastMoney == true {
            return "Euros used: each point's plan is the one of least money among the plans with its best objective (a second, exact solve, --least-money); where it was not proven, the table says so."
        }
        return "Plans with the same gap may use different amounts of money: the objective weighs gap hours, missing backups and pairs, not euros; sweep with --least-money to compare the least money each point needs."
    }

    /// How many points were solved and proven; along one axis, what each step buys.
    static func answer(_ table: SweepTable) -> String {
        let e = escapeMarkup
        let h = Format.hours
        let solved = table.rows.filter(\.hasPlan)
        let proven = solved.filter { $0.status == .optimal }.count
        var answer = "\(Format.count(table.rows.count, "point")) of \(table.points) solved"
        answer += ", \(proven) proven optimal"
        if solved.count > proven { answer += ", \(solved.count - proven) stopped with a feasible plan (not proven)" }
        if !table.complete { answer += "; the sweep was stopped before every point was solved" }
        var page = "<p>\(e(answer)).</p>\n"
        if let x = xAxis(table), table.axes.count == 1, solved.count > 1 {
            // One axis: what each step along it buys.
            var steps: [String] = []
            for (a, b) in zip(solved, solved.dropFirst()) {
                guard let ga = a.gapHours, let gb = b.gapHours else { continue }
                steps.append("\(table.axes[x].title) \(a.values[x]) → \(b.values[x]): gap \(h(ga)) h → \(h(gb)) h (\(ga - gb >= 0 ? "−" : "+")\(h(abs(ga - gb))) h)")
            }
            page += "<ul>\n" + steps.map { "<li>\(e($0))</li>\n" }.joined() + "</ul>\n"
        }
        return page
    }

    /// Every point: its values, outcome, terms, money and time.
    static func pointsTable(_ table: SweepTable) -> String {
        let e = escapeMarkup
        var page = "<h2>Every point</h2>\n<table>\n<thead><tr>"
        let streams = table.streamIDs
        var header = ["#"] + table.axes.map(\.title)
        header += ["status", "gap h", "weighted gap h", "missing backups", "pairs", "workers used", "euros used"]
        header += streams.map { "\($0): h used / funded" }
        header += ["objective", "MIP gap", "seconds"]
        for (i, title) in header.enumerated() {
            page += "<th\(i <= table.axes.count ? " class=\"text\"" : "") scope=\"col\">\(e(title))</th>"
        }
        page += "</tr></thead>\n<tbody>\n"
        for row in table.rows {
            let cells = pointCells(row, streams: streams)
            page += "<tr>" + cells.enumerated().map { "<td\($0.offset <= table.axes.count + 1 ? " class=\"text\"" : "")>\(e($0.element))</td>" }.joined() + "</tr>\n"
        }
        return page + "</tbody>\n</table>\n"
    }

    /// One row of the points table, as text.
    static func pointCells(_ row: SweepRow, streams: [String]) -> [String] {
        let h = Format.hours
        var cells = [String(row.index)] + row.values
        cells.append(row.failure.map { "failed: \($0)" } ?? row.status.rawValue)
        cells += [row.gapHours.map(h) ?? "–", row.weightedGapHours.map(h) ?? "–", row.missingBackups.map(String.init) ?? "–",
                  row.pairs.map(String.init) ?? "–", row.workersUsed.map(String.init) ?? "–", row.eurosUsed.map(Format.euros) ?? "–"]
        for id in streams {
            let use = row.streams.first { $0.stream == id }
            cells.append(use.map { "\(row.hasPlan ? h($0.usedHours) : "–") / \(h($0.fundedHours))" } ?? "–")
        }
        cells += [row.objective.map(Format.exact) ?? "–", row.mipGap.map(Format.percent) ?? "–", String(format: "%.2f", row.solveSeconds)]
        return cells
    }
}
