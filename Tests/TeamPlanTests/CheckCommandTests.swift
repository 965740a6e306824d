import Foundation
import Testing
@testable import TeamPlan

@Suite struct CheckCommandTests {
    let root = Executable.packageRoot

    @Test func checkOfTheMainExampleShowsTheQuarterTablesAndEstimate() throws {
        let result = try Executable.run(["check", "inputs/westelijke-mijnstreek.yaml"], in: root)
        #expect(result.status == 0, "\(result.stderr)")
        let out = result.stdout
        #expect(out.contains("Quarter: 2027-01-04 to 2027-04-04, 13 weeks (ISO weeks 2027-W01 to 2027-W13)"))
        #expect(out.contains("Table workers: inputs/westelijke-mijnstreek/workers.csv, 8 rows, separator semicolon, utf8-bom"))
        #expect(out.contains("2027-03-29 mon  Easter Monday"))
        #expect(out.contains("Asked (hours over the quarter):"))
        #expect(out.contains("Available (worker-hours over the quarter"))
        #expect(out.contains("Funded:"))
        #expect(out.contains("Estimate: asked"))
    }

    @Test func checkOfThePilotCountsKingsDayAsClosed() throws {
        let result = try Executable.run(["check", "inputs/baandert.yaml"], in: root)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("2021-04-27 tue  King's Day"))
        // One session of 2 h a week over 13 weeks is asked, whatever the holidays.
        #expect(result.stdout.range(of: #"baandert\s+sittard-geleen\s+1\s+1\s+2\s+26\s"#, options: .regularExpression) != nil,
                Comment(rawValue: result.stdout))
    }

    @Test func checkJSONIsMachineReadable() throws {
        let result = try Executable.run(["check", "inputs/baandert.yaml", "--json"], in: root)
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let estimate = try #require(object["estimate"] as? [String: Any])
        let weeks = try #require(estimate["weeks"] as? [[String: Any]])
        #expect(weeks.count == 13)
        #expect(weeks.first?["iso_week"] as? Int == 13)
        let totals = try #require(estimate["totals"] as? [String: Any])
        #expect(totals["asked_hours"] as? Double == 26)
        #expect(object["diagnostics"] is [Any])
    }

    @Test(arguments: ["region-8x12", "region-15x25", "region-25x40", "region-40x60"])
    func checkOfEachBenchScenarioExitsZero(_ name: String) throws {
        let result = try Executable.run(["check", "bench/\(name).yaml"], in: root)
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test func aMissingFileIsExitSixtyFive() throws {
        let result = try Executable.run(["check", "no/such.yaml"], in: root)
        #expect(result.status == 65)
        #expect(result.stderr.hasPrefix("no/such.yaml: cannot read the scenario 'no/such.yaml': no such file"))
    }

    @Test func aWrongCommandLineIsExitSixtyFour() throws {
        #expect(try Executable.run(["check"], in: root).status == 64)
        #expect(try Executable.run(["check", "a.yaml", "--jsn"], in: root).status == 64)
        #expect(try Executable.run(["frobnicate"], in: root).status == 64)
    }

    @Test func helpExplainsCheckWithAnExample() throws {
        let result = try Executable.run(["help", "check"], in: root)
        #expect(result.status == 0)
        #expect(result.stdout.contains("teamplan check inputs/westelijke-mijnstreek.yaml"))
    }
}

@Suite struct CapacityEstimateTests {
    @Test func askedWorkAndAvailableHoursAreCountedByHand() throws {
        // One practice, 1 session of 2 h a week, 13 weeks from 2027-01-04:
        // no holiday falls on a Tuesday in Q1 2027 (Easter Monday is 29 March).
        let s = try #require(loadScenario(Fixture.scenario).scenario)
        let e = CapacityEstimate(s)
        let p = try #require(e.practices.first)
        #expect(p.askedHours == 26)
        #expect(p.contactHours == 26)
        #expect(p.adminHours == 13)  // 0.5 per contact hour
        #expect(p.travelHours == 3.25)  // 13 visits × 0.25
        #expect(p.mdoHours == 7)  // ceil(13 / 2) meetings of 1 h
        #expect(p.workHours == 49.25)
        // anja: 18 plannable h/week over slots mon-am, tue-am, tue-pm.
        // Leave 2027-02-22..03-05 takes weeks 8 and 9 whole; Easter Monday
        // (week 13) takes mon-am: 2/3 of that week.
        let anja = try #require(e.workers.first { $0.id == "anja" })
        #expect(abs(anja.availableHours - 18 * (10 + 2.0 / 3)) < 1e-9)
        #expect(anja.leaveDays == 12)
        // ben: 32 h, tue-am and wed-am, no holiday on those days.
        let ben = try #require(e.workers.first { $0.id == "ben" })
        #expect(ben.availableHours == 416)
        #expect(abs(e.totals.fundedHours - (45000 / 82.5 + 120)) < 1e-9)
        #expect(e.closedDays.map(\.date.description) == ["2027-03-29"])
        #expect(e.weeks[12].closed == ["Easter Monday 2027-03-29"])
    }
}
