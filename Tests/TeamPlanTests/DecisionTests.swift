import Foundation
import Testing
@testable import TeamPlan

/// The fixture with a second practice, `stein`, that needs ggz (only anja
/// has it) and is open in four slots, and the decisions `decisions`
/// (YAML lines at the top level) added before `workers:`.
enum DecisionFixture {
    static let stein = """
          - id: stein
            municipality: sittard-geleen
            sessions_per_week: 2
            session_hours: 4
            open: [mon-am, tue-am, tue-pm, wed-am]
            requires_skills: [ggz]
        funding:
        """

    static func scenario(_ decisions: String, changing changes: [(String, String)] = []) -> String {
        var text = Fixture.replacing("funding:\n", with: stein + "\n")
        for (old, new) in changes {
            precondition(text.components(separatedBy: old).count == 2, "'\(old)' must occur once")
            text = text.replacingOccurrences(of: old, with: new)
        }
        return text.replacingOccurrences(of: "workers:\n", with: decisions + "\nworkers:\n")
    }
}

enum BadDecisions {
    static func bad(_ name: String, _ decisions: String, changing: [(String, String)] = [], path: String, _ message: String) -> BadScenario {
        BadScenario(name, DecisionFixture.scenario(decisions, changing: changing), path: path, message)
    }

    static let all: [BadScenario] = [
        bad("a pin naming an unknown worker", "pins:\n  - {worker: ⟨1⟩anya, practice: baandert}",
            path: "pins[0].worker", "no worker has the id 'anya'; did you mean 'anja'?"),
        bad("a pin naming an unknown practice", "pins:\n  - {worker: anja, practice: ⟨1⟩stien}",
            path: "pins[0].practice", "no practice has the id 'stien'; did you mean 'stein'?"),
        bad("an avoid naming an unknown practice", "avoid:\n  - {worker: ben, practice: ⟨1⟩baandrt}",
            path: "avoid[0].practice", "no practice has the id 'baandrt'; did you mean 'baandert'?"),
        bad("a preference naming an unknown worker", "preferences:\n  - {worker: ⟨1⟩benn, practice: baandert, weight: 2}",
            path: "preferences[0].worker", "no worker has the id 'benn'; did you mean 'ben'?"),
        bad("a pin in an unknown slot", "pins:\n  - {worker: anja, practice: baandert, slot: ⟨1⟩teu-am}",
            path: "pins[0].slot", "'teu-am' is not a slot of this scenario; did you mean 'tue-am'?"),
        bad("a pin with an unknown role", "pins:\n  - {worker: ben, practice: baandert, role: ⟨1⟩bakup}",
            path: "pins[0].role", "'bakup' is not a role; write regular or backup; did you mean 'backup'?"),
        bad("a backup pin with a slot", "pins:\n  - {worker: ben, practice: baandert, slot: ⟨1⟩tue-am, role: backup}",
            path: "pins[0].slot", "a backup pin has no slot"),
        bad("an unknown key in a pin", "pins:\n  - {worker: ben, practice: baandert, ⟨1⟩slots: tue-am}",
            path: "pins[0].slots", "unknown key; did you mean 'slot'?"),
        bad("a pin without a practice", "pins:\n  - ⟨1⟩{worker: ben}",
            path: "pins[0].practice", "missing; this key is required"),
        bad("a preference of 0", "preferences:\n  - {worker: anja, practice: stein, weight: ⟨1⟩0}",
            path: "preferences[0].weight", "a preference of 0 says nothing"),
        bad("a preference above 100", "preferences:\n  - {worker: anja, practice: stein, weight: ⟨1⟩150}",
            path: "preferences[0].weight", "from -100 to 100"),
        bad("a pair both pinned and avoided", "pins:\n  - ⟨1⟩{worker: ben, practice: baandert}\navoid:\n  - {worker: ben, practice: baandert}",
            path: "pins", "ben at baandert is both pinned and avoided (avoid at line"),
        bad("a pair avoided twice", "avoid:\n  - {worker: ben, practice: baandert}\n  - ⟨1⟩{worker: ben, practice: baandert}",
            path: "avoid", "ben at baandert is avoided twice (first at line"),
        bad("a session pinned twice", "pins:\n  - {worker: anja, practice: stein, slot: mon-am}\n  - ⟨1⟩{worker: anja, practice: stein, slot: mon-am}",
            path: "pins", "anja at stein in mon-am is pinned twice"),
        bad("a pair pinned with and without a slot", "pins:\n  - {worker: anja, practice: stein}\n  - ⟨1⟩{worker: anja, practice: stein, slot: mon-am}",
            path: "pins", "anja at stein is pinned both without a slot and in a slot (at line"),
        bad("a preference given twice", "preferences:\n  - {worker: anja, practice: stein, weight: 1}\n  - ⟨1⟩{worker: anja, practice: stein, weight: -1}",
            path: "preferences", "anja at stein is given a preference twice"),
        bad("a pin for a worker who lacks a skill", "pins:\n  - ⟨1⟩{worker: ben, practice: stein}",
            path: "pins", "the pin ben at stein can never hold: ben lacks the skill ggz that stein requires"),
        bad("a pinned session in a slot the worker is not available", "pins:\n  - ⟨1⟩{worker: anja, practice: stein, slot: wed-am}",
            path: "pins", "the pin anja at stein in wed-am can never hold: anja is not available in wed-am"),
        bad("a pinned session in a slot the practice has no room", "pins:\n  - ⟨1⟩{worker: anja, practice: baandert, slot: mon-am}",
            path: "pins", "baandert has no room in mon-am (open: tue-am)"),
        bad("a backup pin for a worker who may not substitute", "pins:\n  - ⟨1⟩{worker: ben, practice: baandert, role: backup}",
            changing: [("    skills: [debts]\n", "    skills: [debts]\n    can_substitute: false\n")],
            path: "pins", "ben as backup at baandert can never hold: ben may not substitute"),
        bad("a backup pin for a pinned regular", "pins:\n  - {worker: ben, practice: baandert}\n  - ⟨1⟩{worker: ben, practice: baandert, role: backup}",
            path: "pins", "ben is also pinned as a regular of baandert"),
        bad("a pinned session that does not fit the worker's hours", "pins:\n  - ⟨1⟩{worker: anja, practice: stein, slot: mon-am}",
            changing: [("    reserved_hours: 6\n", "    reserved_hours: 20\n")],
            path: "pins", "one session at stein takes 6.25 h a week with admin and travel; anja has 4 plannable"),
        bad("a pins table that names no file", "pins: ⟨1⟩pinnen.csv",
            path: "", "cannot read the pins table 'pinnen.csv': no such file"),
        bad("a new objective weight below 0", "objective:\n  session_change_weight: ⟨1⟩-1",
            path: "objective.session_change_weight", "from 0 to"),
    ]
}

@Suite struct DecisionReaderTests {
    @Test(arguments: BadDecisions.all)
    func eachMistakeInTheDecisionsIsReportedAtItsPosition(_ bad: BadScenario) {
        BadScenarioTests().eachMistakeIsReportedAtItsPosition(bad)
    }

    @Test func pinsAvoidAndPreferencesAreReadWithTheirPositions() throws {
        let marked = Marked(DecisionFixture.scenario("""
            pins:
              - ⟨pin⟩{worker: anja, practice: stein, slot: mon-am}
              - {worker: ben, practice: baandert}
              - {worker: ben, practice: stein, role: backup}
            avoid:
              - {worker: anja, practice: baandert}
            preferences:
              - {worker: anja, practice: stein, weight: 3}
              - {worker: ben, practice: baandert, weight: -2.5}
            objective:
              session_change_weight: 4
              preference_weight: 7
            """, changing: [("    skills: [debts]\n", "    skills: [debts, ggz]\n")]))
        let loaded = loadScenario(marked.text)
        let s = try #require(loaded.scenario, "\(loaded.diagnostics)")
        #expect(s.pins.map(\.description) == ["anja at stein in mon-am", "ben at baandert", "ben as backup at stein"])
        #expect(s.pins[0].location == marked.location("pin", file: "team.yaml"))
        #expect(s.pins[2].role == .backup)
        #expect(s.avoid.map(\.pair) == [WorkerPractice(worker: "anja", practice: "baandert")])
        #expect(s.preferences.map(\.weight) == [3, -2.5])
        #expect(s.objective.sessionChangeWeight == 4 && s.objective.preferenceWeight == 7)
        #expect(s.objective.continuityWeight == 50, "the other weights keep their defaults")
    }

    @Test func aPinsTableInADutchCSVIsReadAndItsMistakesAreAtTheirCells() throws {
        let csv = "worker;practice;slot;role\r\nanja;stein;mon-am;\r\nben;baandert;;backup\r\n"
        let ok = loadScenario(DecisionFixture.scenario("pins: pins.csv\npreferences: prefs.csv"),
                              extraFiles: ["pins.csv": Array(csv.utf8), "prefs.csv": Array("worker;practice;weight\nanja;stein;2,5\n".utf8)])
        let s = try #require(ok.scenario, "\(ok.diagnostics)")
        #expect(s.pins.map(\.description) == ["anja at stein in mon-am", "ben as backup at baandert"])
        #expect(s.pins[1].location == SourceLocation(file: "pins.csv", line: 3, column: 1))
        #expect(s.preferences.first?.weight == 2.5, "a decimal comma in a ;-separated table")

        let bad = loadScenario(DecisionFixture.scenario("pins: pins.csv"),
                               extraFiles: ["pins.csv": Array("worker,practice,slott\nanja,stien,mon-am\n".utf8)])
        #expect(bad.scenario == nil)
        let messages = bad.diagnostics.errors.map(\.description)
        #expect(messages.contains { $0.hasPrefix("pins.csv:1:17: pins: unknown column 'slott'; did you mean 'slot'?") }, "\(messages)")
        let fixed = loadScenario(DecisionFixture.scenario("pins: pins.csv"),
                                 extraFiles: ["pins.csv": Array("worker,practice,slot\nanja,stien,mon-am\n".utf8)])
        #expect(fixed.diagnostics.errors.map(\.description).contains {
            $0.hasPrefix("pins.csv:2:6: pins[0].practice: no practice has the id 'stien'; did you mean 'stein'?")
        }, "\(fixed.diagnostics.errors)")
    }

    /// One bad entry does not hide what is wrong across the others.
    @Test func aBadPinDoesNotHideAPairAvoidedAndPinnedElsewhere() {
        let text = "pins:\n  - {worker: anya, practice: stein}\n  - {worker: ben, practice: baandert}\n"
            + "avoid:\n  - {worker: ben, practice: baandert}"
        let loaded = loadScenario(DecisionFixture.scenario(text))
        let messages = loaded.diagnostics.errors.map(\.message)
        #expect(messages.contains { $0.contains("no worker has the id 'anya'") }, "\(messages)")
        #expect(messages.contains { $0.contains("ben at baandert is both pinned and avoided") }, "\(messages)")
    }

    @Test func aPreferenceForAPairThatCanNeverBeIsAWarningNotAnError() throws {
        let marked = Marked(DecisionFixture.scenario("preferences:\n  - ⟨1⟩{worker: ben, practice: stein, weight: 4}"))
        let loaded = loadScenario(marked.text)
        #expect(loaded.scenario != nil)
        let warning = loaded.diagnostics.first { $0.severity == .warning && $0.path == "preferences" }
        #expect(warning?.location == marked.location(file: "team.yaml"))
        #expect(warning?.message.contains("ben at stein can never be a regular pair") == true, "\(loaded.diagnostics)")
    }
}

/// model.md's H10, dropped sessions and unmet preference, counted by hand.
@Suite struct DecisionEvaluationTests {
    static func scenario(_ decisions: String) throws -> Scenario {
        let loaded = loadScenario(DecisionFixture.scenario(decisions), extraFiles: ["q4.json": Array(previousPlan.utf8)])
        return try #require(loaded.scenario, "\(loaded.diagnostics)")
    }

    /// Last quarter: anja at stein on Monday and Tuesday afternoon, ben at baandert.
    static let previousPlan = """
        {"scenario": "Q4", "status": "optimal",
         "sessions": [{"worker": "anja", "practice": "stein", "slot": "mon-am"},
                      {"worker": "anja", "practice": "stein", "slot": "tue-pm"},
                      {"worker": "ben", "practice": "baandert", "slot": "tue-am"},
                      {"worker": "ben", "practice": "gone", "slot": "tue-am"}],
         "backups": [], "mdo": [], "funding": []}
        """

    @Test func droppedSessionsAndUnmetPreferenceAreCountedAndWeighed() throws {
        let s = try Self.scenario("""
            previous: q4.json
            preferences:
              - {worker: anja, practice: stein, weight: 3}
              - {worker: anja, practice: baandert, weight: -2}
              - {worker: ben, practice: baandert, weight: 1.5}
            """)
        #expect(s.previous?.sessions.count == 3, "the session at a practice the scenario lacks is not counted")
        // anja keeps mon-am at stein but moves tue-pm to tue-am (a change),
        // and takes baandert, which she would rather not; ben is not a regular of baandert.
        let plan = Plan(scenario: s.name, status: .feasible, sessions: [
            .init(worker: "anja", practice: "stein", slot: "mon-am"), .init(worker: "anja", practice: "stein", slot: "tue-pm"),
        ])
        let e = Evaluation(scenario: s, plan: plan)
        #expect(e.terms.droppedSessions == [.init(worker: "ben", practice: "baandert", slot: "tue-am")])
        // ben's wish to be at baandert (1.5) is unmet; anja's two are met.
        #expect(e.terms.unmetPreference == 1.5)
        #expect(e.terms.sessionChangeTerm == 10 && e.terms.preferenceTerm == 15)
        let moved = Plan(scenario: s.name, status: .feasible, sessions: [
            .init(worker: "anja", practice: "baandert", slot: "tue-am"), .init(worker: "anja", practice: "stein", slot: "tue-pm"),
        ])
        let m = Evaluation(scenario: s, plan: moved)
        #expect(Set(m.terms.droppedSessions) == [.init(worker: "anja", practice: "stein", slot: "mon-am"),
                                                 .init(worker: "ben", practice: "baandert", slot: "tue-am")])
        #expect(m.terms.unmetPreference == 2 + 1.5, "anja at baandert (−2) and ben not at baandert (+1.5)")
        #expect(m.totals.droppedSessions == 2 && m.totals.unmetPreference == 3.5)
    }

    @Test func everyBrokenPinAndAvoidIsAnH10Violation() throws {
        // Pins and avoids the reader would refuse together, built in code.
        var scenario = try Self.scenario("")
        scenario.pins = [Pin(worker: "anja", practice: "stein", slot: Slot(name: "mon-am")), Pin(worker: "anja", practice: "baandert"),
                         Pin(worker: "anja", practice: "stein", role: .backup)]
        scenario.avoid = [Avoid(worker: "ben", practice: "baandert")]
        let s = scenario
        let plan = Plan(scenario: s.name, status: .feasible, sessions: [.init(worker: "ben", practice: "baandert", slot: "tue-am")],
                        backups: [.init(worker: "ben", practice: "baandert")])
        let h10 = Evaluation(scenario: scenario, plan: plan).violations.filter { $0.rule == .h10 }.map(\.message)
        #expect(h10.sorted() == [
            "anja is pinned as a backup for stein, but is not one",
            "anja is pinned as a regular of baandert, but holds no session there",
            "anja is pinned to a session at stein in mon-am, but does not hold it",
            "ben holds a session at baandert, a pair to avoid",
            "ben is a backup for baandert, a pair to avoid",
        ])
        let kept = Plan(scenario: s.name, status: .feasible, sessions: [
            .init(worker: "anja", practice: "stein", slot: "mon-am"), .init(worker: "anja", practice: "baandert", slot: "tue-am"),
        ])
        var keptScenario = scenario
        keptScenario.pins.removeLast()
        #expect(Evaluation(scenario: keptScenario, plan: kept).violations.filter { $0.rule == .h10 }.isEmpty)
    }

    @Test func aPlanFileStatesTheNewTotalsAndVerifyHoldsItToThem() throws {
        let s = try Self.scenario("previous: q4.json\npreferences:\n  - {worker: anja, practice: stein, weight: 3}")
        var plan = Plan(scenario: s.name, status: .feasible, sessions: [.init(worker: "ben", practice: "baandert", slot: "tue-am")])
        plan.totals = Evaluation(scenario: s, plan: plan).totals
        let text = PlanFile.encode(plan, timing: false)
        #expect(text.contains("\"dropped_sessions\": 2") && text.contains("\"unmet_preference\": 3.0"), "\(text)")
        let (read, problems) = PlanFile.decode(Array(text.utf8), file: "plan.json")
        #expect(problems.isEmpty && read?.totals == plan.totals)
        var lying = plan
        lying.totals?.droppedSessions = 0
        lying.totals?.unmetPreference = 0
        let stated = Evaluation(scenario: s, plan: lying).violations.filter { $0.rule == .stated }.map(\.message)
        #expect(stated.contains("the plan states 0 dropped sessions, but it counts 2"), "\(stated)")
        #expect(stated.contains("the plan states an unmet preference of 0, but it counts 3"), "\(stated)")
        // A plan file from before these totals states neither: nothing to hold it to.
        let old = text.replacingOccurrences(of: ",\n    \"dropped_sessions\": 2", with: "").replacingOccurrences(of: ",\n    \"unmet_preference\": 3.0", with: "")
        #expect(!old.contains("dropped_sessions"), "\(old)")
        let (oldPlan, oldProblems) = PlanFile.decode(Array(old.utf8), file: "plan.json")
        #expect(oldProblems.isEmpty)
        let oldStated = Evaluation(scenario: s, plan: try #require(oldPlan)).violations.filter { $0.rule == .stated }
        #expect(oldStated.isEmpty, "\(oldStated)")
    }
}
