import Foundation
import Testing
@testable import TeamPlan

/// Every text of a scenario and of a plan file has a length limit
/// (ScenarioLimits: ids, municipalities and skills 64 characters, names
/// 200, the previous plan's path 1024), counted in Unicode scalars, so that
/// whatever teamplan writes from a scenario it can read again: an 11 MB
/// scenario name once made a 21 MiB plan.json that verify refused.
@Suite struct TextLimitTests {
    static func x(_ count: Int) -> String { String(repeating: "x", count: count) }

    /// The fixture with every kind of text at `id` characters for ids,
    /// municipalities and skills and `name` for names, and markers where
    /// each is written.
    static func scenario(id: Int, name: Int, nameText: ((Int) -> String)? = nil) -> Marked {
        let longName = nameText ?? { String(repeating: "é", count: $0) }
        let worker = "w" + x(id - 1), practice = "p" + x(id - 1), stream = "s" + x(id - 1)
        let skill = "k" + x(id - 1), town = "m" + x(id - 1)
        return Marked("""
            name: ⟨name⟩\(longName(name))
            quarter: {start: 2027-01-04, weeks: 13}
            workers:
              - id: ⟨wid⟩\(worker)
                name: ⟨wname⟩\(longName(name))
                hours_per_week: 24
                skills: [⟨skill⟩\(skill)]
            practices:
              - id: ⟨pid⟩\(practice)
                name: ⟨pname⟩\(longName(name))
                municipality: ⟨town⟩\(town)
                sessions_per_week: 1
                session_hours: 2
                open: [tue-am]
                requires_skills: [⟨rskill⟩\(skill)]
            funding:
              - id: ⟨sid⟩\(stream)
                funder: ⟨funder⟩\(longName(name))
                budget_hours: 200
                pays_for: [contact, admin, travel, mdo]
                municipalities: [⟨stown⟩\(town)]

            """)
    }

    @Test func theLongestAllowedTextsRead() throws {
        let marked = Self.scenario(id: ScenarioLimits.maxIDLength, name: ScenarioLimits.maxNameLength)
        let loaded = loadScenario(marked.text)
        #expect(!loaded.diagnostics.hasErrors, "\(loaded.diagnostics)")
        let scenario = try #require(loaded.scenario)
        #expect(scenario.name.unicodeScalars.count == 200)
        #expect(scenario.workers[0].id.count == 64)
    }

    @Test func oneCharacterMoreIsRefusedForEachTextWithItsLimit() {
        let marked = Self.scenario(id: 65, name: 201)
        let loaded = loadScenario(marked.text)
        let at = { marked.location($0, file: "team.yaml").description }
        let name = "a name is at most 200 characters; this one has 201"
        #expect(loaded.diagnostics.map(\.description) == [
            "\(at("name")): name: \(name)",
            "\(at("wid")): workers[0].id: an id is at most 64 characters; this one has 65",
            "\(at("wname")): workers[0].name: \(name)",
            "\(at("skill")): workers[0].skills[0]: a skill is at most 64 characters; this one has 65",
            "\(at("pid")): practices[0].id: an id is at most 64 characters; this one has 65",
            "\(at("pname")): practices[0].name: \(name)",
            "\(at("town")): practices[0].municipality: a municipality is at most 64 characters; this one has 65",
            "\(at("rskill")): practices[0].requires_skills[0]: a skill is at most 64 characters; this one has 65",
            "\(at("sid")): funding[0].id: an id is at most 64 characters; this one has 65",
            "\(at("funder")): funding[0].funder: \(name)",
            "\(at("stown")): funding[0].municipalities[0]: a municipality is at most 64 characters; this one has 65",
        ])
        #expect(loaded.scenario == nil)
    }

    /// Characters are Unicode scalars: one letter with 300 combining accents
    /// is one Character but 301 scalars (and 601 bytes) — refused.
    @Test func aLetterWithThreeHundredAccentsCountsEveryAccent() {
        let zalgo = "e" + String(repeating: "\u{0301}", count: 300)
        #expect(zalgo.count == 1)
        let loaded = loadScenario(Fixture.replacing("name: Test quarter", with: "name: \(zalgo)"))
        #expect(loaded.diagnostics.map(\.description) == ["team.yaml:1:7: name: a name is at most 200 characters; this one has 301"])
    }

    @Test func anElevenMegabyteScenarioNameIsRefusedNotCopiedIntoThePlan() {
        let long = String(repeating: "\"", count: 11_000_000)
        let yaml = Fixture.replacing("name: Test quarter", with: "name: '\(long)'")
        let loaded = loadScenario(yaml)
        #expect(loaded.diagnostics.map(\.description) == ["team.yaml:1:7: name: a name is at most 200 characters; this one has 11,000,000"])
    }

    @Test func aPreviousPlanPathOverTheLimitIsRefused() {
        let marked = Marked(Fixture.scenario + "previous: ⟨1⟩" + Self.x(1025) + ".json\n")
        let loaded = loadScenario(marked.text)
        #expect(loaded.diagnostics.map(\.description) == [
            "\(marked.location(file: "team.yaml")): previous: a file path is at most 1024 characters; this one has 1,030",
        ])
    }

    /// A CSV cell has the same limits, at its own line and column.
    @Test func aCSVCellOverTheLimitIsRefusedWhereItIs() {
        let yaml = Fixture.scenario.replacingOccurrences(
            of: Fixture.scenario[Fixture.scenario.range(of: "workers:\n")!.lowerBound..<Fixture.scenario.range(of: "practices:\n")!.lowerBound],
            with: "workers: workers.csv\n")
        let csv = "id;name;hours_per_week;skills\n"
            + "anja;\(String(repeating: "Ä", count: 201));24;debts\n"
            + "\(Self.x(65));Ben;32;debts|\(Self.x(65))\n"
        let loaded = loadScenario(yaml, extraFiles: ["workers.csv": Array(csv.utf8)])
        #expect(loaded.diagnostics.map(\.description) == [
            "workers.csv:2:6: workers[0].name: a name is at most 200 characters; this one has 201",
            "workers.csv:3:1: workers[1].id: an id is at most 64 characters; this one has 65",
            "workers.csv:3:80: workers[1].skills[1]: a skill is at most 64 characters; this one has 65",
        ])
    }

    /// The plan file's texts: the scenario's name 200, worker, practice and
    /// stream ids and slots 64.
    @Test func aPlanFileTextOverTheLimitIsRefused() {
        let text = """
            {"scenario": "\(Self.x(201))", "status": "feasible",
             "sessions": [{"worker": "\(Self.x(65))", "practice": "p", "slot": "\(Self.x(65))"}],
             "backups": [{"worker": "w", "practice": "\(Self.x(65))"}],
             "funding": [{"stream": "\(Self.x(65))", "practice": "p", "activity": "contact", "hours": 1}]}
            """
        let (plan, diagnostics) = PlanFile.decode(Array(text.utf8), file: "plan.json")
        #expect(plan == nil)
        #expect(diagnostics.map(\.description) == [
            "plan.json:1:14: scenario: a name is at most 200 characters; this one has 201",
            "plan.json:2:26: sessions[0].worker: an id is at most 64 characters; this one has 65",
            "plan.json:2:120: sessions[0].slot: a slot is at most 64 characters; this one has 65",
            "plan.json:3:42: backups[0].practice: an id is at most 64 characters; this one has 65",
            "plan.json:4:25: funding[0].stream: an id is at most 64 characters; this one has 65",
        ])
    }

    /// The promise the limits are for: a plan teamplan writes for a scenario
    /// with every text at its limit (names of quotes and backslashes, which
    /// JSON writes as two bytes each) is read back by verify: exit 0.
    @Test func aPlanOfTheLongestTextsIsReadBackByVerify() throws {
        let folder = TemporaryFolder()
        let marked = Self.scenario(id: ScenarioLimits.maxIDLength, name: ScenarioLimits.maxNameLength) {
            "'" + String(repeating: "\"\\", count: $0 / 2) + "'"
        }
        folder.write("long.yaml", marked.text)
        let plan = try Executable.run(["plan", "long.yaml", "--out", "out", "--quiet"], in: folder.path)
        #expect(plan.status == 0, "\(plan.stderr)")
        let written = try #require(FileManager.default.contents(atPath: folder.path + "/out/plan.json"))
        #expect(String(decoding: written, as: UTF8.self).contains(String(repeating: "\\\"\\\\", count: 100)))
        let verify = try Executable.run(["verify", "long.yaml", "out/plan.json"], in: folder.path)
        #expect(verify.status == 0, "\(verify.stderr)")
        #expect(verify.stdout.contains("valid"))
    }
}
