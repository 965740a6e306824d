import Foundation
import Testing
@testable import TeamPlan

@Suite struct PlanFileTests {
    static let plan = Plan(
        scenario: "Westelijke \"Mijnstreek\"", status: .optimal, objective: 26002, bound: 26002, mipGap: 0,
        solveSeconds: 0.41,
        sessions: [session("ben", "baandert", "wed-am"), session("anja", "baandert", "tue-am")],
        backups: [role("ben", "born"), role("anja", "born")], mdo: [role("anja", "baandert")],
        funding: [Plan.Funding(stream: "wmo", practice: "baandert", activity: .travel, hours: 3.25),
                  Plan.Funding(stream: "wmo", practice: "baandert", activity: .contact, hours: 24)],
        totals: Plan.Totals(gapHours: 26, missingBackups: 0, pairs: 2, droppedPairs: 0))

    @Test func aPlanIsWrittenInModelOrderWithSortedLists() {
        #expect(PlanFile.encode(Self.plan) == """
            {
              "scenario": "Westelijke \\"Mijnstreek\\"",
              "status": "optimal",
              "objective": 26002.0,
              "bound": 26002.0,
              "mip_gap": 0.0,
              "solve_seconds": 0.41,
              "sessions": [
                {"worker": "anja", "practice": "baandert", "slot": "tue-am"},
                {"worker": "ben", "practice": "baandert", "slot": "wed-am"}
              ],
              "backups": [
                {"worker": "anja", "practice": "born"},
                {"worker": "ben", "practice": "born"}
              ],
              "mdo": [
                {"worker": "anja", "practice": "baandert"}
              ],
              "funding": [
                {"stream": "wmo", "practice": "baandert", "activity": "contact", "hours": 24.0},
                {"stream": "wmo", "practice": "baandert", "activity": "travel", "hours": 3.25}
              ],
              "totals": {
                "gap_hours": 26.0,
                "missing_backups": 0,
                "pairs": 2,
                "dropped_pairs": 0,
                "dropped_sessions": 0,
                "unmet_preference": 0.0
              }
            }

            """)
    }

    @Test func aWrittenPlanReadsBackTheSame() throws {
        let text = PlanFile.encode(Self.plan)
        let (read, problems) = PlanFile.decode(Array(text.utf8), file: "plan.json")
        #expect(problems.isEmpty, "\(problems)")
        #expect(try #require(read) == Self.plan.sorted)
        #expect(PlanFile.encode(read!) == text, "byte for byte")
    }

    @Test func theSamePlanInAnotherOrderGivesTheSameBytes() {
        var shuffled = Self.plan
        shuffled.sessions.reverse()
        shuffled.backups.reverse()
        shuffled.funding.reverse()
        #expect(PlanFile.encode(shuffled) == PlanFile.encode(Self.plan))
    }

    @Test func aPlanWithoutTimingLeavesOutOnlyTheSolveSeconds() {
        let text = PlanFile.encode(Self.plan, timing: false)
        #expect(!text.contains("solve_seconds"))
        #expect(text.contains("\"mip_gap\": 0.0"))
    }

    @Test func aNoPlanStatusWithNullNumbersReadsBack() throws {
        let plan = Plan(scenario: "x", status: .noPlan)
        let (read, problems) = PlanFile.decode(Array(PlanFile.encode(plan).utf8), file: "plan.json")
        #expect(problems.isEmpty)
        #expect(read?.status == .noPlan)
        #expect(read?.objective == nil)
    }

    @Test(arguments: [
        ("{\"scenario\": \"x\", \"status\": \"optimal\", \"sessions\": [}", "plan.json:1:53: not valid JSON"),
        ("{\"scenario\": \"x\", \"status\": \"best\", \"sessions\": []}", "plan.json:1:29: status: 'best' is not a status; expected optimal, feasible or no_plan"),
        ("{\"scenario\": \"x\", \"status\": \"optimal\",\n \"sessions\": [{\"worker\": \"a\", \"practice\": \"p\"}]}",
         "plan.json:2:15: sessions[0].slot: missing; this key is required"),
        ("{\"scenario\": \"x\", \"status\": \"optimal\", \"sessions\": [],\n \"objective\": \"many\"}",
         "plan.json:2:15: objective: expected a number, found the text \"many\""),
        ("{\"scenario\": \"x\", \"status\": \"optimal\", \"sessions\": [], \"sesions\": []}",
         "plan.json:1:56: sesions: unknown key; did you mean 'sessions'?"),
        ("{\"scenario\": \"x\", \"status\": \"optimal\", \"sessions\": [],\n \"funding\": [{\"stream\": \"s\", \"practice\": \"p\", \"activity\": \"coffee\", \"hours\": 1}]}",
         "plan.json:2:59: funding[0].activity: 'coffee' is not an activity; expected contact, admin, travel or mdo"),
    ])
    func aMalformedPlanFileIsADiagnosticWithItsPosition(_ text: String, _ expected: String) {
        let (plan, problems) = PlanFile.decode(Array(text.utf8), file: "plan.json")
        #expect(plan == nil)
        #expect(problems.first.map { $0.description.hasPrefix(expected) } == true, "\(problems.map(\.description))")
    }
}

@Suite struct VerifyCommandTests {
    let root = Executable.packageRoot

    @Test(arguments: ["baandert", "westelijke-mijnstreek"])
    func theHandMadePlansOfTheInputsAreValid(_ name: String) throws {
        let result = try Executable.run(["verify", "inputs/\(name).yaml", "inputs/plans/\(name)-by-hand.json"], in: root)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains(": valid"))
    }

    /// Each kind of broken plan is rejected with its rule named.
    @Test(arguments: [
        ("session in a slot the practice has no room in", #""slot": "tue-am"}"#, #""slot": "mon-pm"}"#, "H1: lieke holds a session at baandert in mon-pm, but baandert has no room in mon-pm"),
        ("two sessions in one slot", #"{"worker": "lieke", "practice": "baandert", "slot": "tue-am"}"#,
         #"{"worker": "lieke", "practice": "baandert", "slot": "tue-am"}, {"worker": "roel", "practice": "baandert", "slot": "tue-am"}"#, "H2: baandert holds 2 sessions in tue-am"),
        ("backup who is the regular", #""worker": "roel", "practice": "baandert"}"#, #""worker": "lieke", "practice": "baandert"}"#, "H6: lieke is a backup for baandert but is already one of its regulars"),
        ("no MDO attendee", "\"mdo\": [\n    {\"worker\": \"lieke\", \"practice\": \"baandert\"}\n  ]", #""mdo": []"#, "H7: baandert is served and has an MDO, but no one attends it"),
        ("unpaid travel", #""activity": "travel", "hours": 3.0"#, #""activity": "travel", "hours": 2.0"#, "H8: baandert has 3 h of travel worked but 2 h paid"),
        ("a lying objective", #""objective": 1.0"#, #""objective": 0.0"#, "stated: the plan states objective 0, but it counts 1"),
    ])
    func aBrokenPlanIsRejectedWithTheRuleNamed(_ name: String, _ old: String, _ new: String, _ expected: String) throws {
        let folder = TemporaryFolder()
        let original = try String(contentsOfFile: root + "/inputs/plans/baandert-by-hand.json", encoding: .utf8)
        #expect(original.components(separatedBy: old).count == 2, "the plan must contain \(old) once")
        let plan = folder.write("plan.json", original.replacingOccurrences(of: old, with: new))
        let result = try Executable.run(["verify", root + "/inputs/baandert.yaml", plan], in: folder.path)
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains(expected), "\(result.stdout)")
    }

    @Test func aMalformedPlanFileExitsSixtyFive() throws {
        let folder = TemporaryFolder()
        let plan = folder.write("plan.json", "{\"scenario\": 1,")
        let result = try Executable.run(["verify", root + "/inputs/baandert.yaml", plan], in: folder.path)
        #expect(result.status == 65)
        #expect(result.stderr.contains("plan.json:"))
    }

    @Test func verifyJSONCarriesTheTermsAndViolations() throws {
        let result = try Executable.run(["verify", "inputs/westelijke-mijnstreek.yaml",
                                         "inputs/plans/westelijke-mijnstreek-by-hand.json", "--json"], in: root)
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["valid"] as? Bool == true)
        #expect((object["violations"] as? [Any])?.isEmpty == true)
        let terms = try #require(object["terms"] as? [String: Any])
        #expect(terms["pairs"] as? Int == 5)
    }
}

@Suite struct FilePathTests {
    @Test(arguments: [("o", "", "o", "o"), ("out/q1", "out", "q1", "q1"), ("/x", "/", "x", "x"),
                      ("inputs/westelijke-mijnstreek.yaml", "inputs", "westelijke-mijnstreek.yaml", "westelijke-mijnstreek"),
                      ("a/b/", "a", "b", "b"), (".hidden", "", ".hidden", ".hidden"), ("/", "/", "/", "/")])
    func pathsSplitLikeAShellWould(_ path: String, _ folder: String, _ name: String, _ stem: String) {
        #expect(FilePath.folder(of: path) == folder)
        #expect(FilePath.name(of: path) == name)
        #expect(FilePath.stem(of: path) == stem)
    }
}
