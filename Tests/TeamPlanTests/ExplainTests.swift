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
        let worse = ChangeOutcome(change: "skills", status: "feasible", gapHours: 104, objective: 104_000,
                                  practiceGapHours: ["baandert": 26, "de-kern": 0, "het-anker": 26, "stein-oost": 26], seconds: 1)
        let explanation = Explanation(scenario: scenario, plan: evaluation, outcomes: [worse])
        #expect(explanation.practices.allSatisfy { $0.reasons.isEmpty })
    }

    @Test(arguments: ["skills", "availability", "worker-hours", "budget:wmo-stein", "scope:wmo-stein", "max-workers-practices",
                      "team-size", "leave", "budget-scale:wmo-stein:1.1", "extra-worker:debts+ggz", "extra-worker:"])
    func everyChangeReadsBackFromItsName(_ id: String) throws {
        let change = try #require(ScenarioChange(id: id))
        #expect(change.id == id)
    }
}
