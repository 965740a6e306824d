import Foundation
import Testing
@testable import TeamPlan

/// A quarter counted by hand: Q2 2027 from Easter Monday (29 March), with
/// King's Day (Tue 27 April), Liberation Day (Wed 5 May), Ascension (Thu 6
/// May) and Whit Monday (17 May).
@Suite struct HandCountedQuarterTests {
    static let yaml = """
        name: Q2 by hand
        quarter: {start: 2027-03-29, weeks: 13}
        holidays: nl
        overhead:
          admin_per_contact_hour: 0.5
          travel_hours_per_visit: 0.25
          mdo: {every_weeks: 2, hours: 1}
        workers:
          - {id: a, hours_per_week: 20, available: [mon-am]}
          - {id: b, hours_per_week: 20, available: [tue-am],
             leave: [{from: 2027-05-31, to: 2027-06-13}]}
          - {id: c, hours_per_week: 20, available: [thu-am],
             leave: [{from: 2027-06-14, to: 2027-06-27}]}
          - {id: d, hours_per_week: 20, available: [mon-am, tue-am, thu-am],
             leave: [{from: 2027-06-14, to: 2027-06-27}]}
        practices:
          - {id: p, municipality: m, sessions_per_week: 3, session_hours: 2, open: [mon-am, tue-am, thu-am], max_workers: 3}
        funding:
          - {id: s, budget_hours: 1000, pays_for: [contact, admin, travel, mdo]}
        """

    let scenario = loadScenario(Self.yaml).scenario!
    var plan: Plan {
        Plan(scenario: "Q2 by hand", status: .feasible,
             sessions: [session("a", "p", "mon-am"), session("b", "p", "tue-am"), session("c", "p", "thu-am")],
             backups: [role("d", "p")], mdo: [role("a", "p")]).funded(for: scenario)
    }

    @Test func theHolidaysOfTheQuarterAreTheFivePaidOnes() {
        let calendar = QuarterCalendar(scenario)
        #expect(calendar.holidays.map(\.date.description) == ["2027-03-29", "2027-04-27", "2027-05-05", "2027-05-06", "2027-05-17"])
    }

    @Test func eachSessionsOccurrencesAreHeldCoveredLostOrClosed() throws {
        let e = Evaluation(scenario: scenario, plan: plan)
        let p = try #require(e.practice("p"))
        // mon-am: Easter Monday and Whit Monday closed, 11 held by a.
        // tue-am: King's Day closed; b away 1 and 8 June, d present: covered twice; 10 held.
        // thu-am: Ascension closed; c away 17 and 24 June, d away too: lost twice; 10 held.
        #expect(p.occurrences == 39)
        #expect(p.closed == 4)
        #expect(p.heldByRegular == 31)
        #expect(p.covered == 2)
        #expect(p.lost == 2)
        #expect(p.heldByRegular + p.covered + p.lost + p.closed == p.occurrences)
        let states = e.occurrences.filter { $0.slot.name == "tue-am" && $0.state != .heldByRegular }
        #expect(states.map(\.date.description) == ["2027-04-27", "2027-06-01", "2027-06-08"])
        #expect(states.map(\.state) == [.closed, .covered(by: "d"), .covered(by: "d")])
        let lost = e.occurrences.filter { $0.state == .lost }.map(\.date.description)
        #expect(lost == ["2027-06-17", "2027-06-24"])
    }

    @Test func hoursByActivityFollowTheHeldOccurrences() throws {
        let p = try #require(Evaluation(scenario: scenario, plan: plan).practice("p"))
        #expect(p.hours[.contact] == 66)  // 33 held × 2 h
        #expect(p.hours[.admin] == 33)
        #expect(p.hours[.travel] == 8.25)  // 33 visits × 0.25
        #expect(p.hours[.mdo] == 7)  // every 2 weeks over 13 weeks: 7 meetings of 1 h
    }

    @Test func theGapIsTheLostSessionHoursAndTheObjectiveAddsThePairs() {
        let e = Evaluation(scenario: scenario, plan: plan)
        #expect(e.practice("p")?.shortfall == 0)
        #expect(e.terms.gapHours == 4)  // 2 lost × 2 h
        #expect(e.terms.missingBackups == 0)
        #expect(e.terms.pairs == 3)
        #expect(e.terms.objective == 4003)
        #expect(e.violations.isEmpty, "\(e.violations)")
    }

    @Test func withoutItsBackupTheAbsentWeeksAreLost() {
        var plan = self.plan
        plan.backups = []
        let e = Evaluation(scenario: scenario, plan: plan.funded(for: scenario))
        #expect(e.practice("p")?.lost == 4)
        #expect(e.practice("p")?.covered == 0)
        #expect(e.terms.gapHours == 8)
        #expect(e.terms.missingBackups == 1)
        #expect(e.terms.objective == 8000 + 100 + 3)
    }

    @Test func aShortfallCountsEveryWeekOfTheQuarter() {
        var plan = self.plan
        plan.sessions.removeAll { $0.worker == "c" }
        let e = Evaluation(scenario: scenario, plan: plan.funded(for: scenario))
        #expect(e.practice("p")?.shortfall == 1)
        // 13 weeks × 1 missing session × 2 h, holidays included; nothing lost now.
        #expect(e.terms.gapHours == 26)
    }

    @Test func workersWeeklyLoadAndCoveringDutiesAreCounted() throws {
        let e = Evaluation(scenario: scenario, plan: plan)
        let a = try #require(e.worker("a"))
        #expect(a.weekly[.contact] == 2)
        #expect(a.weekly[.admin] == 1)
        #expect(a.weekly[.travel] == 0.25)
        #expect(a.weekly[.mdo] == 0.5)
        #expect(a.load == 3.75)
        #expect(a.free == 16.25)
        let d = try #require(e.worker("d"))
        #expect(d.covering.map(\.date.description) == ["2027-06-01", "2027-06-08"])
        #expect(d.covering.allSatisfy { $0.covering == "b" && $0.hours == 3.25 })
    }

    @Test func streamsUseWhatThePlanPays() throws {
        let e = Evaluation(scenario: scenario, plan: plan)
        let s = try #require(e.stream("s"))
        let expected: Double = 66 + 33 + 8.25 + 7
        #expect(s.usedHours == expected)
        #expect(s.byActivity[.contact] == 66)
    }

    @Test func anUnservedPracticeHasNoMDOHoursAndMissesNoBackups() {
        let e = Evaluation(scenario: scenario, plan: Plan(scenario: "Q2 by hand", status: .feasible))
        #expect(e.practice("p")?.hours[.mdo] == 0)
        #expect(e.practice("p")?.missingBackups == 0)
        #expect(e.terms.gapHours == 78)  // 3 sessions × 13 weeks × 2 h
        #expect(e.violations.isEmpty)
    }
}

/// One test per hard rule: a plan that breaks exactly that rule, and the
/// valid plan it was made from.
@Suite struct HardRuleTests {
    /// The fixture: anja (debts, tue-am) holds baandert's Tuesday; ben backs her up.
    func base(_ change: (String) -> String = { $0 }) -> Scenario {
        let loaded = loadScenario(change(Fixture.scenario))
        return loaded.scenario!
    }

    func validPlan(_ scenario: Scenario) -> Plan {
        Plan(scenario: scenario.name, status: .feasible, sessions: [session("anja", "baandert", "tue-am")],
             backups: [role("ben", "baandert")], mdo: [role("anja", "baandert")]).funded(for: scenario)
    }

    func rules(_ scenario: Scenario, _ plan: Plan) -> [Evaluation.Rule] {
        Array(Set(Evaluation(scenario: scenario, plan: plan).violations.map(\.rule))).sorted()
    }

    func messages(_ scenario: Scenario, _ plan: Plan) -> [String] {
        Evaluation(scenario: scenario, plan: plan).violations.map(\.description)
    }

    @Test func theValidPlanBreaksNoRule() {
        let s = base()
        let e = Evaluation(scenario: s, plan: validPlan(s))
        #expect(e.violations.isEmpty, "\(e.violations)")
        #expect(e.practice("baandert")?.covered == 2, "anja's leave: 23 Feb and 2 Mar covered by ben")
    }

    @Test func h1ASessionInASlotTheWorkerIsNotAvailableIn() {
        let s = base { $0.replacingOccurrences(of: "[mon-am, tue-am, tue-pm]", with: "[mon-am, tue-pm]") }
        let plan = validPlan(s)
        #expect(rules(s, plan) == [.h1])
        #expect(messages(s, plan) == ["H1: anja holds a session at baandert in tue-am, but is not available in tue-am"])
    }

    @Test func h1AWorkerWithoutTheRequiredSkill() {
        let s = base { $0.replacingOccurrences(of: "    skills: [debts, ggz]", with: "    skills: [ggz]") }
        // ben (debts) stays a valid backup.
        #expect(rules(s, validPlan(s)) == [.h1])
        #expect(messages(s, validPlan(s)).first?.contains("lacks the skill it requires (debts)") == true)
    }

    @Test func h1AnUnknownWorker() {
        let s = base()
        var plan = validPlan(s)
        plan.sessions.append(session("zoe", "baandert", "tue-am"))
        #expect(rules(s, plan) == [.h1])
    }

    @Test func h2TwoSessionsOfOnePracticeInOneSlot() {
        let s = base {
            $0.replacingOccurrences(of: "    sessions_per_week: 1", with: "    sessions_per_week: 2")
                .replacingOccurrences(of: "[tue-am, wed-am]", with: "[tue-am, wed-am, tue-pm]")
        }
        let plan = Plan(scenario: s.name, status: .feasible,
                        sessions: [session("anja", "baandert", "tue-am"), session("ben", "baandert", "tue-am")],
                        mdo: [role("anja", "baandert")]).funded(for: s)
        #expect(rules(s, plan) == [.h2])
        #expect(messages(s, plan) == ["H2: baandert holds 2 sessions in tue-am (anja, ben); at most one per slot"])
    }

    @Test func h2OneWorkerInTwoPracticesInOneSlot() {
        let s = base {
            $0.replacingOccurrences(of: "funding:", with: """
                  - {id: born, municipality: sittard-geleen, sessions_per_week: 1, session_hours: 2, open: [tue-am], mdo: false}
                funding:
                """)
        }
        let plan = Plan(scenario: s.name, status: .feasible,
                        sessions: [session("anja", "baandert", "tue-am"), session("anja", "born", "tue-am")],
                        mdo: [role("anja", "baandert")]).funded(for: s)
        #expect(rules(s, plan) == [.h2])
    }

    @Test func h3MoreSessionsThanAsked() {
        let s = base { $0.replacingOccurrences(of: "    open: [tue-am]", with: "    open: [tue-am, mon-am]") }
        let plan = Plan(scenario: s.name, status: .feasible,
                        sessions: [session("anja", "baandert", "tue-am"), session("anja", "baandert", "mon-am")],
                        mdo: [role("anja", "baandert")]).funded(for: s)
        #expect(rules(s, plan) == [.h3])
    }

    @Test func h4MoreRegularsThanMaxWorkers() {
        let s = base {
            $0.replacingOccurrences(of: "    sessions_per_week: 1", with: "    sessions_per_week: 2\n    max_workers: 1")
                .replacingOccurrences(of: "    open: [tue-am]", with: "    open: [tue-am, wed-am]")
        }
        let plan = Plan(scenario: s.name, status: .feasible,
                        sessions: [session("anja", "baandert", "tue-am"), session("ben", "baandert", "wed-am")],
                        mdo: [role("anja", "baandert")]).funded(for: s)
        #expect(rules(s, plan) == [.h4])
    }

    @Test func h4MorePracticesThanMaxPractices() {
        let s = base { $0.replacingOccurrences(of: "    reserved_hours: 6", with: "    reserved_hours: 6\n    max_practices: 0") }
        #expect(rules(s, validPlan(s)) == [.h4])
    }

    @Test func h5ALoadAbovePlannableHours() {
        let s = base { $0.replacingOccurrences(of: "    reserved_hours: 6", with: "    reserved_hours: 22") }
        #expect(rules(s, validPlan(s)) == [.h5])
        // 2 h + 1 h admin + 0.25 h travel + 0.5 h MDO = 3.75 h against 2 plannable.
        #expect(messages(s, validPlan(s)) == ["H5: anja's weekly load is 3.75 h, above the 2 plannable hours (24 contract − 22 reserved)"])
    }

    @Test func h6ABackupWhoCannotSubstitute() {
        let s = base { $0.replacingOccurrences(of: "    skills: [debts]\npractices:", with: "    skills: [debts]\n    can_substitute: false\npractices:") }
        #expect(rules(s, validPlan(s)) == [.h6])
    }

    @Test func h6ABackupWhoIsNotAvailableWhenThePracticeHoldsItsSession() {
        let s = base { $0.replacingOccurrences(of: "[tue-am, wed-am]", with: "[wed-am]") }
        var plan = validPlan(s)
        plan = plan.funded(for: s)  // ben is never present now: anja's two leave Tuesdays are lost
        #expect(rules(s, plan) == [.h6])
    }

    @Test func h6ABackupWhoIsAlsoARegular() {
        let s = base()
        var plan = validPlan(s)
        plan.backups.append(role("anja", "baandert"))
        #expect(rules(s, plan.funded(for: s)) == [.h6])
    }

    @Test func h7AServedPracticeWithoutAnMDOAttendee() {
        let s = base()
        var plan = validPlan(s)
        plan.mdo = []
        #expect(rules(s, plan.funded(for: s)) == [.h7])
    }

    @Test func h7AnMDOAttendeeWhoIsNotARegular() {
        let s = base()
        var plan = validPlan(s)
        plan.mdo = [role("ben", "baandert")]
        #expect(rules(s, plan.funded(for: s)) == [.h7])
    }

    @Test func h8AStreamPaysBeyondItsBudget() {
        let s = base { $0.replacingOccurrences(of: "    budget_eur: 45000", with: "    budget_eur: 1000") }
        #expect(rules(s, validPlan(s)) == [.h8])
        #expect(messages(s, validPlan(s)).first?.contains("above its budget of 12.12 h") == true)
    }

    @Test func h8AStreamPaysForAnActivityItDoesNotFund() {
        let s = base()
        var plan = validPlan(s)
        let admin = plan.funding.firstIndex { $0.activity == .admin }!
        plan.funding[admin].stream = "wor"  // pays contact only
        #expect(rules(s, plan) == [.h8])
    }

    @Test func h8AnHourWorkedThatNobodyPays() {
        let s = base()
        var plan = validPlan(s)
        plan.funding.removeAll { $0.activity == .travel }
        #expect(messages(s, plan) == ["H8: baandert has 3.25 h of travel worked but 0 h paid; every hour worked must be paid"])
    }

    @Test func h9MoreWorkersThanTheTeamSize() {
        let s = base { $0.replacingOccurrences(of: "holidays: nl", with: "holidays: nl\nteam_size: 1") }
        #expect(rules(s, validPlan(s)) == [.h9])
    }

    @Test func aPlanThatMisstatesItsObjectiveIsInvalid() {
        let s = base()
        var plan = validPlan(s).stated(for: s)
        #expect(Evaluation(scenario: s, plan: plan).isValid)
        plan.objective! += 1
        plan.totals!.pairs = 7
        #expect(rules(s, plan) == [.stated])
        #expect(messages(s, plan).count == 2)
    }

    @Test func aBackupNeededAtTwoPracticesAtOnceIsAWarning() {
        let s = base {
            $0.replacingOccurrences(of: "funding:", with: """
                  - {id: born, municipality: sittard-geleen, sessions_per_week: 1, session_hours: 2, open: [tue-am], mdo: false}
                funding:
                """)
                .replacingOccurrences(of: "  - id: ben", with: """
                  - id: cas
                    hours_per_week: 20
                    available: [tue-am]
                    leave: [{from: 2027-02-22, to: 2027-03-05}]
                  - id: ben
                """)
        }
        let plan = Plan(scenario: s.name, status: .feasible,
                        sessions: [session("anja", "baandert", "tue-am"), session("cas", "born", "tue-am")],
                        backups: [role("ben", "baandert"), role("ben", "born")],
                        mdo: [role("anja", "baandert")]).funded(for: s)
        let e = Evaluation(scenario: s, plan: plan)
        #expect(e.violations.isEmpty, "\(e.violations)")
        #expect(e.warnings.count == 2)  // 23 Feb and 2 Mar
        // Practices and workers by name where they have one (De Baandert; born and ben have none).
        #expect(e.warnings.first?.message == "on 2027-02-23 (tue-am) born and De Baandert both need a backup, and only ben can stand in at either: one of them cannot be covered in practice")
        #expect(e.warnings.first?.dutch == "op 2027-02-23 (di-ochtend) hebben born en De Baandert allebei een vervanger nodig, en alleen ben kan bij beide invallen: één van de twee kan in de praktijk niet worden vervangen")
    }

    @Test func aCoveringWeekAboveContractHoursIsAWarning() {
        let s = base { $0.replacingOccurrences(of: "    hours_per_week: 32", with: "    hours_per_week: 3") }
        let e = Evaluation(scenario: s, plan: validPlan(s))
        #expect(e.violations.isEmpty)
        #expect(e.warnings.map(\.message) == [
            "in week 8 covering adds 3.25 h to ben's 0 h week: 3.25 h, above ben's 3 contract hours",
            "in week 9 covering adds 3.25 h to ben's 0 h week: 3.25 h, above ben's 3 contract hours",
        ])
        #expect(e.warnings.first?.dutch == "in week 8 komt er door invallen 3,25 u bij de week van 0 u van ben: 3,25 u, meer dan de 3 contracturen")
    }
}

@Suite struct BackupMatchingTests {
    @Test func absencesGetDistinctBackupsWheneverTheyCan() {
        // A may take x or y, B only x: A must take y so that B gets x.
        #expect(Evaluation.matchBackups([["x", "y"], ["x"]]) == ["y", "x"])
    }

    @Test func aBackupNeededTwiceIsMatchedOnce() {
        #expect(Evaluation.matchBackups([["x"], ["x"]]) == ["x", nil])
    }
}

/// Sums of hours never follow a Dictionary's order, which Swift seeds per
/// process: the same plan gives the same last digit in every run.
@Suite struct FixedOrderSumTests {
    @Test func hoursByActivityAddInActivityOrder() {
        // 0.1 + 0.2 + 0.3 and 0.3 + 0.2 + 0.1 differ in the last bit.
        let hours: [Activity: Double] = [.contact: 0.1, .admin: 0.2, .travel: 0.3, .mdo: 0]
        #expect(Evaluation.sum(hours) == ((0.1 + 0.2) + 0.3) + 0)
        #expect(Evaluation.sum([.mdo: 0.3, .travel: 0.2, .admin: 0.1]) == 0.1 + 0.2 + 0.3)
    }

    @Test func paidHoursAddStreamsInIdOrder() {
        let result = Evaluation.PracticeResult(
            id: "p", priority: 1, served: true, sessions: 1, regulars: [], backups: [], mdoAttendee: nil, weeks: [],
            occurrences: 0, heldByRegular: 0, covered: 0, lost: 0, closed: 0, shortfall: 0, gapHours: 0,
            missingBackups: 0, hours: [:], paid: ["c": [.contact: 0.3], "a": [.contact: 0.1], "b": [.contact: 0.2]])
        #expect(result.paidHours(.contact) == 0.1 + 0.2 + 0.3)
    }
}
