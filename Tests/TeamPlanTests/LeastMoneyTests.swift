import Foundation
import Testing
@testable import TeamPlan

/// The least money among the plans of the best objective, by enumeration:
/// every valid plan's objective; of those at the optimum, each one's
/// cheapest funding (two streams: the cheaper pays all it may, within its
/// budget, after the hours only it can pay).
enum LeastMoneyBruteForce {
    static func answer(_ s: Scenario) -> (objective: Double, money: Double) {
        var best = Double.infinity, least = Double.infinity
        BruteForce.everyPlan(s, skipping: { $0 > best + 1e-6 * max(1, best) }) { _, e in
            let objective = e.terms.objective
            guard let money = cheapestFunding(e, s) else { return }
            if best == .infinity || objective < best - 1e-6 * max(1, best) {
                best = objective
                least = money
            } else {
                least = min(least, money)
            }
        }
        return (best, least)
    }

    /// The least money that pays every hour of `e` (nil when the budgets cannot).
    static func cheapestFunding(_ e: Evaluation, _ s: Scenario) -> Double? {
        precondition(s.funding.count == 2)
        let (_, perHour) = LeastMoney.costs(s)
        let cost = s.funding.map { perHour[$0.id]! }
        let cheap = cost[0] <= cost[1] ? 0 : 1, dear = 1 - cheap
        var onlyCheap = 0.0, onlyDear = 0.0, both = 0.0
        for result in e.practices {
            let practice = s.practice(result.id)!
            for activity in Activity.allCases {
                let hours = result.hours[activity] ?? 0
                guard hours > 1e-9 else { continue }
                let pays = s.funding.map { $0.pays(for: activity) && $0.covers(practice) }
                switch (pays[cheap], pays[dear]) {
                case (true, true): both += hours
                case (true, false): onlyCheap += hours
                case (false, true): onlyDear += hours
                case (false, false): return nil
                }
            }
        }
        let tolerance = 1e-7
        let toCheap = min(both, s.funding[cheap].budgetHours - onlyCheap)
        guard toCheap >= -tolerance, onlyDear + both - max(0, toCheap) <= s.funding[dear].budgetHours + tolerance else { return nil }
        return cost[cheap] * (onlyCheap + max(0, toCheap)) + cost[dear] * (onlyDear + both - max(0, toCheap))
    }
}

@Suite(.serialized) struct LeastMoneyTests {
    /// A tiny scenario whose streams may carry a tariff (euros), or none (hours).
    static func tiny(_ seed: UInt64) -> Scenario {
        var cases = RandomCases(rng: SplitMix64(state: seed * 104_729))
        var s = cases.tinyScenario()
        for index in s.funding.indices {
            s.funding[index].ratePerHour = cases.pick([nil, 50, 80, 82.5])
        }
        return s
    }

    @Test func theLeastMoneyPlanHasTheBruteForceOptimumAndItsLeastMoney() throws {
        var options = SolveOptions()
        options.leastMoney = true
        var cheaperThanFirst = 0, euros = 0
        for seed in UInt64(1)...150 {
            let s = Self.tiny(seed)
            let expected = LeastMoneyBruteForce.answer(s)
            let result = try Planner.solve(s, options: options)
            let e = try BruteForce.expectOptimum(result, expected.objective, seed: seed)
            let least = try #require(result.leastMoney, "seed \(seed)")
            #expect(least.proven, "seed \(seed)")
            #expect(abs(least.money - expected.money) <= 1e-6 * max(1, expected.money),
                    "seed \(seed): least money \(least.money), brute force \(expected.money)")
            // Evaluation's count of the plan's money is the tie-break's.
            #expect(abs(LeastMoney.money(e, scenario: s) - least.money) <= 1e-6 * max(1, least.money), "seed \(seed)")
            #expect(least.money <= least.before + 1e-9, "seed \(seed)")
            if least.money < least.before - 1e-6 { cheaperThanFirst += 1 }
            if least.unit == .euros { euros += 1 }
        }
        // The tie-break must have had something to do, in both units.
        #expect(cheaperThanFirst >= 10, "the tie-break lowered the money in \(cheaperThanFirst) of 150")
        #expect(euros >= 50 && euros <= 145, "\(euros) of 150 in euros")
    }

    /// A larger budget admits every plan of a smaller one: where the best
    /// objective is the same, the least money is never more.
    @Test func atEqualObjectiveALargerBudgetNeverCostsMore() throws {
        var options = SolveOptions()
        options.leastMoney = true
        var equalPairs = 0
        for seed in UInt64(1)...60 {
            let base = Self.tiny(seed)
            var answers: [(objective: Double, money: Double)] = []
            for scale in [1.0, 1.25, 1.5, 2.0] {
                var s = base
                for index in s.funding.indices {
                    if case .hours(let hours) = s.funding[index].budget { s.funding[index].budget = .hours(hours * scale) }
                }
                let result = try Planner.solve(s, options: options)
                let least = try #require(result.leastMoney)
                #expect(least.proven, "seed \(seed) ×\(scale)")
                answers.append((try #require(result.objective), least.money))
            }
            for i in answers.indices {
                for j in answers.indices where j > i && abs(answers[i].objective - answers[j].objective) <= 1e-6 * max(1, answers[i].objective) {
                    equalPairs += 1
                    #expect(answers[j].money <= answers[i].money + 1e-6 * max(1, answers[i].money),
                            "seed \(seed): the larger budget spends \(answers[j].money), the smaller \(answers[i].money)")
                }
            }
        }
        #expect(equalPairs >= 50, "only \(equalPairs) pairs of budgets with equal objectives")
    }

    /// GLPK, but the money search answers with the empty plan — valid, and
    /// above the best objective, as a plan that the solver's tolerance on
    /// the objective row let in would be.
    struct TolerantBackend: SolverBackend {
        func solve(_ model: LinearModel, options: SolveOptions, objectiveStep: Double?, control: SolveControl?,
                   progress: (@Sendable (SolveProgress) -> Void)?) throws -> RawSolution {
            guard model.rows.contains(where: { $0.name == "money" }) else {
                return try GLPKBackend().solve(model, options: options, objectiveStep: objectiveStep, control: control, progress: progress)
            }
            return RawSolution(status: .optimal, values: Array(repeating: 0, count: model.variables.count), objective: 0, bound: 0, gap: 0,
                               seconds: 0)
        }

        func modelText(_ model: LinearModel, format: ModelFormat) throws -> String {
            try GLPKBackend().modelText(model, format: format)
        }
    }

    /// A money search's plan a hair above the best objective is not one of
    /// the best plans: it is not taken, nothing is proven, and it is not an
    /// internal error (it was exit 70).
    @Test func aMoneySearchPlanAboveTheBestObjectiveIsRejectedNotAnError() throws {
        var options = SolveOptions()
        options.leastMoney = true
        options.backend = TolerantBackend()
        var rejected = 0
        for seed in UInt64(1)...40 {
            let s = Self.tiny(seed)
            let result = try Planner.solve(s, options: options)
            let least = try #require(result.leastMoney)
            guard least.ending != .proven else { continue }   // nothing to search (no cost) or proven infeasible: no plan came back
            #expect(least.ending == .rejected, "seed \(seed): \(least.ending)")
            #expect(Evaluation(scenario: s, plan: try #require(result.plan)).violations.isEmpty)
            let objective = try #require(result.objective), evaluated = try #require(result.evaluation).terms.objective
            #expect(evaluated <= objective + 1e-9)
            rejected += 1
        }
        #expect(rejected >= 10, "the money search answered in only \(rejected) of 40")
    }

    /// plan.json keeps the tie-break, so that `report` says it again and
    /// `verify` checks its money against the plan's funding.
    @Test func planJSONKeepsTheLeastMoneyAndVerifyChecksIt() throws {
        var options = SolveOptions()
        options.leastMoney = true
        // The first tiny scenario whose plan spends euros, with a stream without a tariff.
        var found: (Scenario, SolveResult, LeastMoney)?
        for seed in UInt64(1)...300 where found == nil {
            let s = Self.tiny(seed)
            guard s.funding.contains(where: { $0.ratePerHour == nil }), s.funding.contains(where: { $0.ratePerHour != nil }) else { continue }
            let result = try Planner.solve(s, options: options)
            if let least = result.leastMoney, least.money > 1, !least.unpriced.isEmpty { found = (s, result, least) }
        }
        let (s, result, least) = try #require(found)
        let plan = try #require(result.plan)
        let text = PlanFile.encode(plan)
        #expect(text.contains("\"least_money\""))
        let (read, problems) = PlanFile.decode(Array(text.utf8), file: "plan.json")
        #expect(problems.isEmpty, "\(problems)")
        let back = try #require(read)
        #expect(back.leastMoney?.money == least.money && back.leastMoney?.ending == least.ending && back.leastMoney?.unit == least.unit)
        let evaluation = Evaluation(scenario: s, plan: back)
        #expect(evaluation.violations.isEmpty, "\(evaluation.violations)")
        let fromFile = SolveResult(readFrom: back, evaluation: evaluation)
        #expect(PlanReport.html(fromFile, scenario: s).contains(Language.en.labels.leastMoney(try #require(back.leastMoney))))
        // Whatever it states that is not so is a lie verify names.
        let lies: [(String, (inout LeastMoney) -> Void)] = [
            ("the plan states least money", { $0.money += 100 }),
            ("outside 0 to its money", { $0.bound = $0.money + 100 }),
            ("outside 0 to its money", { $0.bound = -5 }),
            ("the plan states the least money proven, yet a bound", { $0.ending = .proven; $0.bound = $0.money / 2 }),
            ("above what the plan found first cost", { $0.before = $0.money / 2 }),
            ("as without a tariff, but the scenario's are", { $0.unpriced = ["nonexistent"] }),
        ]
        for (message, lie) in lies {
            var told = back
            lie(&told.leastMoney!)
            let evaluation = Evaluation(scenario: s, plan: told)
            #expect(evaluation.violations.contains { $0.rule == .stated && $0.message.contains(message) }, "\(message): \(evaluation.violations)")
        }
    }

    @Test func withoutTheOptionThereIsNoTieBreak() throws {
        let result = try Planner.solve(Self.tiny(3))
        #expect(result.leastMoney == nil)
    }
}

/// What the summary says of the tie-break, in both languages.
@Suite struct LeastMoneyLineTests {
    static func least(_ money: Double, before: Double, bound: Double?, _ ending: LeastMoney.Ending,
                      unit: LeastMoney.Unit = .euros, unpriced: [String] = []) -> LeastMoney {
        LeastMoney(unit: unit, before: before, money: money, bound: bound, ending: ending, unpriced: unpriced, seconds: 0.1)
    }

    @Test func eachWayTheSecondSearchEndsIsSaidApart() {
        let en = Language.en.labels, nl = Language.nl.labels
        #expect(en.leastMoney(Self.least(52839, before: 53263, bound: 52839, .proven))
                == "Least money: € 52,839 — no plan with this objective costs less (the plan found first cost € 53,263).")
        #expect(nl.leastMoney(Self.least(52839, before: 53263, bound: 52839, .proven))
                == "Minste geld: € 52.839 — geen plan met deze doelwaarde kost minder (het eerst gevonden plan kostte € 53.263).")
        #expect(en.leastMoney(Self.least(1000, before: 1000, bound: 900, .timeLimit))
                == "Least money: € 1,000; a plan with this objective might cost as little as € 900 (the time limit stopped the second search).")
        #expect(en.leastMoney(Self.least(1000, before: 1000, bound: 990, .mipGap))
                == "Least money: € 1,000; a plan with this objective might cost as little as € 990 (the second search ended at the --mip-gap asked for).")
        #expect(en.leastMoney(Self.least(1000, before: 1000, bound: nil, .stopped))
                == "Least money: € 1,000; not proven the least (the second search was stopped).")
        #expect(en.leastMoney(Self.least(1000, before: 1000, bound: nil, .noTime))
                == "Least money: € 1,000; not proven the least (the time limit left no time for the second search).")
        #expect(en.leastMoney(Self.least(1000, before: 1000, bound: 950, .rejected))
                .hasPrefix("Least money: € 1,000; not proven the least (the second search's plan was a hair above the best objective"))
        #expect(en.leastMoney(Self.least(120.5, before: 120.5, bound: 120.5, .proven, unit: .hours), from: LocalDate(iso: "2027-02-15"))
                == "Least money from 2027-02-15: 120.5 h paid — no plan with this objective costs less; no stream has a tariff.")
        #expect(en.leastMoney(Self.least(1000, before: 1000, bound: 1000, .proven, unpriced: ["zvw-cz"]))
                == "Least money: € 1,000 — no plan with this objective costs less; hours of zvw-cz (no tariff) count as no money.")
        #expect(nl.leastMoney(Self.least(1000, before: 1000, bound: 1000, .proven, unpriced: ["zvw-cz"]))
                == "Minste geld: € 1.000 — geen plan met deze doelwaarde kost minder; uren van zvw-cz (geen tarief) tellen niet als geld.")
    }
}
