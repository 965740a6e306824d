import Foundation
import Testing
@testable import TeamPlan

/// `teamplan explain` on Tests/Scenarios/known-causes.yaml, where each gap's
/// cause is known: a skill nobody has, a slot nobody works, a budget spent.
@Suite struct ExplainTests {
    static let path = Executable.packageRoot + "/Tests/Scenarios/known-causes.yaml"

    struct Reason: Equatable, CustomStringConvertible {
        var change: String
        var hours: Double
        var description: String { "\(change) \(hours)" }
    }

    static func run(_ extra: [String] = []) throws -> (Executable.Result, [String: Any], TemporaryFolder) {
        let folder = TemporaryFolder()
        let result = try Executable.run(["explain", path, "--out", "o", "--lang", "en"] + extra, in: folder.path)
        let data = FileManager.default.contents(atPath: folder.path + "/o/explain.json") ?? Data()
        let json = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
        return (result, json, folder)
    }

    @Test func eachGapIsExplainedByTheLimitThatCausesItWithTheRightHours() throws {
        let (result, json, folder) = try Self.run()
        #expect(result.status == 0, "\(result.stderr)")
        let practices = try #require(json["practices"] as? [[String: Any]])
        var reasons: [String: [Reason]] = [:]
        for practice in practices {
            let id = try #require(practice["practice"] as? String)
            #expect(practice["gap_hours"] as? Double == 26)
            reasons[id] = (practice["reasons"] as? [[String: Any]] ?? []).map {
                Reason(change: $0["change"] as? String ?? "", hours: $0["hours_removed"] as? Double ?? -1)
            }
        }
        #expect(reasons["de-kern"] == [Reason(change: "skills", hours: 26)])
        #expect(reasons["het-anker"] == [Reason(change: "availability", hours: 26)])
        // Stein-Oost's budget is spent; Sittard-Geleen's stream could pay if its scope allowed.
        #expect(reasons["stein-oost"] == [Reason(change: "budget:wmo-stein", hours: 26),
                                          Reason(change: "scope:wmo-sittard-geleen", hours: 26)])
        #expect(reasons["baandert"] == nil, "a served practice has nothing to explain")
        #expect(result.stdout.contains("de-kern: 26 gap h. With one limit lifted at a time:"))
        let report = try String(contentsOfFile: folder.path + "/o/report.html", encoding: .utf8)
        #expect(report.contains("<h2 id=\"explain\">Why the gap</h2>"))
    }

    @Test func inDutchTheExplanationIsDutch() throws {
        let (result, _, folder) = try Self.run(["--lang", "nl"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("de-kern: 26 tekorturen. Met telkens één grens opgeheven:"))
        #expect(result.stdout.contains("vaardigheden (iedereen overal inzetbaar)"))
        #expect(!result.stdout.contains("limit lifted"))
        let report = try String(contentsOfFile: folder.path + "/o/report.html", encoding: .utf8)
        #expect(report.contains("<h2 id=\"explain\">Waarom het tekort</h2>"))
    }

    @Test func marginalsSayWhatMoreMoneyOrOneMoreWorkerBuys() throws {
        let (result, json, _) = try Self.run(["--marginals"])
        #expect(result.status == 0, "\(result.stderr)")
        let marginals = try #require(json["marginals"] as? [[String: Any]])
        let byChange = Dictionary(uniqueKeysWithValues: marginals.map { ($0["change"] as? String ?? "", $0) })
        // 40 h of 42.25 h needed: +10 % (4 h, € 320) serves Stein-Oost, 26 gap hours.
        let stein = try #require(byChange["budget-scale:wmo-stein:1.1"])
        #expect(stein["gap_hours_removed"] as? Double == 26)
        #expect(stein["extra_euros"] as? Double == 320)
        #expect(stein["euros_per_gap_hour"] as? Double == 12.31)
        #expect(byChange["budget-scale:wmo-sittard-geleen:1.25"]?["gap_hours_removed"] as? Double == 0)
        // One more debts worker, free on Friday, serves Het Anker.
        #expect(byChange["extra-worker:debts"]?["gap_hours_removed"] as? Double == 26)
    }

    @Test func aReSolveStoppedAtAWorsePlanCountsAsNothingFoundYet() throws {
        let scenario = try #require(ScenarioLoader.load(path: Self.path).scenario)
        let evaluation = try #require(try Planner.solve(scenario).evaluation)
        // A lifted limit cannot make the best plan worse: a stopped re-solve's
        // worse plan is no evidence that the gap grows.
        let worse = ChangeOutcome(.skills, measured: .init(proven: false, gapHours: 104, objective: 104_000,
                                                           practiceGapHours: ["baandert": 26, "de-kern": 0, "het-anker": 26, "stein-oost": 26]),
                                  seconds: 1)
        let explanation = Explanation(scenario: scenario, plan: evaluation, outcomes: [worse])
        #expect(explanation.practices.allSatisfy { $0.reasons.isEmpty })
        // …and no evidence that it removes nothing either: not known, said so.
        #expect(explanation.inconclusive.map(\.change) == [.skills])
        let text = ExplainText.text(explanation)
        #expect(!text.contains("no single family"), "\(text)")
        #expect(text.contains("none of the limits that were measured removes any of it; 1 family could not be measured"), "\(text)")
        #expect(text.contains("Not known (1): skills"), "\(text)")
    }

    @Test func aProvenReSolveNoBetterThanThePlanRemovesNothing() throws {
        let scenario = try #require(ScenarioLoader.load(path: Self.path).scenario)
        let evaluation = try #require(try Planner.solve(scenario).evaluation)
        let same = ChangeOutcome(.leave, measured: .init(proven: true, gapHours: evaluation.terms.gapHours,
                                                         objective: evaluation.terms.objective, practiceGapHours: [:]),
                                 seconds: 1)
        let explanation = Explanation(scenario: scenario, plan: evaluation, outcomes: [same])
        #expect(explanation.inconclusive.isEmpty && explanation.unmeasured.isEmpty)
        #expect(ExplainText.text(explanation).contains("no single family of limits removes any of it"))
    }

    @Test(arguments: ["skills", "availability", "worker-hours", "budget:wmo-stein", "scope:wmo-stein", "max-workers-practices",
                      "team-size", "leave", "budget-scale:wmo-stein:1.1", "extra-worker:debts+ggz", "extra-worker:"])
    func everyChangeReadsBackFromItsName(_ id: String) throws {
        let change = try #require(ScenarioChange(id: id))
        #expect(change.id == id)
    }
}

/// explain tells the truth about re-solves that give no answer, stops them
/// at a signal, and says by its status that part of the answer is missing. End to end on the main example, whose re-solves take seconds.
@Suite(.serialized) struct ExplainFailureTests {
    /// The main example and its tables in a folder of the test's own, so that
    /// its re-solves can be told apart from any other test's by their path.
    static func mainExample() throws -> TemporaryFolder {
        let folder = TemporaryFolder()
        let inputs = Executable.packageRoot + "/inputs"
        try FileManager.default.copyItem(atPath: inputs + "/westelijke-mijnstreek.yaml", toPath: folder.path + "/wm.yaml")
        try FileManager.default.copyItem(atPath: inputs + "/westelijke-mijnstreek", toPath: folder.path + "/westelijke-mijnstreek")
        return folder
    }

    static func explanation(_ folder: TemporaryFolder) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/o/explain.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func failedReSolvesAreShownAsNotMeasuredNeverAsRemovingNothing() throws {
        let folder = try Self.mainExample()
        #expect(try Executable.run(["plan", "wm.yaml", "--out", "p", "--quiet"], in: folder.path).status == 0)
        // The plan is given, so only the re-solves search, each with 1 MiB: none can finish.
        let run = try Executable.run(["explain", "wm.yaml", "p/plan.json", "--memory-limit", "1", "--out", "o", "--lang", "en"],
                                     in: folder.path)
        #expect(run.status == 69, "part of the answer is missing: \(run.stderr)")
        #expect(run.stderr.contains("re-solves of 11 gave no answer; what was measured is written"), "\(run.stderr)")
        #expect(!run.stdout.contains("no single family"), "a conclusion drawn from nothing: \(run.stdout)")
        #expect(run.stdout.contains("none of the limits that were measured removes any of it; 11 families could not be measured"),
                "\(run.stdout)")
        #expect(run.stdout.contains("Not measured (11)") && run.stdout.contains("memory limit of 1 MiB"), "\(run.stdout)")
        let outcomes = try #require(try Self.explanation(folder)["outcomes"] as? [[String: Any]])
        #expect(outcomes.count == 11 && outcomes.allSatisfy { $0["status"] as? String == "failed" })
        let report = try String(contentsOfFile: folder.path + "/o/report.html", encoding: .utf8)
        #expect(!report.contains("no single family") && report.contains("could not be measured"))
    }

    /// SIGTERM (a batch system), SIGHUP (a closed terminal) and Ctrl-C stop
    /// the running re-solve at once and start no other; what was measured is
    /// written and the status says what is missing.
    @Test(arguments: [SIGTERM, SIGHUP, SIGINT])
    func aStopSignalEndsTheReSolvesAndTheStatusSaysWhatIsMissing(signal: Int32) throws {
        let folder = try Self.mainExample()
        #expect(try Executable.run(["plan", "wm.yaml", "--out", "p", "--quiet"], in: folder.path).status == 0)
        let started = Date()
        // Signalled after 3 s of searching: the re-solves take about 100 s in all.
        let process = try Executable.runAndSignal(["explain", "wm.yaml", "p/plan.json", "--jobs", "1", "--time-limit", "30",
                                                   "--out", "o", "--lang", "en"], in: folder.path, signal: signal)
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 75, "stopped before every re-solve was measured")
        #expect(Date().timeIntervalSince(started) < 25, "the running re-solve stopped at the signal, not at its time limit")
        let outcomes = try #require(try Self.explanation(folder)["outcomes"] as? [[String: Any]])
        #expect(outcomes.contains { $0["failure"] as? String == "not run: interrupted" })
        #expect(outcomes.count == 11, "every family is listed, measured or not")
    }

    @Test func aScenarioWhoseNameStartsWithADashIsExplained() throws {
        let folder = TemporaryFolder()
        try FileManager.default.copyItem(atPath: ExplainTests.path, toPath: folder.path + "/-causes.yaml")
        let run = try Executable.run(["explain", "--out", "o", "--lang", "en", "--", "-causes.yaml"], in: folder.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stdout.contains("Not measured"), "\(run.stdout)")
        let practices = try #require(try ExplainFailureTests.explanation(folder)["practices"] as? [[String: Any]])
        let deKern = practices.first { $0["practice"] as? String == "de-kern" }
        #expect((deKern?["reasons"] as? [[String: Any]])?.first?["change"] as? String == "skills")
    }
}
