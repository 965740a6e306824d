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

/// `teamplan replan` as a manager runs it: plan, a regular falls ill for
/// six weeks, replan from the first day.
@Suite struct ReplanCommandTests {
    static func scenario(leave: String) -> String {
        """
        name: Replan
        quarter: {start: 2027-04-05, weeks: 10}
        holidays: none
        overhead: {admin_per_contact_hour: 0.5, travel_hours_per_visit: 0.25}
        workers:
          - {id: anja, hours_per_week: 12, available: [tue-am, thu-am]\(leave)}
          - {id: ben, hours_per_week: 12, available: [wed-am]}
          - {id: carla, hours_per_week: 12, available: [thu-am]}
          - {id: dirk, hours_per_week: 8, available: [tue-am, wed-am, thu-am]}
        practices:
          - {id: p1, municipality: m, sessions_per_week: 1, session_hours: 2, open: [tue-am], mdo: false, backups: 0}
          - {id: p2, municipality: m, sessions_per_week: 1, session_hours: 2, open: [wed-am], mdo: false, backups: 0}
          - {id: p3, municipality: m, sessions_per_week: 1, session_hours: 2, open: [thu-am], mdo: false, backups: 0}
        funding:
          - {id: wmo, budget_hours: 150, pays_for: [contact, admin, travel]}
        """
    }

    @Test func aSixWeekSicknessChangesOnlyWhatItMustAndSaysWhat() throws {
        let folder = TemporaryFolder()
        folder.write("team.yaml", Self.scenario(leave: ""))
        let first = try Executable.run(["plan", "team.yaml", "--out", "q2", "--quiet"], in: folder.path)
        #expect(first.status == 0, "\(first.stderr)")
        let current = try #require(PlanFile.load(path: folder.path + "/q2/plan.json").plan)
        let p1 = try #require(current.sessions.first { $0.practice == "p1" })
        // The regular of p1 falls ill for six weeks from Monday of week 3.
        let sick = p1.worker
        let leave = ", leave: [{from: 2027-04-19, to: 2027-05-30}]"
        #expect(sick == "anja", "anja holds p1 in the best plan")
        let text = Self.scenario(leave: leave)
        #expect(text.contains(leave), "the leave went in")
        folder.write("team.yaml", text)
        let run = try Executable.run(["replan", "team.yaml", "q2/plan.json", "--from", "2027-04-19", "--out", "replan"], in: folder.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("What changes from 2027-04-19 (week 3 of 10; the weeks before are as the current plan made them):"), "\(run.stdout)")
        let replanned = try #require(PlanFile.load(path: folder.path + "/replan/plan.json").plan)
        #expect(replanned.from == LocalDate(iso: "2027-04-19"))
        // Every session the sickness does not touch stays.
        for session in current.sessions where session.worker != sick {
            #expect(replanned.sessions.contains(session), "\(session) should stay: \(replanned.sessions)")
        }
        // Here the cheapest change is none to the sessions: free colleagues become
        // backups and hold the sick weeks, so no hour is lost.
        #expect(Set(replanned.sessions) == Set(current.sessions))
        #expect(run.stdout.contains("becomes a backup"), "\(run.stdout)")
        #expect(run.stdout.contains("Capacity gap: 0 h of the 48 session-hours asked"), "\(run.stdout)")
        #expect(run.stdout.contains("wmo: history spent 19.5 h of 150 h; 130.5 h left for the rest of the quarter"), "\(run.stdout)")
        // A replan is a plan of the rest of the quarter: verify needs the plan it replaced to rebuild that.
        let alone = try Executable.run(["verify", "team.yaml", "replan/plan.json"], in: folder.path)
        #expect(alone.status == 64 && alone.stderr.contains("is a replan from 2027-04-19"), "\(alone.stderr)")
        let verify = try Executable.run(["verify", "team.yaml", "replan/plan.json", "--current", "q2/plan.json"], in: folder.path)
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        // The plan a manager now works with: cover and report take it over the weeks it holds.
        let cover = try Executable.run(["cover", "team.yaml", "replan/plan.json", "--worker", "ben", "--from", "2027-05-05"], in: folder.path)
        #expect(cover.status == 0, "\(cover.stderr)")
        let early = try Executable.run(["cover", "team.yaml", "replan/plan.json", "--worker", "ben", "--from", "2027-04-06"], in: folder.path)
        #expect(early.status == 64 && early.stderr.contains("is a replan that holds from 2027-04-19"), "\(early.stderr)")
        let report = try Executable.run(["report", "team.yaml", "replan/plan.json", "--out", "again", "--quiet"], in: folder.path)
        #expect(report.status == 0, "\(report.stderr)")
        // A replan of a replan needs the plan before it: refused, with why.
        let twice = try Executable.run(["replan", "team.yaml", "replan/plan.json", "--from", "2027-05-10"], in: folder.path)
        #expect(twice.status == 64 && twice.stderr.contains("is itself a replan from 2027-04-19"), "\(twice.stderr)")
    }

    /// weeks.csv and funding.csv of a replan cover the whole quarter:
    /// history as the current plan made it, then the new plan, and add up.
    @Test func theWholeQuartersWeeksAndMoneyAreHistoryPlusTheReplan() throws {
        let folder = TemporaryFolder()
        folder.write("team.yaml", Self.scenario(leave: ""))
        _ = try Executable.run(["plan", "team.yaml", "--out", "q2", "--quiet"], in: folder.path)
        // Carla leaves in week 6 for good; the budget was cut to 100 h.
        let changed = Self.scenario(leave: "").replacingOccurrences(of: "{id: carla, hours_per_week: 12, available: [thu-am]}",
                                                                    with: "{id: carla, hours_per_week: 12, available: [thu-am], leave: [{from: 2027-05-03, to: 2027-06-13}]}")
            .replacingOccurrences(of: "budget_hours: 150", with: "budget_hours: 100")
        folder.write("team.yaml", changed)
        let run = try Executable.run(["replan", "team.yaml", "q2/plan.json", "--from", "2027-05-05", "--out", "r"], in: folder.path)
        #expect(run.status == 0, "\(run.stderr)")
        func table(_ name: String) throws -> [[String]] {
            try String(contentsOfFile: folder.path + "/r/" + name, encoding: .utf8).components(separatedBy: "\r\n")
                .filter { !$0.isEmpty }.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        }
        let weeks = try table("weeks.csv")
        #expect(weeks[0].last == "part")
        let rows = weeks.dropFirst()
        #expect(rows.count == 3 * 10, "three practices, ten weeks")
        #expect(Set(rows.filter { $0[0] == "p1" }.map { Int($0[1])! }) == Set(1...10))
        #expect(rows.filter { $0.last == "before" }.allSatisfy { Int($0[1])! <= 4 })
        #expect(rows.filter { $0.last == "replan" }.allSatisfy { Int($0[1])! >= 5 })
        // Gap hours: history's (as the current plan made it) plus the new plan's.
        let gap = rows.reduce(0.0) { $0 + Double($1[10])! }
        let replanned = try #require(PlanFile.load(path: folder.path + "/r/plan.json").plan)
        let history = rows.filter { $0.last == "before" }.reduce(0.0) { $0 + Double($1[10])! }
        #expect(abs(gap - history - (replanned.totals?.gapHours ?? -1)) < 1e-9)
        // Money: every stream's quarter total is what history spent plus what the new plan pays.
        let funding = try table("funding.csv")
        let lines = funding.dropFirst().filter { $0[1] != "total" }
        let total = try #require(funding.first { $0[1] == "total" })
        let before = lines.reduce(0.0) { $0 + Double($1[3])! }, after = lines.reduce(0.0) { $0 + Double($1[4])! }
        #expect(abs(Double(total[5])! - before - after) < 1e-6)
        #expect(abs(after - replanned.funding.reduce(0.0) { $0 + $1.hours }) < 1e-6)
        #expect(Double(total[5])! <= 100 + 1e-6, "within the cut budget over the whole quarter")
        #expect(run.stdout.contains("weeks 1–4, as the current plan made them: 0 gap h"), "\(run.stdout)")
        // report.html: its charts of practices and money and its week grid are the whole quarter's too.
        let page = try String(contentsOfFile: folder.path + "/r/report.html", encoding: .utf8)
        #expect(page.contains("Quarter 2027-04-05 to 2027-06-13, 10 weeks"), "the whole quarter's dates")
        for practice in ["p1", "p2", "p3"] {
            let cells = (1...10).filter { page.contains("<title>\(practice), week \($0): ") }
            #expect(cells == Array(1...10), "\(practice): a cell for each week of the quarter, got \(cells)")
        }
        #expect(page.contains("id=\"chart-weeks-from\""), "the week grid marks the replan's week")
        #expect(page.contains("<title>wmo: used \(Format.hours(Double(total[5])!))</title>"), "the money chart is history plus the new plan")
        #expect(page.contains("<title>wmo: budget 100</title>"), "against the quarter's budget")
        let held = rows.reduce(0) { $0 + Int($1[5])! } * 2  // every session is 2 h
        let charted = ["p1", "p2", "p3"].reduce(0.0) { sum, p in
            guard let r = page.range(of: "<title>\(p): held by the regular "),
                  let end = page[r.upperBound...].firstIndex(of: "<") else { return sum }
            return sum + (Double(page[r.upperBound..<end]) ?? .nan)
        }
        #expect(abs(charted - Double(held)) < 1e-9, "the practices chart holds every week's sessions: \(charted) h against \(held) h")
    }

    /// A worker deleted from the scenario before the replan: history cannot
    /// count their sessions, and the replan says so rather than guess.
    @Test func sessionsOfAWorkerNoLongerThereAreSaidNotCounted() throws {
        var s = try #require(loadScenario(Self.scenario(leave: "")).scenario)
        let current = try #require(try Planner.solve(s).plan)
        let gone = "ben"
        #expect(current.sessions.contains { $0.worker == gone }, "ben holds p2 in the best plan")
        s.workers.removeAll { $0.id == gone }
        let replanning = try Replanning(scenario: s, current: current, currentPath: "p.json", from: s.quarter.start.adding(days: 14))
        #expect(!replanning.uncounted.isEmpty && replanning.uncounted.allSatisfy { $0.worker == gone })
        let lines = ReplanChanges(replanning, plan: current).lines(Language.en.labels)
        #expect(lines.contains { $0.contains("not counted in the weeks before") && $0.contains(gone) }, "\(lines)")
    }

    @Test func aDateThatIsNotADateOrOutsideTheQuarterIsAWrongRequest() throws {
        let folder = TemporaryFolder()
        folder.write("team.yaml", Self.scenario(leave: ""))
        _ = try Executable.run(["plan", "team.yaml", "--out", "q2", "--quiet"], in: folder.path)
        let bad = try Executable.run(["replan", "team.yaml", "q2/plan.json", "--from", "19-04-2027"], in: folder.path)
        #expect(bad.status == 64 && bad.stderr.contains("--from '19-04-2027' is not a date; write YYYY-MM-DD"), "\(bad.stderr)")
        let outside = try Executable.run(["replan", "team.yaml", "q2/plan.json", "--from", "2027-07-01"], in: folder.path)
        #expect(outside.status == 64 && outside.stderr.contains("2027-07-01 is not in the quarter (2027-04-05 to 2027-06-13)"), "\(outside.stderr)")
    }
}
