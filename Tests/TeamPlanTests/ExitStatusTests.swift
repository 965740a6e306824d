import Foundation
import Testing
@testable import TeamPlan

/// Every exit status of cli.md from the real binary, each from the one
/// function that renders a failure (`TeamPlanCommand.rendered`).
@Suite struct ExitStatusTests {
    /// One way to end with a status: the command line, and what standard error says.
    struct Case: CustomTestStringConvertible, Sendable {
        var status: Int32
        var arguments: [String]
        var says: String
        var testDescription: String { "\(status): teamplan \(arguments.prefix(2).joined(separator: " "))" }
    }

    static let main = Executable.packageRoot + "/inputs/westelijke-mijnstreek.yaml"
    static let baandert = Executable.packageRoot + "/inputs/baandert.yaml"

    static let cases: [Case] = [
        Case(status: 0, arguments: ["plan", baandert, "--out", "o", "--quiet"], says: ""),
        Case(status: 1, arguments: ["verify", baandert, "broken.json"], says: ""),
        Case(status: 64, arguments: ["plan", baandert, "--time-limit", "soon"], says: "Error:"),
        Case(status: 64, arguments: ["sweep", baandert, "--budget-scale", "no-such-stream=0.5"], says: "no-such-stream"),
        Case(status: 65, arguments: ["plan", "bad.yaml"], says: "bad.yaml: 1 error; nothing was written"),
        Case(status: 65, arguments: ["report", baandert, "not-a-plan.json"], says: "not a plan teamplan can read"),
        Case(status: 69, arguments: ["plan", main, "--memory-limit", "1", "--out", "o"], says: "memory limit of 1 MiB"),
        Case(status: 73, arguments: ["plan", baandert, "--out", Executable.packageRoot + "/inputs"], says: "teamplan: "),
        Case(status: 73, arguments: ["plan", baandert, "--out", "a-file"], says: "teamplan: "),
    ]

    @Test(arguments: cases)
    func eachFailureEndsWithItsStatusAndSaysWhy(_ c: Case) throws {
        let folder = TemporaryFolder()
        folder.write("bad.yaml", Fixture.scenario.replacingOccurrences(of: "weeks: 13", with: "weeks: thirteen"))
        folder.write("not-a-plan.json", "{\"sessions\": 3}")
        folder.write("a-file", "not a folder")
        folder.write("broken.json", PlanFile.encode(try Self.brokenPlan()))
        let run = try Executable.run(c.arguments, in: folder.path)
        #expect(run.status == c.status, "\(run.stderr)")
        if !c.says.isEmpty { #expect(run.stderr.contains(c.says), "\(run.stderr)") }
        if c.status > 1 { #expect(run.stdout.isEmpty, "a failure prints nothing on standard output") }
    }

    /// Baandert's best plan with a session for somebody not in the team.
    static func brokenPlan() throws -> Plan {
        let scenario = try #require(ScenarioLoader.load(path: baandert).scenario)
        var plan = try #require(try Planner.solve(scenario).plan)
        let session = try #require(plan.sessions.first)
        plan.sessions.append(Plan.Session(worker: "nobody", practice: session.practice, slot: session.slot))
        return plan
    }

    /// 70: a plan the solver found that fails the model's own check. Only a
    /// bug makes one, so the test build makes one: a debug-only backend that
    /// hands back GLPK's plan with a session taken out.
    @Test func aSolversPlanThatFailsTheModelsCheckIsAnInternalError() throws {
        let folder = TemporaryFolder()
        let run = try Executable.run(["-c", "TEAMPLAN_TEST_BACKEND=drops-a-session \"$0\" plan \"$1\" --out o",
                                      Executable.url.path, Self.baandert], in: folder.path, program: "sh")
        #expect(run.status == 70, "\(run.stderr)")
        #expect(run.stderr.contains("internal error: the solver's plan fails the model's own check"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/o"), "nothing is written")
    }

    /// 75: stopped before the work was done. A plan always has the one
    /// built at once, so the stop that is left is a sweep's (or explain's):
    /// Ctrl-C while points are still unsolved.
    @Test func aSweepStoppedBeforeEveryPointIsSolvedIs75() throws {
        let folder = TemporaryFolder()
        let process = try Executable.runAndSignal(
            ["sweep", PlanCommandTests.slowToProve, "--hours-scale", "1,1.1,1.2", "--jobs", "1", "--out", "s"],
            in: folder.path, signal: SIGINT)
        #expect(process.terminationReason == .exit && process.terminationStatus == 75)
        #expect(FileManager.default.fileExists(atPath: folder.path + "/s/sweep.json"), "the finished points are written")
    }

    /// 74 (not in cli.md): the files are written, the terminal lost what was meant for it.
    @Test func aClosedStandardOutputAfterTheFilesAreWrittenIs74() throws {
        let folder = TemporaryFolder()
        let run = try Executable.run(["-c", "\"$0\" plan \"$1\" --out o >&-", Executable.url.path, Self.baandert],
                                     in: folder.path, program: "sh")
        #expect(run.status == 74, "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.path + "/o/plan.json"))
    }
}
