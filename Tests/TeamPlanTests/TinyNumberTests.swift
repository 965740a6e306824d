import Foundation
import Testing
@testable import TeamPlan

/// A number below a millionth: refused in a scenario, where every number
/// is a coefficient of the model and a tiny one breaks the solver (1e-320
/// stopped GLPK); read as it is in a plan file, where a plan from another
/// solver carries float noise (`mip_gap` 5.5e-15, 23.999999999997 hours),
/// and judged by the model's rules with their tolerance.
@Suite struct TinyNumberTests {
    static let root = Executable.packageRoot

    /// The pilot and its hand-made plan: 24 contact, 12 admin, 3 travel and
    /// 7 MDO hours, all paid by wmo-sittard-geleen.
    static func pilot() throws -> (Scenario, Plan) {
        let scenario = try #require(ScenarioLoader.load(path: root + "/inputs/baandert.yaml").scenario)
        let plan = try #require(PlanFile.load(path: root + "/inputs/plans/baandert-by-hand.json").plan)
        return (scenario, plan)
    }

    static func hours(_ plan: inout Plan, _ activity: Activity, _ hours: Double) {
        let index = plan.funding.firstIndex { $0.activity == activity }!
        plan.funding[index].hours = hours
    }

    @Test func aPlanFileReadsAnotherSolversFloatNoiseAsItIs() throws {
        let text = """
            {"scenario": "De Baandert pilot, Q2 2021", "status": "optimal",
             "objective": 1.0000000000000002, "bound": 0.9999999999999987, "mip_gap": 5.5e-15, "solve_seconds": 1e-7,
             "sessions": [{"worker": "lieke", "practice": "baandert", "slot": "tue-am"}],
             "funding": [
               {"stream": "wmo-sittard-geleen", "practice": "baandert", "activity": "contact", "hours": 23.999999999997},
               {"stream": "wmo-sittard-geleen", "practice": "baandert", "activity": "admin", "hours": 1.566391460983141e-11},
               {"stream": "wmo-sittard-geleen", "practice": "baandert", "activity": "travel", "hours": -0.0},
               {"stream": "wmo-sittard-geleen", "practice": "baandert", "activity": "mdo", "hours": 4.9e-324}],
             "totals": {"gap_hours": 1e-13, "missing_backups": 0, "pairs": 1, "dropped_pairs": 0}}
            """
        let (read, diagnostics) = PlanFile.decode(Array(text.utf8), file: "plan.json")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let plan = try #require(read)
        #expect(plan.mipGap == 5.5e-15)
        #expect(plan.bound == 0.9999999999999987)
        #expect(plan.solveSeconds == 1e-7)
        #expect(plan.funding.map(\.hours) == [23.999999999997, 1.566391460983141e-11, 0, 4.9e-324])
        #expect(plan.totals?.gapHours == 1e-13)
        // Written again, every number is the same double.
        let again = try #require(PlanFile.decode(Array(PlanFile.encode(plan).utf8), file: "again.json").plan)
        #expect(again == plan.sorted)
    }

    /// Noise within the tolerance of every other sum (one millionth) is
    /// no broken rule: 23.999999999997 h paid where 24 are worked, a line
    /// of -1e-13 h, -0.0, a stated objective off in the 16th digit.
    @Test(arguments: [
        ("hours 23.999999999997 where 24 are worked", Activity.contact, 23.999999999997),
        ("hours 24.000000000003", .contact, 24.000000000003),
        ("admin 11.999999999999998", .admin, 11.999999999999998),
    ])
    func paymentsWithFloatNoiseAreValid(_ what: String, _ activity: Activity, _ hours: Double) throws {
        var (scenario, plan) = try Self.pilot()
        Self.hours(&plan, activity, hours)
        plan.funding.append(Plan.Funding(stream: "wmo-sittard-geleen", practice: "baandert", activity: .travel, hours: -1e-13))
        plan.funding.append(Plan.Funding(stream: "wmo-sittard-geleen", practice: "baandert", activity: .mdo, hours: -0.0))
        plan.objective = 1.0000000000000002
        plan.mipGap = 5.5e-15
        let e = Evaluation(scenario: scenario, plan: plan)
        #expect(e.isValid, "\(what): \(e.violations)")
    }

    /// The same rules past the tolerance: a payment a thousandth of an hour
    /// short, a negative thousandth, a hundredth of an hour a stream may
    /// not pay.
    @Test func paymentsPastTheToleranceStillBreakHEight() throws {
        let (scenario, hand) = try Self.pilot()
        var short = hand
        Self.hours(&short, .contact, 23.999)
        #expect(Evaluation(scenario: scenario, plan: short).violations.map(\.description)
                == ["H8: baandert has 24 h of contact worked but 23.999 h paid; every hour worked must be paid"])
        var negative = hand
        negative.funding.append(Plan.Funding(stream: "wmo-sittard-geleen", practice: "baandert", activity: .travel, hours: -0.001))
        #expect(Evaluation(scenario: scenario, plan: negative).violations.map(\.description).contains(
            "H8: wmo-sittard-geleen pays -0.001 h of travel at baandert; hours cannot be negative"))
    }

    /// The fixture's stream `wor` pays only contact: 1e-12 h of admin from it
    /// is noise, 0.01 h is a payment it may not make.
    @Test func aStreamPayingNoiseForWhatItDoesNotPayIsNoPayment() throws {
        let scenario = try #require(loadScenario(Fixture.scenario).scenario)
        let base = Plan(scenario: scenario.name, status: .feasible, sessions: [session("anja", "baandert", "tue-am")],
                        backups: [role("ben", "baandert")], mdo: [role("anja", "baandert")]).funded(for: scenario).stated(for: scenario)
        #expect(Evaluation(scenario: scenario, plan: base).isValid)
        var noise = base
        noise.funding.append(Plan.Funding(stream: "wor", practice: "baandert", activity: .admin, hours: 1e-12))
        #expect(Evaluation(scenario: scenario, plan: noise).isValid)
        var paid = base
        paid.funding.append(Plan.Funding(stream: "wor", practice: "baandert", activity: .admin, hours: 0.01))
        #expect(Evaluation(scenario: scenario, plan: paid).violations.map(\.description).contains(
            "H8: wor pays 0.01 h of admin at baandert, but it pays only for contact"))
    }

    /// In a scenario every number is a coefficient: below a millionth is
    /// refused, subnormal numbers included; a whole-number key says the
    /// number is not whole.
    @Test(arguments: [
        ("    session_hours: 2", "    session_hours: ⟨1⟩1e-7", "practices[0].session_hours", "'1e-7' is too small to mean anything here; write 0 or at least 0.000001"),
        ("    session_hours: 2", "    session_hours: 2\n    priority: ⟨1⟩4.9e-324", "practices[0].priority", "'4.9e-324' is too small to mean anything here; write 0 or at least 0.000001"),
        ("    rate_eur_per_hour: 82.5", "    rate_eur_per_hour: ⟨1⟩0.0000009", "funding[0].rate_eur_per_hour", "'0.0000009' is too small to mean anything here; write 0 or at least 0.000001"),
        ("  weeks: 13", "  weeks: ⟨1⟩1e-7", "quarter.weeks", "1e-07 is not a whole number; expected a whole number from 1 to 26"),
    ])
    func aScenarioRefusesTinyCoefficients(_ old: String, _ new: String, _ path: String, _ message: String) {
        let marked = Marked(Fixture.replacing(old, with: new))
        let loaded = loadScenario(marked.text)
        #expect(loaded.diagnostics.errors.map(\.description) == ["\(marked.location(file: "team.yaml")): \(path): \(message)"])
    }
}
