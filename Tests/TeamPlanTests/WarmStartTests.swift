import Foundation
import Testing
@testable import TeamPlan

/// A re-solve starts from the plan it already has (explain's base plan,
/// the plan whose continuity is priced): what of it still holds goes into
/// the first plan, which is valid, never worse than the plan built from
/// nothing, and the search still ends at the optimum.
@Suite struct WarmStartTests {
    /// Tiny scenarios, each changed the ways explain changes them, started
    /// from the unchanged scenario's optimal plan: brute force decides.
    @Test func aReSolveFromThePlanItHasIsValidNeverWorseThanColdAndOptimal() throws {
        var reachedOptimumWarm = 0, reachedOptimumCold = 0, cases = 0
        for seed in UInt64(1)...120 {
            var random = RandomCases(rng: SplitMix64(state: seed * 104_729))
            let base = random.tinyScenario()
            guard let start = BruteForce.best(base).plan else { continue }
            let changes: [ScenarioChange] = [.leave, .teamSize, .workerHours, .budgetScale(stream: base.funding.first?.id ?? "", factor: 0.5)]
            for change in changes {
                let changed = change.apply(to: base)
                let expected = BruteForce.optimum(changed)
                let cold = try #require(GreedyPlan.plan(changed), "seed \(seed) \(change)")
                let warm = try #require(GreedyPlan.plan(changed, startingFrom: start), "seed \(seed) \(change)")
                #expect(warm.evaluation.violations.isEmpty, "seed \(seed) \(change): \(warm.evaluation.violations)")
                #expect(warm.evaluation.terms.objective <= cold.evaluation.terms.objective + 1e-9, "seed \(seed) \(change)")
                #expect(warm.evaluation.terms.objective >= expected - 1e-6 * max(1, expected), "seed \(seed) \(change)")
                cases += 1
                if abs(warm.evaluation.terms.objective - expected) <= 1e-6 * max(1, expected) { reachedOptimumWarm += 1 }
                if abs(cold.evaluation.terms.objective - expected) <= 1e-6 * max(1, expected) { reachedOptimumCold += 1 }
                if seed % 4 == 0 {
                    let result = try Planner.solve(changed, startingFrom: start)
                    #expect(result.status == .optimal, "seed \(seed) \(change)")
                    #expect(abs((result.objective ?? .infinity) - expected) <= 1e-6 * max(1, expected), "seed \(seed) \(change)")
                }
            }
        }
        // The start must matter: from the optimum of a scenario that a change
        // relaxed, the first plan is the optimum more often than from nothing.
        #expect(reachedOptimumWarm > reachedOptimumCold, "warm \(reachedOptimumWarm), cold \(reachedOptimumCold) of \(cases)")
    }

    /// From the scenario's own optimal plan, the first plan is that plan's
    /// objective or better on a generated region (nothing of it is lost).
    @Test func fromItsOwnPlanTheFirstPlanKeepsWhatThePlanHad() throws {
        let scenario = try #require(ScenarioLoader.load(path: Executable.packageRoot + "/inputs/westelijke-mijnstreek.yaml").scenario)
        let solved = try Planner.solve(scenario)
        let plan = try #require(solved.plan)
        let cold = try #require(GreedyPlan.plan(scenario))
        let warm = try #require(GreedyPlan.plan(scenario, startingFrom: plan))
        #expect(warm.evaluation.violations.isEmpty)
        #expect(warm.evaluation.terms.objective < cold.evaluation.terms.objective)
        let kept = Set(warm.plan.sessions).intersection(plan.sessions).count
        #expect(kept >= plan.sessions.count * 9 / 10, "\(kept) of \(plan.sessions.count) sessions kept")
    }
}

/// Where a solve's time went (the summary's last line).
@Suite struct SolveTimelineTests {
    @Test func theTimelineIsDatedInOrderAndTheProofClosesIt() throws {
        for name in ["baandert", "westelijke-mijnstreek"] {
            let scenario = try #require(ScenarioLoader.load(path: Executable.packageRoot + "/inputs/\(name).yaml").scenario)
            let result = try Planner.solve(scenario)
            let t = result.timeline
            #expect(result.status == .optimal)
            let first = try #require(t.firstPlan), last = try #require(t.lastImprovement), proven = try #require(t.proven)
            let one = try #require(t.withinOnePercent), half = try #require(t.withinHalfPercent)
            #expect(first <= last && last <= proven && proven == result.seconds, "\(name): \(t)")
            #expect(one <= half && half <= proven, "\(name): \(t)")
        }
    }

    /// The tracker dates each better plan and the first report within 1 %
    /// and 0.5 %; what the reports never showed is dated at the end.
    @Test func theTrackerDatesImprovementsAndGapsAsReported() {
        let forwarded = Locked(0)
        let tracker = SolveTracker(started: Date(), forward: { _ in forwarded.withLock { $0 += 1 } })
        tracker.observe(SolveProgress(seconds: 0, incumbent: 100))
        tracker.observe(SolveProgress(seconds: 0, incumbent: 90, bound: 89, mipGap: 0.009))
        var random = RandomCases(rng: SplitMix64(state: 7))
        let scenario = random.tinyScenario()
        let empty = Plan(scenario: scenario.name, status: .feasible)
        var result = SolveResult(readFrom: empty, evaluation: Evaluation(scenario: scenario, plan: empty))
        result.origin = .solved
        result.objective = 85
        result.mipGap = 0.004
        result.seconds = 99
        let t = tracker.timeline(of: result)
        #expect(t.firstPlan != nil && t.firstPlan! < 99)
        #expect(t.withinOnePercent != nil && t.withinOnePercent! < 99)
        #expect(t.withinHalfPercent == 99, "0.5 % first reached by the answer itself")
        #expect(t.lastImprovement == 99, "the answer (85) is better than any report (90)")
        #expect(t.proven == nil)
        #expect(forwarded.withLock { $0 } == 2, "each better plan is passed on at once")
    }
}
