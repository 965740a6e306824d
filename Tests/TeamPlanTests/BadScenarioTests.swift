import Foundation
import Testing
@testable import TeamPlan

/// One scenario with one mistake: where it is reported and what is said.
struct BadScenario: CustomTestStringConvertible, Sendable {
    var name: String
    /// The scenario with the marker `⟨1⟩` where the error must be reported.
    var marked: String
    var path: String
    var message: String

    var testDescription: String { name }

    init(_ name: String, _ marked: String, path: String, _ message: String) {
        self.name = name
        self.marked = marked
        self.path = path
        self.message = message
    }

    /// The fixture with one line changed.
    init(_ name: String, replacing old: String, with new: String, path: String, _ message: String) {
        self.init(name, Fixture.replacing(old, with: new), path: path, message)
    }
}

enum BadScenarios {
    static let all: [BadScenario] = [
        .init("unknown key with a did-you-mean", replacing: "    skills: [debts, ggz]", with: "    ⟨1⟩skils: [debts, ggz]",
              path: "workers[0].skils", "unknown key; did you mean 'skills'?"),
        .init("unknown top-level key", replacing: "holidays: nl", with: "⟨1⟩holiday: nl",
              path: "holiday", "unknown key; did you mean 'holidays'?"),
        .init("unknown key in a practice", replacing: "    session_hours: 2", with: "    session_hours: 2\n    ⟨1⟩colour: red",
              path: "practices[0].colour", "unknown key"),
        .init("malformed YAML: unclosed flow list", replacing: "    available: [tue-am, wed-am]",
              with: "    available: [tue-am, wed-am\n    skills⟨1⟩: [debts]\n", path: "", "not valid YAML: did not find expected ',' or ']'"),
        .init("malformed YAML: tab indentation", replacing: "    hours_per_week: 32", with: "⟨1⟩\thours_per_week: 32",
              path: "", "not valid YAML: found a tab character"),
        .init("duplicate key", replacing: "  weeks: 13", with: "  weeks: 13\n  ⟨1⟩weeks: 12",
              path: "", "duplicate key 'weeks' (first at line 4, column 3)"),
        .init("a list where a number belongs", replacing: "    hours_per_week: 32", with: "    hours_per_week: ⟨1⟩[32]",
              path: "workers[1].hours_per_week", "expected a number above 0 and at most 60, found a list"),
        .init("a quoted number", replacing: "    hours_per_week: 32", with: "    hours_per_week: ⟨1⟩\"32\"",
              path: "workers[1].hours_per_week", "remove the quotes"),
        .init("text where a number belongs", replacing: "    hours_per_week: 32", with: "    hours_per_week: ⟨1⟩twelve",
              path: "workers[1].hours_per_week", "'twelve' is not a number"),
        .init("duplicate worker id", replacing: "  - id: ben", with: "  - id: ⟨1⟩anja",
              path: "workers[1].id", "duplicate worker id 'anja' (first at line 11, column 9)"),
        .init("worker ids that differ only in case", replacing: "  - id: ben", with: "  - id: ⟨1⟩Anja",
              path: "workers[1].id", "differs from the worker id 'anja'"),
        .init("a worker and a practice share an id", replacing: "  - id: baandert", with: "  - id: ⟨1⟩ben",
              path: "practices[0].id", "'ben' is also a worker's id"),
        .init("duplicate stream id", replacing: "  - id: wor", with: "  - id: ⟨1⟩wmo",
              path: "funding[1].id", "duplicate funding stream id 'wmo'"),
        .init("unknown slot with a did-you-mean", replacing: "[mon-am, tue-am, tue-pm]", with: "[mon-am, ⟨1⟩teu-am, tue-pm]",
              path: "workers[0].available[1]", "'teu-am' is not a slot of this scenario; did you mean 'tue-am'?"),
        .init("a slot on a day the scenario does not plan",
              Fixture.replacing("holidays: nl", with: "holidays: nl\ndays: [mon, tue]")
                  .replacingOccurrences(of: "[tue-am, wed-am]", with: "[tue-am, ⟨1⟩wed-am]"),
              path: "workers[1].available[1]", "'wed-am' is not a slot of this scenario"),
        .init("a practice's open slot that does not exist", replacing: "    open: [tue-am]", with: "    open: [⟨1⟩tue-avond]",
              path: "practices[0].open[0]", "'tue-avond' is not a slot"),
        .init("a stream naming an unknown practice", replacing: "    practices: [baandert]", with: "    practices: [⟨1⟩baandrt]",
              path: "funding[1].practices[0]", "no practice has the id 'baandrt'; did you mean 'baandert'?"),
        .init("negative hours", replacing: "    hours_per_week: 32", with: "    hours_per_week: ⟨1⟩-32",
              path: "workers[1].hours_per_week", "-32 is out of range"),
        .init("NaN", replacing: "    hours_per_week: 32", with: "    hours_per_week: ⟨1⟩.nan",
              path: "workers[1].hours_per_week", "'.nan' is not a finite number"),
        .init("infinity", replacing: "    budget_eur: 45000", with: "    budget_eur: ⟨1⟩.inf",
              path: "funding[0].budget_eur", "'.inf' is not a finite number"),
        .init("absurd contract hours", replacing: "    hours_per_week: 32", with: "    hours_per_week: ⟨1⟩200",
              path: "workers[1].hours_per_week", "200 is out of range; expected a number above 0 and at most 60"),
        .init("absurd budget", replacing: "    budget_eur: 45000", with: "    budget_eur: ⟨1⟩1e15",
              path: "funding[0].budget_eur", "out of range"),
        // Found by the fuzzer: as a coefficient it made GLPK stop with "invalid scale factor".
        .init("a denormal travel time", replacing: "  travel_hours_per_visit: 0.25", with: "  travel_hours_per_visit: ⟨1⟩1e-320",
              path: "overhead.travel_hours_per_visit", "'1e-320' is too small to mean anything here; write 0 or at least 0.000001"),
        .init("a date that does not exist", replacing: "  start: 2027-01-04", with: "  start: ⟨1⟩2027-02-30",
              path: "quarter.start", "2027-02-30 does not exist: February 2027 has 28 days"),
        .init("a date in the wrong form", replacing: "  start: 2027-01-04", with: "  start: ⟨1⟩04.01.2027",
              path: "quarter.start", "'04.01.2027' is not a date; write it as YYYY-MM-DD"),
        .init("leave that ends before it starts", replacing: "{from: 2027-02-22, to: 2027-03-05}",
              with: "{from: 2027-02-22, to: ⟨1⟩2027-02-01}",
              path: "workers[0].leave[0].to", "leave ends on 2027-02-01, before it starts on 2027-02-22"),
        .init("a quarter that starts on a Tuesday", replacing: "  start: 2027-01-04", with: "  start: ⟨1⟩2027-01-05",
              path: "quarter.start", "2027-01-05 is a Tuesday; the quarter must start on a Monday, e.g. 2027-01-04"),
        .init("an id that climbs out of the folder", replacing: "  - id: ben", with: "  - id: ⟨1⟩../x",
              path: "workers[1].id", "'../x' cannot be an id"),
        .init("an id with a space", replacing: "  - id: ben", with: "  - id: ⟨1⟩ben de boer",
              path: "workers[1].id", "use only letters a–z, digits, '-' and '_', e.g. 'ben-de-boer'"),
        .init("an empty id", replacing: "  - id: ben", with: "  - id: ⟨1⟩\"\"",
              path: "workers[1].id", "an id cannot be empty"),
        .init("an id Windows reserves", replacing: "  - id: ben", with: "  - id: ⟨1⟩CON",
              path: "workers[1].id", "Windows reserves it"),
        .init("an alias", replacing: "    skills: [debts]\npractices:", with: "    skills: ⟨1⟩*s\npractices:",
              path: "", "YAML aliases ('*s') are not allowed")
            .withText { $0.replacingOccurrences(of: "skills: [debts, ggz]", with: "skills: &s [debts, ggz]") },
        .init("a missing required key", replacing: "  - id: ben\n    hours_per_week: 32\n", with: "  - ⟨1⟩id: ben\n",
              path: "workers[1].hours_per_week", "missing; this key is required"),
        .init("a missing name", replacing: "name: Test quarter\n", with: "", path: "name", "missing; this key is required")
            .withText { "⟨1⟩" + $0 },
        .init("a required key without a value", replacing: "    hours_per_week: 32", with: "    hours_per_week:⟨1⟩",
              path: "workers[1].hours_per_week", "needs a value"),
        .init("both budget kinds", replacing: "    budget_hours: 120", with: "    budget_hours: 120\n    ⟨1⟩budget_eur: 100",
              path: "funding[1].budget_eur", "either budget_eur or budget_hours, not both"),
        .init("a euro budget without a tariff", replacing: "    rate_eur_per_hour: 82.5\n", with: "",
              path: "funding[0].rate_eur_per_hour", "needs the tariff rate_eur_per_hour")
            .withText { $0.replacingOccurrences(of: "    budget_eur: 45000", with: "    ⟨1⟩budget_eur: 45000") },
        .init("an unknown activity", replacing: "    pays_for: [contact]", with: "    pays_for: [contact, ⟨1⟩reis]",
              path: "funding[1].pays_for[1]", "'reis' is not an activity"),
        .init("a stream that pays for nothing", replacing: "    pays_for: [contact]", with: "    pays_for: ⟨1⟩[]",
              path: "funding[1].pays_for", "needs at least one of contact, admin, travel, mdo"),
        .init("a stream with two scopes", replacing: "    practices: [baandert]",
              with: "    practices: [baandert]\n    ⟨1⟩municipalities: [stein]",
              path: "funding[1].municipalities", "by municipalities or by practices, not both"),
        .init("a session longer than its day part", replacing: "    session_hours: 2", with: "    session_hours: ⟨1⟩5",
              path: "practices[0].session_hours", "a session of 5 h does not fit in tue-am"),
        .init("a quarter of 27 weeks", replacing: "  weeks: 13", with: "  weeks: ⟨1⟩27",
              path: "quarter.weeks", "27 is out of range; expected a whole number from 1 to 26"),
        .init("a fractional week count", replacing: "  weeks: 13", with: "  weeks: ⟨1⟩12.5",
              path: "quarter.weeks", "12.5 is not a whole number"),
        .init("yes for a boolean", replacing: "    hours_per_week: 32", with: "    hours_per_week: 32\n    can_substitute: ⟨1⟩yes",
              path: "workers[1].can_substitute", "expected true or false (or ja or nee), found 'yes'"),
        .init("a misspelt holiday rule", replacing: "holidays: nl", with: "holidays: ⟨1⟩nll",
              path: "holidays", "did you mean 'nl'?"),
        .init("a day part start that is not a time", replacing: "holidays: nl",
              with: "holidays: nl\nday_parts:\n  am: {hours: 4, start: ⟨1⟩9h}",
              path: "day_parts.am.start", "'9h' is not a time of day; write HH:MM"),
        .init("a new day part without a start", replacing: "holidays: nl",
              with: "holidays: nl\nday_parts:\n  am: {hours: 4}\n  avond: ⟨1⟩{hours: 2}",
              path: "day_parts.avond.start", "missing; this key is required"),
        .init("a day part name with a dash", replacing: "holidays: nl",
              with: "holidays: nl\nday_parts:\n  ⟨1⟩a-m: {hours: 4, start: \"09:00\"}",
              path: "day_parts.a-m", "cannot name a day part"),
        .init("reserved hours above the contract", replacing: "    reserved_hours: 6", with: "    reserved_hours: ⟨1⟩30",
              path: "workers[0].reserved_hours", "30 h reserved is more than the 24 contract hours"),
        .init("a practice with no room for workers", replacing: "    session_hours: 2", with: "    session_hours: 2\n    max_workers: ⟨1⟩0",
              path: "practices[0].max_workers", "0 is out of range; expected a whole number from 1 to 100"),
        .init("a priority of zero", replacing: "    session_hours: 2", with: "    session_hours: 2\n    priority: ⟨1⟩0",
              path: "practices[0].priority", "0 is out of range"),
        .init("negative sessions", replacing: "    sessions_per_week: 1", with: "    sessions_per_week: ⟨1⟩-1",
              path: "practices[0].sessions_per_week", "-1 is out of range"),
        .init("a scalar where a list belongs", replacing: "    skills: [debts]\npractices:", with: "    skills: ⟨1⟩debts\npractices:",
              path: "workers[1].skills", "expected a list of names, found 'debts'; write [debts]"),
        .init("an unknown day", replacing: "holidays: nl", with: "holidays: nl\ndays: [mon, tue, ⟨1⟩wen]",
              path: "days[2]", "'wen' is not a day"),
        .init("a second YAML document", replacing: "    practices: [baandert]\n", with: "    practices: [baandert]\n⟨1⟩---\nname: other\n",
              path: "", "a second YAML document"),
        .init("an empty worker list", replacing: "workers:\n", with: "workers: ⟨1⟩[]\nworkers_old:\n",
              path: "workers", "needs at least one entry")
            .withText { $0 },
        .init("the quarter as a date", replacing: "quarter:\n  start: 2027-01-04\n  weeks: 13\n", with: "quarter: ⟨1⟩2027-01-04\n",
              path: "quarter", "expected a mapping of keys"),
        .init("a previous plan that does not exist", replacing: "holidays: nl", with: "holidays: nl\nprevious: ⟨1⟩plans/q4.json",
              path: "", "cannot read the previous plan 'plans/q4.json': no such file"),
        .init("a negative team size", replacing: "holidays: nl", with: "holidays: nl\nteam_size: ⟨1⟩-1",
              path: "team_size", "-1 is out of range"),
        .init("a negative MDO interval", replacing: "  mdo: {every_weeks: 2, hours: 1.0}", with: "  mdo: {every_weeks: ⟨1⟩0, hours: 1.0}",
              path: "overhead.mdo.every_weeks", "0 is out of range"),
        .init("an unknown key in a leave range", replacing: "{from: 2027-02-22, to: 2027-03-05}",
              with: "{from: 2027-02-22, ⟨1⟩till: 2027-03-05}", path: "workers[0].leave[0].till", "unknown key"),
        .init("a municipality left empty", replacing: "    municipality: sittard-geleen", with: "    municipality: ⟨1⟩\"\"",
              path: "practices[0].municipality", "needs a municipality name"),
        .init("a weight that is negative", replacing: "holidays: nl", with: "holidays: nl\nobjective:\n  gap_weight: ⟨1⟩-5",
              path: "objective.gap_weight", "-5 is out of range"),
    ]
}

extension BadScenario {
    /// The same case with its text changed further.
    func withText(_ change: (String) -> String) -> BadScenario {
        var copy = self
        copy.marked = change(marked)
        return copy
    }
}

@Suite struct BadScenarioTests {
    @Test func thereAreAtLeastFortyBadScenarios() {
        #expect(BadScenarios.all.count >= 40)
    }

    @Test(arguments: BadScenarios.all)
    func eachMistakeIsReportedAtItsPosition(_ bad: BadScenario) {
        let marked = Marked(bad.marked)
        let loaded = loadScenario(marked.text)
        #expect(loaded.scenario == nil, "a scenario with an error must not be returned")
        let expected = marked.location(file: "team.yaml")
        let match = loaded.diagnostics.first {
            $0.severity == .error && $0.location == expected && $0.path == bad.path && $0.message.contains(bad.message)
        }
        #expect(match != nil, """
            expected at \(expected): \(bad.path): …\(bad.message)…
            got:
            \(loaded.diagnostics.map(\.description).joined(separator: "\n"))
            """)
    }

    @Test func theFixtureItselfIsValid() {
        let loaded = loadScenario(Fixture.scenario)
        #expect(loaded.diagnostics.errors.isEmpty, "\(loaded.diagnostics)")
        #expect(loaded.scenario != nil)
    }

    @Test func everyProblemIsReportedAtOnceNotOnlyTheFirst() {
        let text = Fixture.scenario
            .replacingOccurrences(of: "    skills: [debts, ggz]", with: "    skils: [debts, ggz]")
            .replacingOccurrences(of: "    hours_per_week: 32", with: "    hours_per_week: -32")
            .replacingOccurrences(of: "  start: 2027-01-04", with: "  start: 2027-01-05")
            .replacingOccurrences(of: "    practices: [baandert]", with: "    practices: [nowhere]")
        let loaded = loadScenario(text)
        let paths = Set(loaded.diagnostics.errors.map(\.path))
        #expect(paths == ["workers[0].skils", "workers[1].hours_per_week", "quarter.start", "funding[1].practices[0]"])
    }

    @Test func everyDuplicateKeyIsReportedNotOnlyTheFirst() {
        let text = Fixture.scenario
            .replacingOccurrences(of: "  weeks: 13", with: "  weeks: 13\n  weeks: 12")
            .replacingOccurrences(of: "    session_hours: 2", with: "    session_hours: 2\n    session_hours: 3")
        let loaded = loadScenario(text)
        #expect(loaded.diagnostics.errors.filter { $0.message.hasPrefix("duplicate key") }.count == 2)
    }

    @Test func nestingDeeperThanSixtyFourLevelsIsRefused() {
        let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        let loaded = loadScenario("name: x\nquarter: " + deep + "\n")
        #expect(loaded.diagnostics.map(\.description) == ["team.yaml:2:73: nested more than 64 levels deep; a scenario needs 5 at most"])
    }

    @Test func aHundredThousandLevelsOfNestingAreRefusedWithoutExhaustingTheStack() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let loaded = loadScenario("name: x\nquarter: " + deep + "\n")
        #expect(loaded.scenario == nil)
        #expect(loaded.diagnostics.errors.count == 1)
        #expect(loaded.diagnostics.errors.first?.location?.line == 2)
    }

    @Test(.timeLimit(.minutes(1)))
    func anAliasBombIsRefusedWithoutExpandingIt() {
        // Nine levels of ten aliases: a billion strings if expanded.
        var text = "a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        for level in 1...9 {
            let refs = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ",")
            text += "a\(level): &a\(level) [\(refs)]\n"
        }
        text += "name: bomb\n"
        let loaded = loadScenario(text)
        #expect(loaded.scenario == nil)
        #expect(loaded.diagnostics.errors.count == 90, "every alias is named")
        #expect(loaded.diagnostics.errors.allSatisfy { $0.message.contains("aliases") })
    }

    @Test func moreThanTwoThousandWorkersAreRefused() {
        var workers = ""
        for i in 0...2000 { workers += "  - {id: w\(i), hours_per_week: 24}\n" }
        let text = Fixture.scenario.replacingOccurrences(
            of: "workers:\n", with: "workers:\n" + workers)
        let loaded = loadScenario(text)
        #expect(loaded.diagnostics.errors.contains { $0.path == "workers" && $0.message.contains("at most 2000 workers") })
    }

    @Test func aFileLargerThanTwentyMebibytesIsRefusedBeforeItIsRead() throws {
        let folder = TemporaryFolder()
        let path = folder.path + "/huge.yaml"
        FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: 25 * 1024 * 1024)  // sparse: nothing to read
        try handle.close()
        let loaded = ScenarioLoader.load(path: path)
        #expect(loaded.diagnostics.count == 1)
        #expect(loaded.diagnostics.first?.message.contains("25.0 MiB; teamplan reads files of at most 20 MiB") == true)
    }

    @Test func invalidUTF8IsReportedAtTheFirstBadByte() {
        var bytes = Array("name: Test\nquarter: {start: 2027-01-04}\n# caf".utf8)
        bytes.append(0xE9)  // é in Windows-1252
        bytes += Array("\n".utf8)
        let loaded = ScenarioLoader.load(yaml: bytes, file: "team.yaml", directory: "/tmp")
        #expect(loaded.diagnostics.map(\.description) == ["team.yaml:3:6: not valid UTF-8 text; save the scenario as UTF-8"])
    }

    @Test func aNulByteIsReportedAtItsPosition() {
        let bytes = Array("name: Te".utf8) + [0] + Array("st\n".utf8)
        let loaded = ScenarioLoader.load(yaml: bytes, file: "team.yaml", directory: "/tmp")
        #expect(loaded.diagnostics.map(\.description) == ["team.yaml:1:9: a NUL byte: this is not a text file"])
    }
}

/// The real executable on every bad scenario: exit 65, the diagnostic on
/// standard error, nothing written.
@Suite struct BadScenarioCommandTests {
    @Test(arguments: BadScenarios.all)
    func checkExitsSixtyFiveAndWritesNothing(_ bad: BadScenario) throws {
        let folder = TemporaryFolder()
        let marked = Marked(bad.marked)
        folder.write("team.yaml", marked.text)
        let before = folder.files
        let result = try Executable.run(["check", "team.yaml"], in: folder.path)
        #expect(result.status == 65)
        #expect(result.stdout.isEmpty)
        let location = marked.location(file: "team.yaml")
        let prefix = bad.path.isEmpty ? "\(location): " : "\(location): \(bad.path): "
        #expect(result.stderr.contains(prefix), "stderr: \(result.stderr)")
        #expect(folder.files == before)
    }
}
