import Foundation
import Testing
import TeamPlanFuzzing
@testable import TeamPlan

/// The plan reader takes every plan that the exported model, solved by
/// another solver, can give: Tests/solution_to_plan.py solves `teamplan
/// export SCENARIO --lp` with HiGHS and writes its raw values as plan.json
/// (funding lines like 12.999999999991505 h and 1.566391460983141e-11 h);
/// verify must find it valid, with teamplan's own optimum.
@Suite(.serialized) struct OtherSolverPlanTests {
    static let root = Executable.packageRoot
    static let scenarios = ["inputs/baandert.yaml", "inputs/westelijke-mijnstreek.yaml", "bench/region-8x12.yaml"]

    @Test(arguments: scenarios)
    func aPlanFromHiGHSIsValidWithTeamplansOptimum(_ file: String) throws {
        let folder = TemporaryFolder()
        let planFile = folder.path + "/highs.json"
        let convert = try Executable.run(["Tests/solution_to_plan.py", "--teamplan", Executable.url.path, file, planFile],
                                         in: Self.root, program: Python.interpreter)
        #expect(convert.status == 0, "highspy must be installed (make test does): \(convert.stderr)")
        let verify = try Executable.run(["verify", file, planFile, "--json"], in: Self.root)
        #expect(verify.status == 0, "\(verify.stdout.prefix(2000))\(verify.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(verify.stdout.utf8)) as? [String: Any])
        #expect((report["violations"] as? [Any])?.isEmpty == true)
        let recounted = try #require(report["objective"] as? Double)
        let scenario = try #require(ScenarioLoader.load(path: Self.root + "/" + file).scenario)
        let teamplan = try #require(try Planner.solve(scenario).objective)
        #expect(abs(recounted - teamplan) <= 1e-6 * max(1, abs(teamplan)), "HiGHS's plan \(recounted), teamplan's \(teamplan)")
        // The plan as HiGHS gave it: its own objective, unrounded.
        let plan = try #require(PlanFile.load(path: planFile).plan)
        #expect(plan.status == .optimal)
        #expect(abs(try #require(plan.objective) - teamplan) <= 1e-6 * max(1, abs(teamplan)))
    }

    /// The plan-json fuzz corpus holds such plans (seed-highs-*) and
    /// hand-made float noise (seed-noise-*): each reads without an error,
    /// writes back stably, and passes the fuzz target's checks; those
    /// made for a scenario are valid plans of it.
    static let seeds: [(file: String, scenario: String)] = [
        ("seed-highs-baandert.json", "inputs/baandert.yaml"),
        ("seed-highs-westelijke-mijnstreek.json", "inputs/westelijke-mijnstreek.yaml"),
        ("seed-highs-region-8x12.json", "bench/region-8x12.yaml"),
        ("seed-noise-baandert.json", "inputs/baandert.yaml"),
        ("seed-noise-westelijke-mijnstreek.json", "inputs/westelijke-mijnstreek.yaml"),
    ]

    @Test(arguments: zip(seeds.map(\.file), seeds.map(\.scenario)))
    func eachOtherSolverSeedOfThePlanCorpusReadsAndIsValid(_ file: String, _ scenarioFile: String) throws {
        let path = Self.root + "/Tests/Fuzz/plan-json/corpus/" + file
        let bytes = try #require(FileManager.default.contents(atPath: path))
        let (plan, diagnostics) = PlanFile.decode([UInt8](bytes), file: file)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let read = try #require(plan)
        let again = PlanFile.decode(Array(PlanFile.encode(read).utf8), file: "again.json").plan
        #expect(again == read.sorted, "written and read again, the same doubles")
        FuzzTarget.planJSON.run([UInt8](bytes))  // a broken promise stops the process
        let scenario = try #require(ScenarioLoader.load(path: Self.root + "/" + scenarioFile).scenario)
        let evaluation = Evaluation(scenario: scenario, plan: read)
        #expect(evaluation.isValid, "\(evaluation.violations)")
    }

    /// The noise seeds hold what the issue reported, so that they stay in
    /// the corpus: a gap of 5.5e-15, 23.999999999997 h where 24 are worked,
    /// -0.0 and a negative noise line.
    @Test func theNoiseSeedsHoldTheReportedNumbers() throws {
        let corpus = Self.root + "/Tests/Fuzz/plan-json/corpus/"
        let text = try String(contentsOfFile: corpus + "seed-noise-baandert.json", encoding: .utf8)
            + String(contentsOfFile: corpus + "seed-noise-westelijke-mijnstreek.json", encoding: .utf8)
        for number in ["5.5e-15", "23.999999999997", "-0.0", "-1e-13", "1e-300"] {
            #expect(text.contains(number), "\(number)")
        }
    }
}
