import Foundation
import Testing
@testable import TeamPlan

/// Tiny scenarios whose every plan can be listed: 2 workers, 2 practices,
/// 2–3 slots, a few weeks with leave and maybe a holiday, backups, two
/// streams with tight budgets, sometimes a team size.
extension RandomCases {
    mutating func tinyScenario() -> Scenario {
        // Around Easter and King's Day 2027, so holidays fall in some quarters.
        let start = LocalDate(iso: "2027-03-15")!.adding(days: 7 * int(0...6))
        let weeks = int(2...5)
        let slots = [Slot(day: .mon, part: "am"), Slot(day: .tue, part: "am"), Slot(day: .tue, part: "pm")]
            .prefix(int(2...3))
        func someSlots() -> [Slot] {
            let chosen = slots.filter { _ in chance(0.7) }
            return chosen.isEmpty ? [slots.first!] : Array(chosen)
        }
        let skills = ["debts", "ggz"]
        var workers: [Worker] = []
        for i in 0..<2 {
            var leave: [DateRange] = []
            if chance(0.6) {
                let from = start.adding(days: int(0...(7 * weeks - 1)))
                leave.append(DateRange(from: from, to: from.adding(days: int(0...9))))
            }
            let hours = Double(int(3...12))
            workers.append(Worker(id: "w\(i)", hoursPerWeek: hours, reservedHours: chance(0.3) ? 1 : 0,
                                  available: someSlots(), skills: subset(skills, 0.7), maxPractices: int(1...2),
                                  leave: leave, canSubstitute: chance(0.85)))
        }
        var practices: [Practice] = []
        for i in 0..<2 {
            practices.append(Practice(
                id: "p\(i)", municipality: i == 0 ? "m1" : pick(["m1", "m2"]), sessionsPerWeek: int(0...2),
                sessionHours: Double(int(2...6)) * 0.5, open: someSlots(), requiresSkills: subset(skills, 0.25),
                mdo: chance(0.5) ? MDORule(everyWeeks: int(1...3), hours: 1) : nil,
                backups: int(0...2), maxWorkers: int(1...2), priority: Double(int(1...3))))
        }
        var funding: [FundingStream] = []
        for i in 0..<2 {
            var pays = subset(Activity.allCases, 0.8)
            if pays.isEmpty { pays = [.contact] }
            let scope: FundingStream.Scope = i == 0 ? .everyPractice : pick([.municipalities(["m1"]), .practices(["p1"])])
            funding.append(FundingStream(id: "s\(i)", budget: .hours(Double(int(0...12)) * 4), paysFor: pays, scope: scope))
        }
        return Scenario(
            name: "tiny", quarter: Quarter(start: start, weeks: weeks), holidayRule: .nl,
            days: [.mon, .tue],
            overhead: Overhead(adminPerContactHour: Double(int(0...2)) * 0.25, travelHoursPerVisit: Double(int(0...1)) * 0.25,
                               mdo: MDORule(everyWeeks: 2, hours: 1)),
            objective: ObjectiveWeights(gapWeight: pick([1000, 10, 1]), missingBackupWeight: pick([100, 3, 0]),
                                        pairWeight: pick([1, 0, 7]), continuityWeight: pick([50, 2])),
            teamSize: chance(0.25) ? 1 : nil,
            previous: chance(0.3) ? PreviousPlan(path: "q.json", pairs: [.init(worker: "w0", practice: "p0")]) : nil,
            workers: workers, practices: practices, funding: funding)
    }
}

/// model.md by enumeration: the least objective over every valid plan.
enum BruteForce {
    static func optimum(_ s: Scenario) -> Double { best(s).objective }

    /// The solver's answer is proven optimal, has the brute-force optimum
    /// and breaks no rule: its evaluation.
    @discardableResult
    static func expectOptimum(_ result: SolveResult, _ expected: Double, seed: UInt64,
                              sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Evaluation {
        #expect(result.status == .optimal, "seed \(seed)", sourceLocation: sourceLocation)
        let objective = try #require(result.objective, "seed \(seed)", sourceLocation: sourceLocation)
        #expect(abs(objective - expected) <= 1e-6 * max(1, expected), "seed \(seed): solver \(objective), brute force \(expected)",
                sourceLocation: sourceLocation)
        let e = try #require(result.evaluation, sourceLocation: sourceLocation)
        #expect(e.violations.isEmpty, "seed \(seed): \(e.violations)", sourceLocation: sourceLocation)
        return e
    }

    static func best(_ s: Scenario) -> (objective: Double, plan: Plan?) {
        var bestPlan: Plan?
        var best = Double.infinity
        everyPlan(s, skipping: { $0 >= best }) { plan, e in
            if fundable(e, s) {
                best = e.terms.objective
                bestPlan = plan
            }
        }
        return (best, bestPlan)
    }

    /// Every plan that breaks no rule but H8 (whose funding the caller
    /// decides), with its evaluation; `skipping` an objective leaves the
    /// plan out before its rules are judged.
    static func everyPlan(_ s: Scenario, skipping: (Double) -> Bool = { _ in false }, _ body: (Plan, Evaluation) -> Void) {
        let triples = s.workers.flatMap { w in
            s.practices.flatMap { p in
                p.open.filter { w.isEligible(for: p) && w.available.contains($0) }.map { session(w.id, p.id, $0.name) }
            }
        }
        for mask in 0..<(1 << triples.count) {
            let sessions = triples.indices.filter { mask & (1 << $0) != 0 }.map { triples[$0] }
            // Cheap necessary conditions (H2, H3); Evaluation judges the rest.
            if Set(sessions.map { "\($0.worker) \($0.slot)" }).count < sessions.count { continue }
            if Set(sessions.map { "\($0.practice) \($0.slot)" }).count < sessions.count { continue }
            if s.practices.contains(where: { p in sessions.filter { $0.practice == p.id }.count > p.sessionsPerWeek }) { continue }
            // MDO: one regular of each served practice that has an MDO (H7).
            var mdoChoices: [[Plan.Role]] = [[]]
            for p in s.practices where p.mdo != nil {
                let regulars = Array(Set(sessions.filter { $0.practice == p.id }.map(\.worker))).sorted()
                if regulars.isEmpty { continue }
                mdoChoices = mdoChoices.flatMap { chosen in regulars.map { chosen + [role($0, p.id)] } }
            }
            // Backups: any set of workers per practice (H6 judged by Evaluation).
            let pairs = s.workers.flatMap { w in s.practices.map { role(w.id, $0.id) } }
            for mdo in mdoChoices {
                for backupMask in 0..<(1 << pairs.count) {
                    let backups = pairs.indices.filter { backupMask & (1 << $0) != 0 }.map { pairs[$0] }
                    let plan = Plan(scenario: s.name, status: .feasible, sessions: sessions, backups: backups, mdo: mdo)
                    let e = Evaluation(scenario: s, plan: plan)
                    if skipping(e.terms.objective) { continue }
                    guard e.violations.allSatisfy({ $0.rule == .h8 }) else { continue }
                    body(plan, e)
                }
            }
        }
    }

    /// Can the streams pay every hour worked? (Hall's condition for a
    /// transportation problem: for every set of streams, the hours only they
    /// can pay fit in their budgets.)
    static func fundable(_ e: Evaluation, _ s: Scenario) -> Bool {
        var demands: [(hours: Double, payers: Set<Int>)] = []
        for result in e.practices {
            let practice = s.practice(result.id)!
            for activity in Activity.allCases {
                let hours = result.hours[activity] ?? 0
                guard hours > 1e-9 else { continue }
                let payers = Set(s.funding.indices.filter { s.funding[$0].pays(for: activity) && s.funding[$0].covers(practice) })
                if payers.isEmpty { return false }
                demands.append((hours, payers))
            }
        }
        for mask in 1..<(1 << s.funding.count) {
            let set = Set(s.funding.indices.filter { mask & (1 << $0) != 0 })
            let need = demands.filter { $0.payers.isSubset(of: set) }.reduce(0) { $0 + $1.hours }
            let budget = set.reduce(0) { $0 + s.funding[$1].budgetHours }
            if need > budget + 1e-7 { return false }
        }
        return true
    }
}

@Suite(.serialized) struct SolverTests {
    @Test func theSolverFindsTheBruteForceOptimumOfTinyScenarios() throws {
        var nonTrivial = 0, firstNonEmpty = 0
        for seed in UInt64(1)...250 {
            var cases = RandomCases(rng: SplitMix64(state: seed * 7919))
            let s = cases.tinyScenario()
            let expected = BruteForce.optimum(s)
            let result = try Planner.solve(s)
            try BruteForce.expectOptimum(result, expected, seed: seed)
            if !(result.plan?.sessions.isEmpty ?? true) { nonTrivial += 1 }
            // The plan built at once, the search's first incumbent: valid, and never better than the optimum.
            let first = try #require(GreedyPlan.plan(s), "seed \(seed)")
            #expect(first.evaluation.violations.isEmpty, "seed \(seed): \(first.evaluation.violations)")
            #expect(first.evaluation.terms.objective >= expected - 1e-6 * max(1, expected), "seed \(seed)")
            if !first.plan.sessions.isEmpty { firstNonEmpty += 1 }
        }
        #expect(nonTrivial >= 100, "most tiny scenarios should hold sessions; \(nonTrivial) did")
        #expect(firstNonEmpty >= 100, "the first plan holds sessions in most; it did in \(firstNonEmpty)")
    }

    @Test func bothInputsPlanToProvenOptimalityAndVerify() throws {
        for name in ["baandert", "westelijke-mijnstreek", "westelijke-mijnstreek-steered"] {
            let loaded = ScenarioLoader.load(path: Executable.packageRoot + "/inputs/\(name).yaml")
            let s = try #require(loaded.scenario)
            let result = try Planner.solve(s)
            #expect(result.status == .optimal)
            let plan = try #require(result.plan)
            let e = Evaluation(scenario: s, plan: plan)
            #expect(e.isValid, "\(e.violations)")
            #expect(abs(e.terms.objective - (plan.objective ?? -1)) < 1e-6)
        }
    }

    @Test func theSameScenarioGivesTheSamePlanByteForByte() throws {
        let s = try #require(ScenarioLoader.load(path: Executable.packageRoot + "/inputs/westelijke-mijnstreek.yaml").scenario)
        let first = try #require(try Planner.solve(s).plan)
        let second = try #require(try Planner.solve(s).plan)
        #expect(PlanFile.encode(first, timing: false) == PlanFile.encode(second, timing: false))
    }

    @Test func theObjectiveStepIsTheGreatestCommonDivisorOfTheTerms() throws {
        let s = try #require(loadScenario(Fixture.scenario).scenario)
        // gap 1000 × priority 1 × 2 h = 2000; 100; 1; 50 → 1.
        #expect(Planner.objectiveStep(s) == 1)
        var coarse = s
        coarse.objective = ObjectiveWeights(gapWeight: 1000, missingBackupWeight: 100, pairWeight: 0, continuityWeight: 50,
                                            sessionChangeWeight: 30)
        // Continuity and session changes vary only with a previous plan to keep.
        #expect(Planner.objectiveStep(coarse) == 100)
        coarse.previous = PreviousPlan(path: "q.json", pairs: [.init(worker: "anja", practice: "baandert")])
        #expect(Planner.objectiveStep(coarse) == 50)
        coarse.previous?.sessions = [.init(worker: "anja", practice: "baandert", slot: "tue-am")]
        #expect(Planner.objectiveStep(coarse) == 10)
        // Each preference weighs preference_weight × |weight|.
        coarse.preferences = [Preference(worker: "ben", practice: "baandert", weight: -0.5)]
        #expect(Planner.objectiveStep(coarse) == 5)
        coarse.objective.pairWeight = 0.25
        #expect(Planner.objectiveStep(coarse) == 0.25)
    }

    @Test func aPracticeNoStreamMayPayGetsNoSessions() throws {
        let text = Fixture.replacing("    pays_for: [contact, admin, travel, mdo]", with: "    pays_for: [contact, admin, mdo]")
        let s = try #require(loadScenario(text).scenario)
        let result = try Planner.solve(s)
        #expect(result.plan?.sessions.isEmpty == true, "travel cannot be paid, so no session can be held")
        #expect(result.evaluation?.terms.gapHours == 26)
    }
}
