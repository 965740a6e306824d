import Foundation
import Testing
@testable import TeamPlan

/// A sweep's points say what they are: axes clipped to what the scenario
/// allows (said once), plans not proven best drawn and counted apart, the
/// workers and the practices left with a gap, and Dutch when asked.
@Suite struct SweepPointsTests {
    /// A one-axis table of team sizes 4, 5, 6: 4 proven, 5 stopped at a 4.2 % MIP gap, 6 without a plan.
    static func table(language: Language = .en) throws -> SweepTable {
        var table = try SweepTable.decode(Data(#"""
            {"title": "Sweep: t", "scenarios": ["a.yaml"], "scenario_digests": ["\#(String(repeating: "0", count: 64))"],
             "axes": [{"name": "team_size", "title": "team size", "values": ["4", "5", "6"]}], "points": 3,
             "complete": true, "rows": []}
            """#.utf8))
        func row(_ index: Int, _ status: SweepRow.Status, gap: Double?, objective: Double?, bound: Double?, mipGap: Double?) throws -> SweepRow {
            var json = #"{"index": \#(index), "point": "\#(index)_team-size-\#(index + 4)", "values": ["\#(index + 4)"], "status": "\#(status.rawValue)", "streams": [], "solveSeconds": 1"#
            if let objective { json += #", "objective": \#(objective), "gapHours": \#(gap!), "usedWorkers": ["anja", "bram"], "practiceGaps": [{"practice": "nuth", "gapHours": \#(gap!)}]"# }
            if let bound { json += #", "bound": \#(bound)"# }
            if let mipGap { json += #", "mipGap": \#(mipGap)"# }
            return try JSONDecoder().decode(SweepRow.self, from: Data((json + "}").utf8))
        }
        table.rows = [try row(0, .optimal, gap: 52, objective: 52000, bound: 52000, mipGap: 0),
                      try row(1, .feasible, gap: 26.5, objective: 26500, bound: 25387, mipGap: 0.042),
                      try row(2, .stopped, gap: nil, objective: nil, bound: nil, mipGap: nil)]
        table.language = language
        return table
    }

    @Test func teamSizesAboveTheTeamAreLeftOutAndSaidOnce() throws {
        let scenario = try smallTeam()
        let n = scenario.workers.count
        let (axes, notices) = try SweepSetup.checkedAxes(files: [smallTeamFile], scenarios: [scenario], teamSize: "\(n - 1)...\(n + 2)",
                                                         budgetScales: [], hoursScale: nil)
        #expect(axes[0].labels == ["\(n - 1)", "\(n)"])
        #expect(notices == [SweepNotice(axis: "team_size", reason: .teamSizeAboveWorkers, leftOut: ["\(n + 1)", "\(n + 2)"], limit: Double(n))])
        var table = try Self.table()
        table.notices = notices
        #expect(SweepReport.notices(table) == ["--team-size: the scenario has \(n) workers, so a larger team size plans as \(n) does; left out: \(n + 1), \(n + 2)"])
        #expect(SweepReport.html(table, title: "t").contains("left out: \(n + 1), \(n + 2)"))
        #expect {
            _ = try SweepSetup.checkedAxes(files: [smallTeamFile], scenarios: [scenario], teamSize: "\(n + 1)...\(n + 3)", budgetScales: [], hoursScale: nil)
        } throws: { "\($0)".contains("every team size from \(n) up plans as \(n) does; give team sizes up to \(n)") }
    }

    @Test func aPlanNotProvenIsDrawnHollowWithABandAndItsGapInTheTooltip() throws {
        let svg = SweepReport.svg(try Self.table())
        #expect(svg.components(separatedBy: "<g class=\"filled\">").count - 1 >= 2, "the proven point, on each chart")
        #expect(svg.contains("<g class=\"hollow\">"))
        #expect(svg.contains("<rect class=\"band\""), "the band from bound to objective")
        #expect(svg.contains("not proven best: MIP gap 4.2 %, bound 25,387"))
        #expect(svg.contains("<g class=\"absent\">"), "the point without a plan: a × on the axis")
        #expect(svg.contains("hollow: not proven best (band: bound to objective)"))
    }

    @Test func aPointCutShortByAStopSaysSoNotJustItsGap() throws {
        var table = try Self.table()
        table.rows[1].interrupted = true
        table.complete = false
        #expect(SweepReport.proofNote(table, table.rows[1])
                == "not proven best: MIP gap 4.2 %, bound 25,387; the sweep was stopped (Ctrl-C or a signal) while this point was solved; run its shard again")
        #expect(SweepReport.proofNote(try Self.table(), try Self.table().rows[1]) == "not proven best: MIP gap 4.2 %, bound 25,387")
        table.language = .nl
        #expect(SweepReport.proofNote(table, table.rows[1])?.contains("de doorrekening werd gestopt (Ctrl-C of een signaal)") == true)
    }

    @Test func theCSVSaysWhichPointsWereCutShortAndWhereTheLeastMoneyIsNotProven() throws {
        var table = try Self.table()
        table.leastMoney = true
        table.rows[1].interrupted = true
        table.rows[1].leastMoneyProven = false
        table.rows[1].leastMoneyBound = 1234.5
        table.rows[0].leastMoneyProven = true
        let lines = table.csv().components(separatedBy: "\r\n")
        let header = lines[0].components(separatedBy: ",")
        let cells = lines.dropFirst().prefix(3).map { $0.components(separatedBy: ",") }
        func column(_ name: String) throws -> [String] {
            let index = try #require(header.firstIndex(of: name), "\(name) in \(header)")
            return cells.map { $0[index] }
        }
        #expect(try column("interrupted") == ["", "yes", ""])
        #expect(try column("least_money_proven") == ["yes", "no", ""])
        #expect(try column("least_money_bound") == ["", "1234.5", ""])
        table.leastMoney = false
        #expect(!table.csv().contains("least_money_proven"), "no tie-break, no columns for it")
    }

    @Test func whatEachStepBuysSaysWhenAStepIsNotProvenOrNotKnown() throws {
        let html = SweepReport.html(try Self.table(), title: "t")
        #expect(html.contains("team size 4 → 5: gap 52 h → 26.5 h (−25.5 h); not proven: 5 stopped at a MIP gap of 4.2 %, so the step may be larger or smaller"))
        // Both ends not proven: both named.
        var both = try Self.table()
        both.rows[0].status = .feasible
        both.rows[0].mipGap = 0.01
        #expect(SweepReport.html(both, title: "t").contains("team size 4 → 5: gap 52 h → 26.5 h (−25.5 h); not proven: 4 stopped at a MIP gap of 1 % and 5 stopped at a MIP gap of 4.2 %, so the step may be larger or smaller"))
        #expect(html.contains("team size 5 → 6: not known: 6 has no plan"))
        #expect(html.contains("<tr class=\"unproven\">"))
    }

    @Test func eachPointNamesItsWorkersAndThePracticesLeftWithAGap() throws {
        let table = try Self.table()
        let csv = table.csv()
        let header = csv.split(separator: "\r\n").first.map { $0.split(separator: ",").map(String.init) } ?? []
        let first = csv.split(separator: "\r\n")[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        #expect(first[header.firstIndex(of: "workers")!] == "anja bram")
        #expect(first[header.firstIndex(of: "gap_by_practice")!] == "nuth=52")
        #expect(first[header.firstIndex(of: "practices_with_gap")!] == "1")
        #expect(SweepReport.html(table, title: "t").contains("2: anja, bram"))
    }

    @Test func numbersInTheCSVAreRoundedForReadingAndExactInTheJSON() throws {
        var table = try Self.table()
        table.rows[1].gapHours = 460.606060606
        let csv = table.csv()
        #expect(csv.contains(",460.61,") && !csv.contains("460.606"))
        #expect(table.json().contains("460.606060606"))
    }

    @Test func aDutchSweepSpeaksDutchInItsPageAndSemicolonsInItsCSV() throws {
        var table = try Self.table(language: .nl)
        table.csvDialect = .excelNL
        let html = SweepReport.html(table, title: "t")
        for english in ["Every point", "What each step buys", "gap hours", "not proven", "team size", "workers used", "hollow:", "no plan"] {
            #expect(!html.contains(english), "\(english)")
        }
        #expect(html.contains("Wat elke stap oplevert") && html.contains("teamgrootte 4 → 5: tekort 52 u → 26,5 u"))
        let csv = table.csv()
        #expect(csv.hasPrefix("\u{FEFF}nummer;punt;teamgrootte;status;doelwaarde"))
        #expect(csv.contains(";26,5;"))
    }
}
