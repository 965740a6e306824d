import Foundation
import Testing
@testable import TeamPlan

@Suite(.serialized) struct ReportCommandTests {
    let root = Executable.packageRoot

    @Test func aVerifiedPlanGetsTheSameOutputsAsPlanWrites() throws {
        let folder = TemporaryFolder()
        let run = try Executable.run(["report", root + "/inputs/baandert.yaml", root + "/inputs/plans/baandert-by-hand.json",
                                      "--out", "r", "--csv", "excel-nl"], in: folder.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: folder.path + "/r"))
                == [".teamplan-output", "plan.json", "summary.txt", "report.html", "plan.xlsx", "schedule.csv", "weeks.csv", "funding.csv", "workers.csv", "calendars"])
        #expect(run.stdout.contains("Plan read from a file"))
        let verify = try Executable.run(["verify", root + "/inputs/baandert.yaml", folder.path + "/r/plan.json"])
        #expect(verify.status == 0, "the plan written back is the plan read: \(verify.stdout)")
        let schedule = try String(contentsOfFile: folder.path + "/r/schedule.csv", encoding: .utf8)
        #expect(schedule.contains("lieke;baandert;tue;am;09:00"), "\(schedule)")
    }

    @Test func aPlanThatBreaksARuleIsNotReported() throws {
        let folder = TemporaryFolder()
        let plan = try String(contentsOfFile: root + "/inputs/plans/baandert-by-hand.json", encoding: .utf8)
            .replacingOccurrences(of: #"{"worker": "lieke", "practice": "baandert", "slot": "tue-am"}"#,
                                  with: #"{"worker": "lieke", "practice": "baandert", "slot": "wed-am"}"#)
        folder.write("broken.json", plan)
        let run = try Executable.run(["report", root + "/inputs/baandert.yaml", "broken.json", "--out", "r"], in: folder.path)
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.contains("H1"), "\(run.stderr)")
        #expect(run.stderr.contains("nothing was written"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/r"))
    }

    @Test func aPlanOfTheWrongShapeIsExitSixtyFive() throws {
        let folder = TemporaryFolder()
        folder.write("bad.json", "{\"sessions\": 3}")
        let run = try Executable.run(["report", root + "/inputs/baandert.yaml", "bad.json", "--out", "r"], in: folder.path)
        #expect(run.status == 65)
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/r"))
    }
}
