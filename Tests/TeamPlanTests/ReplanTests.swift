import Foundation
import Testing
@testable import TeamPlan

/// model.md, "Replanning from a date", built by hand here (history counted
/// occurrence by occurrence, not by Evaluation) and solved by brute force.
enum RestByHand {
    /// Hours history worked at each practice and activity under the current plan.
    static func historyHours(_ s: Scenario, _ plan: Plan, weeks: Int) -> [String: [Activity: Double]] {
        let calendar = QuarterCalendar(s)
        var hours: [String: [Activity: Double]] = [:]
        for session in plan.sessions {
            let p = s.practice(session.practice)!, w = s.worker(session.worker)!, slot = Slot(name: session.slot)!
            for week in 1..<(weeks + 1) where calendar.isOpen(week: week, slot: slot) {
                let backupPresent = plan.backups.contains {
                    $0.practice == p.id && calendar.isPresent(s.worker($0.worker)!, week: week, slot: slot)
                }
                guard calendar.isPresent(w, week: week, slot: slot) || backupPresent else { continue }
                hours[p.id, default: [:]][.contact, default: 0] += p.sessionHours
                hours[p.id, default: [:]][.admin, default: 0] += p.sessionHours * s.overhead.adminPerContactHour
                hours[p.id, default: [:]][.travel, default: 0] += s.overhead.travelHoursPerVisit
            }
        }
        for p in s.practices where plan.sessions.contains(where: { $0.practice == p.id }) {
            if let mdo = p.mdo, weeks > 0 {
                hours[p.id, default: [:]][.mdo, default: 0] += mdo.hours * Double((weeks + mdo.everyWeeks - 1) / mdo.everyWeeks)
            }
        }
        return hours
    }

    static func rest(_ s: Scenario, _ plan: Plan, week k: Int) -> Scenario {
        let hours = historyHours(s, plan, weeks: k - 1)
        var spent: [String: Double] = [:]
        for (practice, byActivity) in hours {
            for (activity, worked) in byActivity {
                let lines = plan.funding.filter { $0.practice == practice && $0.activity == activity }
                let total = lines.reduce(0) { $0 + $1.hours }
                guard total > 0 else { continue }
                for line in lines { spent[line.stream, default: 0] += worked * line.hours / total }
            }
        }
        var rest = s
        rest.quarter = Quarter(start: s.quarter.start.adding(days: 7 * (k - 1)), weeks: s.quarter.weeks - k + 1)
        rest.previous = PreviousPlan(path: "current.json", pairs: Array(plan.regularPairs).sorted(), sessions: plan.sessions.sorted())
        for i in rest.funding.indices {
            let left = max(0, s.funding[i].budgetHours - (spent[s.funding[i].id] ?? 0))
            rest.funding[i].budget = .hours(left)
        }
        return rest
    }
}

@Suite(.serialized) struct ReplanTests {
    @Test func theReplanIsTheBruteForceOptimumOfTheRestScenarioBuiltByHand() throws {
        var replanned = 0, cut = 0
        for seed in UInt64(1)...120 {
            var cases = RandomCases(rng: SplitMix64(state: seed * 15_485_863))
            var s = cases.tinyScenario()
            s.previous = nil
            let current = try #require(try Planner.solve(s).plan)
            // Something changes: a worker falls ill for a while, maybe a budget is cut.
            let ill = cases.pick(Array(s.workers.indices))
            let sick = s.quarter.start.adding(days: cases.int(0...(7 * s.quarter.weeks - 1)))
            s.workers[ill].leave.append(DateRange(from: sick, to: sick.adding(days: cases.int(3...20))))
            if cases.chance(0.3) { s.funding[0].budget = .hours(s.funding[0].budgetHours * 0.05) }
            let from = s.quarter.start.adding(days: cases.int(0...(7 * s.quarter.weeks - 1)))
            let replanning = try Replanning(scenario: s, current: current, currentPath: "current.json", from: from)
            let byHand = RestByHand.rest(s, current, week: replanning.week)
            #expect(replanning.rest.quarter == byHand.quarter, "seed \(seed)")
            for (mine, theirs) in zip(replanning.rest.funding, byHand.funding) {
                #expect(abs(mine.budgetHours - theirs.budgetHours) <= 1e-6 * max(1, theirs.budgetHours),
                        "seed \(seed): \(mine.id) \(mine.budgetHours) h left, by hand \(theirs.budgetHours)")
            }
            if !replanning.overspent.isEmpty { cut += 1 }
            let expected = BruteForce.optimum(byHand)
            try BruteForce.expectOptimum(try Planner.solve(replanning.rest, startingFrom: current), expected, seed: seed)
            if replanning.week > 1 { replanned += 1 }
        }
        #expect(replanned >= 60 && cut >= 3, "\(replanned) replans after week 1, \(cut) with a budget history overspent")
    }

    @Test func aReplanFromTheFirstWeekIsThePlanWithTheCurrentPlanAsPrevious() throws {
        var cases = RandomCases(rng: SplitMix64(state: 77))
        for _ in 0..<20 {
            var s = cases.tinyScenario()
            s.previous = nil
            let current = try #require(try Planner.solve(s).plan)
            let replanning = try Replanning(scenario: s, current: current, currentPath: "current.json",
                                            from: s.quarter.start.adding(days: cases.int(0...6)))
            #expect(replanning.week == 1 && replanning.history == nil)
            var withPrevious = s
            withPrevious.previous = PreviousPlan(path: "current.json", pairs: Array(current.regularPairs).sorted(), sessions: current.sessions.sorted())
            let a = try Planner.solve(replanning.rest), b = try Planner.solve(withPrevious)
            #expect(a.objective == b.objective)
            #expect(replanning.rest.quarter == s.quarter)
            #expect(zip(replanning.rest.funding, s.funding).allSatisfy { $0.budgetHours == $1.budgetHours })
        }
    }

    @Test func aDateOutsideTheQuarterIsSaidInTheUsersWords() throws {
        var cases = RandomCases(rng: SplitMix64(state: 5))
        let s = cases.tinyScenario()
        let plan = Plan(scenario: s.name, status: .feasible)
        #expect(throws: Replanning.Problem.self) {
            try Replanning(scenario: s, current: plan, currentPath: "p.json", from: s.quarter.end.adding(days: 1))
        }
    }
}
