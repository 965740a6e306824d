import Foundation
import Testing
@testable import TeamPlan

/// The plan built at once (GreedyPlan), before any search: it must keep
/// every hard rule on every scenario, because it is the answer whenever the
/// search finds nothing better in its time. (On 250 tiny scenarios against
/// brute force: `SolverTests.theSolverFindsTheBruteForceOptimumOfTinyScenarios`.)
@Suite struct GreedyPlanTests {
    /// Scenarios of every bench size from `bench/generate`, seeds the
    /// bench does not report on, and the project's own scenarios.
    @Test(arguments: ["8x12", "15x25", "25x40", "40x60"])
    func thePlanBuiltAtOnceKeepsEveryRuleOnGeneratedRegions(size: String) throws {
        let folder = TemporaryFolder()
        for seed in 101...103 {
            let file = folder.path + "/r-\(seed).yaml"
            let made = try Executable.run([Executable.packageRoot + "/bench/generate", size, "\(seed)", "-o", file],
                                          program: Python.interpreter)
            #expect(made.status == 0, "\(made.stderr)")
            let scenario = try #require(ScenarioLoader.load(path: file).scenario, "\(size) seed \(seed)")
            let first = try #require(GreedyPlan.plan(scenario), "\(size) seed \(seed)")
            #expect(first.evaluation.violations.isEmpty, "\(size) seed \(seed): \(first.evaluation.violations)")
            #expect(!first.plan.sessions.isEmpty, "\(size) seed \(seed)")
        }
    }

    @Test(arguments: ["inputs/westelijke-mijnstreek.yaml", "inputs/baandert.yaml", "bench/region-8x12.yaml",
                      "bench/region-15x25.yaml", "bench/region-25x40.yaml", "bench/region-40x60.yaml"])
    func thePlanBuiltAtOnceKeepsEveryRuleOnTheProjectsScenarios(path: String) throws {
        let scenario = try #require(ScenarioLoader.load(path: Executable.packageRoot + "/" + path).scenario)
        let first = try #require(GreedyPlan.plan(scenario))
        #expect(first.evaluation.violations.isEmpty, "\(first.evaluation.violations)")
        #expect(first.plan.funding.allSatisfy { $0.hours > 0 })
    }

    @Test func theSamePlanEveryTime() throws {
        let scenario = try #require(ScenarioLoader.load(path: Executable.packageRoot + "/bench/region-15x25.yaml").scenario)
        #expect(GreedyPlan.plan(scenario)?.plan == GreedyPlan.plan(scenario)?.plan)
    }
}

/// Numbers a solver reports while it searches, shown to people.
@Suite struct SearchNumbersTests {
    /// GLPK's gap is DBL_MAX while it has no incumbent of its own; a
    /// progress line once trapped on it converting to Int.
    @Test func aHugeOrNonFiniteGapIsADashNotATrap() {
        #expect(Format.percent(Double.greatestFiniteMagnitude) == "–")
        #expect(Format.percent(.infinity) == "–")
        #expect(Format.percent(.nan) == "–")
        #expect(Format.percent(0.125) == "12.5 %")
    }

    /// The cutoff keeps every plan at least one lattice step better, however
    /// large the objective (a slack of a millionth of 1,326,030 once cut off
    /// the plan one pair fewer, and the search then called the first plan optimal).
    @Test func theCutoffKeepsAPlanOneStepBetterAtAnySize() {
        for objective in [3.0, 52_012, 1_326_030, 2.5e9] {
            let cutoff = Planner.cutoff(below: objective, step: 1)
            #expect(cutoff >= objective - 1 && cutoff < objective, "\(objective): \(cutoff)")
        }
        #expect(Planner.cutoff(below: 1_326_030, step: nil) < 1_326_030)
    }

    /// Before its root LP GLPK's bound is −DBL_MAX: no bound is shown, and the
    /// gap is measured from the best plan so far.
    @Test func progressWithTheFirstPlanShowsNoBoundBeforeTheRootAndTheFirstPlansGap() {
        let seen = Locked<[SolveProgress]>([])
        let report = Planner.withFirstPlan(1000) { p in seen.withLock { $0.append(p) } }
        report(SolveProgress(seconds: 1, incumbent: nil, bound: -Double.greatestFiniteMagnitude, mipGap: .greatestFiniteMagnitude))
        report(SolveProgress(seconds: 2, incumbent: nil, bound: 900, mipGap: nil))
        let reports = seen.withLock { $0 }
        #expect(reports[0].incumbent == 1000 && reports[0].bound == nil && reports[0].mipGap == nil)
        #expect(reports[1].incumbent == 1000 && abs((reports[1].mipGap ?? 0) - 0.1) < 1e-9)
    }
}
