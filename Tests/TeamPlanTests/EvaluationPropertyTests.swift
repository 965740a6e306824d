import Foundation
import Testing
@testable import TeamPlan

/// A small, fast, seedable generator: the same seed gives the same cases.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random scenarios and plans within the limits a scenario file allows.
struct RandomCases {
    var rng: SplitMix64

    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }
    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
    mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }
    mutating func subset<T>(_ items: [T], _ p: Double) -> [T] { items.filter { _ in chance(p) } }

    mutating func scenario() -> Scenario {
        let start = LocalDate(year: 2024, month: 1, day: 1)!.adding(days: 7 * int(0...350))  // a Monday
        let weeks = int(1...26)
        let quarter = Quarter(start: start, weeks: weeks)
        let days = Array(Weekday.workingDays.prefix(int(1...5)))
        let dayParts = DayPart.defaults
        let slots = days.flatMap { d in dayParts.map { Slot(day: d, part: $0.name) } }
        let skills = ["debts", "ggz", "youth"]
        func someDate() -> LocalDate { start.adding(days: int(-20...(7 * weeks + 20))) }
        var workers: [Worker] = []
        for i in 0..<int(1...6) {
            let hours = Double(int(4...40))
            var leave: [DateRange] = []
            for _ in 0..<int(0...2) {
                let from = someDate()
                leave.append(DateRange(from: from, to: from.adding(days: int(0...20))))
            }
            workers.append(Worker(id: "w\(i)", hoursPerWeek: hours, reservedHours: Double(int(0...Int(hours))) * 0.5,
                                  available: subset(slots, 0.6), skills: subset(skills, 0.5), maxPractices: int(0...4),
                                  leave: leave, canSubstitute: chance(0.8)))
        }
        var practices: [Practice] = []
        for i in 0..<int(1...5) {
            var open = subset(slots, 0.4)
            if open.isEmpty { open = [pick(slots)] }
            practices.append(Practice(
                id: "p\(i)", municipality: pick(["m1", "m2"]), sessionsPerWeek: int(0...3),
                sessionHours: Double(int(1...8)) * 0.5, open: open, requiresSkills: subset(skills, 0.2),
                mdo: chance(0.6) ? MDORule(everyWeeks: int(1...4), hours: Double(int(1...4)) * 0.5) : nil,
                backups: int(0...2), maxWorkers: int(1...3), priority: Double(int(1...4)) * 0.5))
        }
        var funding: [FundingStream] = []
        for i in 0..<int(0...3) {
            var pays = subset(Activity.allCases, 0.7)
            if pays.isEmpty { pays = [.contact] }
            let scope: FundingStream.Scope = chance(0.5) ? .everyPractice
                : chance(0.5) ? .municipalities(["m1"]) : .practices(subset(practices.map(\.id), 0.5))
            funding.append(FundingStream(id: "s\(i)", budget: chance(0.5) ? .hours(Double(int(0...3000)))
                                            : .euros(Double(int(0...200_000)), ratePerHour: 80), paysFor: pays, scope: scope))
        }
        let holidays: HolidayRule = chance(0.7) ? .nl : chance(0.5) ? .none : .dates((0..<3).map { _ in someDate() })
        return Scenario(name: "random", quarter: quarter, holidayRule: holidays, closures: (0..<int(0...2)).map { _ in someDate() },
                        dayParts: dayParts, days: days,
                        overhead: Overhead(adminPerContactHour: Double(int(0...4)) * 0.25,
                                           travelHoursPerVisit: Double(int(0...2)) * 0.25,
                                           mdo: MDORule(everyWeeks: 2, hours: 1)),
                        teamSize: chance(0.2) ? int(0...4) : nil,
                        previous: chance(0.3) ? PreviousPlan(path: "p.json", pairs: [.init(worker: "w0", practice: "p0")]) : nil,
                        workers: workers, practices: practices, funding: funding)
    }

    /// Anything at all: names that may not exist, rules that may break.
    mutating func anyPlan(for s: Scenario) -> Plan {
        let workers = s.workers.map(\.id) + ["ghost"]
        let practices = s.practices.map(\.id) + ["nowhere"]
        let slots = s.slots.map(\.name) + ["sun-night"]
        var plan = Plan(scenario: s.name, status: .feasible)
        for _ in 0..<int(0...8) { plan.sessions.append(session(pick(workers), pick(practices), pick(slots))) }
        for _ in 0..<int(0...4) { plan.backups.append(role(pick(workers), pick(practices))) }
        for _ in 0..<int(0...3) { plan.mdo.append(role(pick(workers), pick(practices))) }
        if chance(0.5) { return plan.funded(for: s) }
        for _ in 0..<int(0...5) {
            plan.funding.append(Plan.Funding(stream: pick(s.funding.map(\.id) + ["nobody"]), practice: pick(practices),
                                             activity: pick(Activity.allCases), hours: Double(int(-2...100))))
        }
        return plan
    }

    /// A plan built to the hard rules, greedily: it must be found valid.
    mutating func plan(keepingRulesOf s: Scenario) -> Plan {
        var load = Dictionary(uniqueKeysWithValues: s.workers.map { ($0.id, $0.reservedHours) })
        var busy = Set<String>()  // "worker slot"
        var placesOf: [String: Set<String>] = [:]
        var plan = Plan(scenario: s.name, status: .feasible)
        let o = s.overhead
        for p in s.practices.shuffled(using: &rng) {
            var regulars: [String] = []
            for slot in p.open.shuffled(using: &rng) where regulars.count < p.sessionsPerWeek {
                let cost = p.sessionHours * (1 + o.adminPerContactHour) + o.travelHoursPerVisit
                let mdo = regulars.isEmpty ? (p.mdo?.weeklyHours ?? 0) : 0
                let candidates = s.workers.filter { w in
                    w.isEligible(for: p) && w.available.contains(slot) && !busy.contains("\(w.id) \(slot)")
                        && load[w.id]! + cost + mdo <= w.hoursPerWeek
                        && (placesOf[w.id]?.contains(p.id) == true || (placesOf[w.id]?.count ?? 0) < w.maxPractices)
                        && (regulars.contains(w.id) || Set(regulars).count < p.maxWorkers)
                }
                guard !candidates.isEmpty else { continue }
                let w = pick(candidates)
                plan.sessions.append(session(w.id, p.id, slot.name))
                load[w.id]! += cost + mdo
                busy.insert("\(w.id) \(slot)")
                placesOf[w.id, default: []].insert(p.id)
                if regulars.isEmpty, p.mdo != nil { plan.mdo.append(role(w.id, p.id)) }
                regulars.append(w.id)
            }
        }
        // Backups once every session is placed: a backup must be free in each of them.
        for p in s.practices {
            let held = plan.sessions.filter { $0.practice == p.id }.map(\.slot)
            let regulars = plan.sessions.filter { $0.practice == p.id }.map(\.worker)
            for w in s.workers.shuffled(using: &rng) where !regulars.contains(w.id) && chance(0.5) {
                if w.isEligible(for: p) && w.canSubstitute
                    && held.allSatisfy({ slot in w.available.contains { $0.name == slot } && !busy.contains("\(w.id) \(slot)") })
                {
                    plan.backups.append(role(w.id, p.id))
                }
            }
        }
        return plan.funded(for: s)
    }
}

@Suite struct EvaluationPropertyTests {
    static let seeds: [UInt64] = Array(1...400)

    @Test func everyOccurrenceIsHeldCoveredLostOrClosedAndGapsAreNeverNegative() {
        for seed in Self.seeds {
            var cases = RandomCases(rng: SplitMix64(state: seed))
            let s = cases.scenario()
            let plan = cases.anyPlan(for: s)
            let e = Evaluation(scenario: s, plan: plan)
            for p in e.practices {
                #expect(p.heldByRegular + p.covered + p.lost + p.closed == p.occurrences, "seed \(seed), \(p.id)")
                #expect(p.occurrences == p.sessions * s.quarter.weeks, "seed \(seed)")
                #expect(p.gapHours >= 0, "seed \(seed)")
                #expect(p.weeks.reduce(0) { $0 + $1.gapHours } == p.gapHours, "seed \(seed): weekly gaps add up")
            }
            #expect(e.terms.gapHours >= 0)
            #expect(e.terms.objective >= 0)
        }
    }

    @Test func aValidPlanPaysExactlyTheHoursWorked() {
        var valid = 0
        for seed in Self.seeds {
            var cases = RandomCases(rng: SplitMix64(state: seed))
            let s = cases.scenario()
            for plan in [cases.anyPlan(for: s), cases.plan(keepingRulesOf: s)] {
                let e = Evaluation(scenario: s, plan: plan)
                guard e.isValid else { continue }
                valid += 1
                for p in e.practices {
                    for a in Activity.allCases {
                        #expect(abs((p.hours[a] ?? 0) - p.paidHours(a)) <= 1e-6 * max(1, p.hours[a] ?? 0), "seed \(seed)")
                    }
                }
            }
        }
        #expect(valid >= 100, "the generator must make valid plans too; it made \(valid)")
    }

    /// Plans built by the rules are accepted whenever the money suffices:
    /// Evaluation finds no violation that is not there.
    @Test func aPlanBuiltToTheRulesIsValidWhenTheBudgetsSuffice() {
        var checked = 0
        for seed in Self.seeds {
            var cases = RandomCases(rng: SplitMix64(state: seed))
            var s = cases.scenario()
            s.teamSize = nil
            s.funding = [FundingStream(id: "all", budget: .hours(1e6), paysFor: Activity.allCases)]
            let plan = cases.plan(keepingRulesOf: s)
            let e = Evaluation(scenario: s, plan: plan)
            #expect(e.violations.isEmpty, "seed \(seed): \(e.violations)")
            checked += plan.sessions.isEmpty ? 0 : 1
        }
        #expect(checked >= 200, "most generated plans hold sessions; \(checked) did")
    }

    @Test func everyPlanSurvivesTheFileRoundTrip() {
        for seed in Self.seeds.prefix(100) {
            var cases = RandomCases(rng: SplitMix64(state: seed))
            let s = cases.scenario()
            var plan = cases.anyPlan(for: s)
            plan.objective = Double(cases.int(0...100_000)) / 8
            let text = PlanFile.encode(plan)
            let (read, problems) = PlanFile.decode(Array(text.utf8), file: "plan.json")
            #expect(problems.isEmpty, "seed \(seed): \(problems)")
            #expect(read == plan.sorted, "seed \(seed)")
        }
    }
}
