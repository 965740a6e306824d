import Foundation
import Testing
@testable import TeamPlan

/// Last quarter's pairs against this quarter's: Tests/Scenarios/continuity.yaml
/// is counted by hand in its header (keeping Anja costs 3940 more).
@Suite struct ContinuityTests {
    static let path = Executable.packageRoot + "/Tests/Scenarios/continuity.yaml"

    static func solved() throws -> (Scenario, Plan) {
        let scenario = try #require(ScenarioLoader.load(path: path).scenario)
        let plan = try #require(try Planner.solve(scenario).plan)
        return (scenario, plan)
    }

    static func pair(_ worker: String, _ practice: String) -> WorkerPractice {
        WorkerPractice(worker: worker, practice: practice)
    }

    @Test func theChangesNameWhoStaysWhoLeavesAndWhoIsNew() throws {
        let (scenario, plan) = try Self.solved()
        let continuity = try #require(Continuity(scenario: scenario, plan: plan))
        #expect(continuity.kept.isEmpty)
        #expect(continuity.dropped == [Self.pair("anja", "baandert")])
        #expect(continuity.new == [Self.pair("ben", "baandert"), Self.pair("carla", "kollenberg")])
        #expect(Evaluation(scenario: scenario, plan: plan).terms.objective == 62, "2 pairs, a dropped pair (50) and its session (10)")
        #expect(continuity.sessions[Self.pair("anja", "baandert")] == [.dropped("tue-am")])
        #expect(continuity.sessions[Self.pair("ben", "baandert")] == [.new("tue-am")])
    }

    @Test func keepingOrMovingAPairIsDecidedAsBruteForceDecidesIt() throws {
        let (scenario, plan) = try Self.solved()
        let brute = BruteForce.best(scenario)
        #expect(brute.objective == 62)
        #expect(Evaluation(scenario: scenario, plan: plan).terms.objective == brute.objective)
        let bruteDropped = try #require(brute.plan.map { Evaluation(scenario: scenario, plan: $0).terms.droppedPairs })
        #expect(bruteDropped.map { "\($0.worker) \($0.practice)" } == ["anja baandert"])
    }

    @Test func whatKeepingADroppedPairCostsIsMeasuredByASecondExactSolve() throws {
        let (scenario, plan) = try Self.solved()
        let price = try #require(try ContinuityPrice.measure(scenario, plan: plan, options: SolveOptions()))
        #expect(price.keeping == [Self.pair("anja", "baandert")])
        #expect(price.cannotKeep.isEmpty)
        #expect(price.proven)
        let terms = try #require(price.terms)
        #expect(terms.objective == 4002, "2 lost Tuesdays × 2 h × 1000 + 2 pairs")
        #expect(terms.gapHours == 4)
        #expect(terms.droppedPairs.isEmpty)
    }

    @Test func aPairNoPlanCanHaveAnyMoreIsNamedNotPriced() throws {
        // Carla is not available on Tuesdays: she cannot stay at De Baandert.
        let yaml = try String(contentsOfFile: Self.path, encoding: .utf8)
        let previous = #"{"scenario": "Continuity", "status": "optimal", "sessions": [{"worker": "carla", "practice": "baandert", "slot": "tue-am"}], "backups": [], "mdo": [], "funding": []}"#
        let loaded = loadScenario(yaml, extraFiles: ["continuity-previous.json": Array(previous.utf8)])
        let scenario = try #require(loaded.scenario)
        let plan = try #require(try Planner.solve(scenario).plan)
        let price = try #require(try ContinuityPrice.measure(scenario, plan: plan, options: SolveOptions()))
        #expect(price.cannotKeep == [Self.pair("carla", "baandert")])
        #expect(price.keeping.isEmpty)
        #expect(price.terms == nil)
    }

    @Test func aPlanThatDropsNothingNeedsNoSecondSolve() throws {
        let (scenario, plan) = try Self.solved()
        var same = scenario
        same.previous = PreviousPlan(path: "p.json", pairs: plan.sessions.map { Self.pair($0.worker, $0.practice) })
        #expect(try ContinuityPrice.measure(same, plan: plan, options: SolveOptions()) == nil)
    }

    @Test func theSummaryAndTheReportShowTheChangesAndWhy() throws {
        let folder = TemporaryFolder()
        let run = try Executable.run(["plan", Self.path, "--out", "o", "--lang", "en"], in: folder.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Changes against last quarter (continuity-previous.json):"))
        #expect(run.stdout.contains("  anja    baandert    leaves  tue-am dropped"), "\(run.stdout)")
        #expect(run.stdout.contains("  carla   kollenberg  new     thu-am new"))
        #expect(run.stdout.contains("Sessions against last quarter: 0 kept, 0 moved to another slot, 1 dropped, 2 new."))
        #expect(run.stdout.contains("Why: the best plan that keeps anja @ baandert has objective 4002, 3940 more: 4 gap h and 0 missing backups more."))
        let report = try String(contentsOfFile: folder.path + "/o/report.html", encoding: .utf8)
        #expect(report.contains("<h2 id=\"changes\">Changes against last quarter (continuity-previous.json)</h2>"))
        #expect(report.contains("3940 more"))
    }
}
