import Foundation
import Testing
@testable import TeamPlan

/// The CSV tables beside plan.json: what they hold, and the two dialects.
@Suite struct PlanTablesTests {
    func mainExample() throws -> Evaluation {
        let loaded = ScenarioLoader.load(path: Executable.packageRoot + "/inputs/westelijke-mijnstreek.yaml")
        let scenario = try #require(loaded.scenario)
        let plan = try #require(PlanFile.load(path: Executable.packageRoot + "/inputs/plans/westelijke-mijnstreek-by-hand.json").plan)
        return Evaluation(scenario: scenario, plan: plan)
    }

    /// Rows of an RFC 4180 table without quoted fields, split on commas.
    func rows(_ table: CSVTableWriter) -> [[String]] {
        let text = String(decoding: table.render(.rfc4180), as: UTF8.self)
        return text.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }.map { $0.components(separatedBy: ",") }
    }

    @Test func weeksHoldEveryPracticeWeekAndTheirGapAddsUpToThePlans() throws {
        let e = try mainExample()
        let table = PlanTables.weeks(e)
        let rows = rows(table)
        #expect(rows.count == e.scenario.practices.count * e.scenario.quarter.weeks)
        let gapColumn = table.header.firstIndex(of: "gap (h)")!
        let gap = rows.reduce(0.0) { $0 + Double($1[gapColumn])! }
        #expect(abs(gap - e.terms.gapHours) < 1e-9)
        #expect(abs(gap - e.plan.totals!.gapHours) < 1e-9, "plan.json's stated total")
        let lost = rows.reduce(0) { $0 + Int($1[table.header.firstIndex(of: "lost")!])! }
        #expect(lost == e.practices.reduce(0) { $0 + $1.lost })
    }

    @Test func fundingTotalsAreStreamsUsedHoursNotSumsOfRoundedCells() throws {
        let e = try mainExample()
        let table = PlanTables.funding(e)
        let rows = rows(table)
        for stream in e.streams {
            let total = try #require(rows.first { $0[0] == stream.id && $0[1] == "total" })
            #expect(abs(Double(total[3])! - stream.usedHours) < 0.005)
            let parts = rows.filter { $0[0] == stream.id && $0[1] != "total" }.reduce(0.0) { $0 + Double($1[3])! }
            #expect(abs(parts - stream.usedHours) < 0.005 * Double(rows.count), "rounded cells add up within their rounding")
        }
    }

    @Test func scheduleHasEachSessionAndEachBackupInEachSlotOfItsPractice() throws {
        let e = try mainExample()
        let rows = rows(PlanTables.schedule(e))
        let backupRows = e.plan.backups.reduce(0) { n, b in n + e.plan.sessions.filter { $0.practice == b.practice }.count }
        #expect(rows.filter { $0[7] == "regular" }.count == e.plan.sessions.count)
        #expect(rows.filter { $0[7] == "backup" }.count == backupRows)
        #expect(rows.filter { $0[8] == "yes" }.count == e.plan.mdo.count)
    }

    @Test func workersLoadIsTheEvaluationsWeeklyLoad() throws {
        let e = try mainExample()
        let table = PlanTables.workers(e)
        for (row, worker) in zip(rows(table), e.workers) {
            #expect(row[0] == worker.id)
            #expect(abs(Double(row[table.header.firstIndex(of: "load (h/week)")!])! - worker.load) < 0.005)
        }
    }

    @Test func anExcelNLTableReadBackByOurCSVReaderGivesTheSameNumbers() throws {
        let e = try mainExample()
        for table in [PlanTables.weeks(e), PlanTables.funding(e), PlanTables.workers(e)] {
            let excel = try #require(CSVReader.read(Array(table.render(.excelNL)), file: "t.csv").table)
            let rfc = try #require(CSVReader.read(Array(table.render(.rfc4180)), file: "t.csv").table)
            #expect(excel.separator == .semicolon && rfc.separator == .comma)
            #expect(excel.columnNames == table.header)
            #expect(excel.rows.count == table.rows.count)
            for (a, b) in zip(excel.rows, rfc.rows) {
                for (x, y) in zip(a.cells, b.cells) {
                    if let n = CSVNumber.parse(y.value, separator: .comma) {
                        #expect(CSVNumber.parse(x.value, separator: .semicolon) == n, "\(x.value) vs \(y.value)")
                    } else {
                        #expect(x.value == y.value)
                    }
                }
            }
        }
    }

    @Test func excelNLIsSemicolonsDecimalCommasAByteOrderMarkAndCRLF() {
        var table = CSVTableWriter(header: ["name", "hours (h)"])
        table.rows = [[.text("De Baandert; Sittard"), .number(3.25, decimals: 2)], [.text("a \"b\""), .number(2.0 / 3, decimals: 2)]]
        let excel = Array(table.render(.excelNL))
        #expect(Array(excel.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(String(decoding: excel.dropFirst(3), as: UTF8.self)
                == "name;hours (h)\r\n\"De Baandert; Sittard\";3,25\r\n\"a \"\"b\"\"\";0,67\r\n")
        let rfc = String(decoding: table.render(.rfc4180), as: UTF8.self)
        #expect(rfc == "name,hours (h)\r\nDe Baandert; Sittard,3.25\r\n\"a \"\"b\"\"\",0.67\r\n")
    }

    @Test func planWritesTheTablesInTheDialectAsked() throws {
        let folder = TemporaryFolder()
        folder.write("q1.yaml", Fixture.scenario)
        let run = try Executable.run(["plan", "q1.yaml", "--quiet", "--csv", "excel-nl"], in: folder.path)
        #expect(run.status == 0, "\(run.stderr)")
        let bytes = try #require(FileManager.default.contents(atPath: folder.path + "/out/q1/weeks.csv"))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(String(decoding: bytes, as: UTF8.self).contains("practice;week;week starts"))
        let bad = try Executable.run(["plan", "q1.yaml", "--csv", "excel"], in: folder.path)
        #expect(bad.status == 64)
    }
}
