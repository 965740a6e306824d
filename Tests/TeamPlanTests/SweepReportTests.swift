import Foundation
import Testing
@testable import TeamPlan

/// What sweep.svg, sweep.html and sweep.csv say of points solved for real
/// (SweepPointsTests has the hand-made table): a plan not proven best drawn
/// where its bound says, a point without a plan breaking its line, a Dutch
/// page without English, the CSV's dialect apart from its language, and
/// each point's workers and gaps as its evaluation counts them.
@Suite struct SweepReportTests {
    /// small-team.yaml over team sizes 1 to 6 (5 and 6 left out: it has 4
    /// workers), solved, then told as a time limit would have it: size 2
    /// stopped with a plan not proven best (MIP gap 20 %), size 3 stopped
    /// before any plan. Gaps: 104, 52, –, 2 hours.
    static func table(language: Language = .en, dialect: CSVDialect = .rfc4180) throws -> SweepTable {
        let scenario = try smallTeam()
        let (axes, notices) = try SweepSetup.checkedAxes(files: [smallTeamFile], scenarios: [scenario], teamSize: "1...6",
                                                         budgetScales: [], hoursScale: nil, language: language)
        let grid = SweepGrid(axes: axes)
        let outcomes = SweepRunner.run(grid.points, scenario: { grid.scenario(for: $0, from: [scenario]) }, jobs: 2,
                                       options: SolveOptions(), control: SolveControl())
        var rows = outcomes.map { SweepRow($0, scenario: grid.scenario(for: $0.point, from: [scenario]), grid: grid) }
        #expect(rows.map(\.gapHours) == [104, 52, 2, 2], "the sums this suite's expectations are made of")
        #expect(notices.map(\.leftOut) == [["5", "6"]])
        rows[1].status = .feasible
        rows[1].bound = rows[1].objective! * 0.8
        rows[1].mipGap = 0.2
        let stopped = rows[2]
        rows[2] = rows[2].withoutPlan(.stopped)
        #expect(rows[2].index == stopped.index && !rows[2].hasPlan)
        return SweepTable(title: language == .nl ? "Doorrekening: Small team" : "Sweep: Small team", scenarios: [smallTeamFile],
                          scenarioDigests: [], grid: grid, timeLimit: 1, shard: nil, complete: true, rows: rows,
                          language: language, dialect: dialect, notices: notices)
    }

    /// The markers' groups of one class in `svg`, each with its title.
    static func groups(_ svg: String, _ kind: String) -> [String] {
        svg.components(separatedBy: "<g class=\"\(kind)\">").dropFirst().map { $0.components(separatedBy: "</g>")[0] }
    }

    @Test func anUnprovenPointIsDrawnHollowWithABandFromItsBoundAndItsGapInTheTooltip() throws {
        let table = try Self.table()
        let charts = SweepReport.charts(table)
        #expect(charts.map(\.title) == ["Capacity gap: consultation hours asked and not held",
                                        "Objective: each point's plan and, for a plan not proven best, the band down to its bound",
                                        "Money used (streams with a tariff)"])
        for chart in charts {
            let svg = chart.svg()
            let hollow = Self.groups(svg, "hollow"), filled = Self.groups(svg, "filled")
            #expect(hollow.count == 1 && filled.count == 2, "\(chart.title): sizes 1 and 4 filled, size 2 hollow")
            #expect(hollow.allSatisfy { $0.contains("fill=\"#fff\" stroke=\"#0072B2\"") && $0.contains("<title>team size 2: ") })
            #expect(hollow.allSatisfy { $0.contains(" — not proven best: MIP gap 20 %, bound ") }, "\(hollow)")
            #expect(filled.allSatisfy { $0.contains("fill=\"#0072B2\"/>") && !$0.contains("not proven") }, "\(filled)")
            #expect(svg.contains("hollow: not proven best (band: bound to objective)"), "the key says what hollow means")
        }
        // The band: on the objective's chart only, from the bound up to the hollow marker.
        let objective = charts[1].svg()
        #expect(charts[0].svg().components(separatedBy: "class=\"band\"").count == 1)
        #expect(objective.components(separatedBy: "class=\"band\"").count == 2)
        let band = try #require(objective.firstMatch(of: /class="band" x="[0-9.]+" y="([0-9.]+)" width="10" height="([0-9.]+)"/))
        let marker = try #require(Self.groups(objective, "hollow").first?.firstMatch(of: /cy="([0-9.]+)"/))
        #expect(band.1 == marker.1, "the band's top is the plan's objective")
        // From the x axis (value 0) to the marker is the objective; the band is 20 % of it.
        let axis = try #require(objective.firstMatch(of: /y1="([0-9.]+)" y2="[0-9.]+" stroke="#333"/))
        let toMarker = try #require(Double(axis.1)) - (try #require(Double(marker.1)))
        #expect(abs(try #require(Double(band.2)) / toMarker - 0.2) < 0.01, "the band reaches down to the bound, 20 % below the objective")
        let objectiveValue = try #require(table.rows[1].objective)
        #expect(Self.groups(objective, "hollow")[0].contains("objective \(Format.grouped(Int(objectiveValue.rounded())))"))
    }

    @Test func aPointWithoutAPlanIsACrossOnTheAxisAndABreakInTheLine() throws {
        let table = try Self.table()
        let gap = SweepReport.charts(table)[0].svg()
        let absent = Self.groups(gap, "absent")
        #expect(absent.count == 1)
        #expect(absent.first?.contains("<title>team size 3: no plan (stopped)</title>") == true, "\(absent)")
        #expect(gap.contains("× on the axis: no plan"))
        let lines = gap.components(separatedBy: "fill=\"none\" stroke=\"#0072B2\"").count - 1
        #expect(lines == 1, "sizes 1 and 2 make a line; size 4 stands alone, not joined across size 3")
        // And in the table: no marker's numbers, its status.
        let html = SweepReport.html(table, title: table.title)
        #expect(html.contains("<td class=\"text\">stopped</td><td>–</td>"))
        #expect(html.contains("<td class=\"text\">feasible, not proven</td>") && html.contains("<td>20 %</td>"))
    }

    /// A Dutch page holds no English word of ours and no number written the
    /// English way — with every part drawn: a notice, a plan not proven,
    /// a point without a plan (DutchOutputTests' list and test).
    @Test func aDutchSweepPageAndChartHoldNoEnglish() throws {
        let table = try Self.table(language: .nl)
        let scenario = try smallTeam()
        let html = SweepReport.html(table, title: table.title)
        #expect(html.contains("<html lang=\"nl\">"))
        let text = DutchOutputTests.readableText(ofHTML: html) + DutchOutputTests.readableText(ofHTML: SweepReport.svg(table))
        // The points' folder names (0_team-size-1) and the files' names are names, not words.
        #expect(DutchOutputTests.english(in: text, scenario) == [], "\(text)")
        for dutch in ["weggelaten: 5; 6", "niet bewezen het beste: MIP-gap 20 %", "teamgrootte 3: geen plan (gestopt)",
                      "teamgrootte 1 → 2: tekort 104 u → 52 u (−52 u); niet bewezen", "onbekend: 3 heeft geen plan", "€ 11.180",
                      "open: niet bewezen het beste", "1: ben"] {
            #expect(text.contains(dutch), "\(dutch)")
        }
    }

    @Test func theCSVIsWrittenInTheTablesDialectAndLanguage() throws {
        var table = try Self.table(language: .nl, dialect: .excelNL)
        table.rows[1].gapHours = 552.5
        let csv = table.csv()
        #expect(csv.hasPrefix("\u{FEFF}nummer;punt;teamgrootte;status;doelwaarde;ondergrens;MIP-gap;"))
        let row = csv.components(separatedBy: "\r\n")[2].components(separatedBy: ";")
        #expect(row[0...3] == ["1", "1_team-size-2", "2", "geldig"])
        #expect(row.contains("552,5") && row.contains("0,2"), "\(row)")
        #expect(csv.components(separatedBy: "\r\n")[3].contains(";gestopt;"))
        // English headers in another dialect: the dialect and the language are two choices.
        table.language = .en
        #expect(table.csv().hasPrefix("\u{FEFF}index;point;team_size;status;"))
    }

    @Test func eachPointNamesItsWorkersAndThePracticesLeftWithAGap() throws {
        let table = try Self.table()
        let first = table.rows[0], last = table.rows[3]
        #expect(first.usedWorkers == ["ben"] && first.workersUsed == 1)
        #expect(last.usedWorkers == ["anja", "ben", "carla", "dirk"])
        #expect(first.practiceGaps == [.init(practice: "baandert", gapHours: 52), .init(practice: "stein-centrum", gapHours: 52)])
        #expect(last.practiceGaps == [.init(practice: "baandert", gapHours: 2)])
        for row in table.rows where row.hasPlan {
            #expect(abs((row.practiceGaps ?? []).reduce(0) { $0 + $1.gapHours } - row.gapHours!) < 1e-9, "the gaps add up to the point's")
        }
        let json = table.json()
        #expect(try SweepTable.decode(Data(json.utf8)) == table, "sweep.json reads back as itself")
        #expect(json.contains("\"used_workers\" : [\n        \"ben\"\n      ]"), "\(json)")
        #expect(json.contains("\"practice_gaps\" : ["))
        let lines = table.csv().components(separatedBy: "\r\n")
        #expect(lines[0].contains(",gap_hours,weighted_gap_hours,practices_with_gap,gap_by_practice,"))
        #expect(lines[0].contains(",workers_used,workers,euros_used,"))
        #expect(lines[1].contains(",2,baandert=52 stein-centrum=52,") && lines[1].contains(",1,ben,"), "\(lines[1])")
        #expect(lines[4].contains(",1,baandert=2,") && lines[4].contains(",4,anja ben carla dirk,"), "\(lines[4])")
    }
}

extension SweepRow {
    /// The row as a point with no plan would have it (`status` why).
    func withoutPlan(_ status: Status) -> SweepRow {
        var row = self
        row.status = status
        row.objective = nil; row.bound = nil; row.mipGap = nil
        row.gapTerm = nil; row.missingBackupTerm = nil; row.pairTerm = nil; row.continuityTerm = nil
        row.gapHours = nil; row.weightedGapHours = nil; row.missingBackups = nil; row.pairs = nil; row.droppedPairs = nil
        row.workersUsed = nil; row.usedWorkers = nil; row.practiceGaps = nil; row.eurosUsed = nil
        row.streams = row.streams.map { StreamUse(stream: $0.stream, fundedHours: $0.fundedHours, usedHours: 0, usedEuros: nil) }
        return row
    }
}
