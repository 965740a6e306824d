import Foundation
import Testing
@testable import TeamPlan

/// The scenario reader's errors in Dutch: the catalogue of message forms
/// (`DutchMessages`), and `check --lang nl` on a scenario with mistakes.
@Suite struct DutchErrorTests {
    @Test(arguments: [
        ("unknown key; did you mean 'available'?", "onbekende sleutel; bedoelt u 'available'?"),
        ("missing; this key is required", "ontbreekt; deze sleutel is verplicht"),
        ("'abc' is not a number; expected a number above 0 and at most 60", "'abc' is geen getal; verwacht een getal boven 0 en hoogstens 60"),
        // Numbers in a reader's error stay as the file writes them (YAML takes 0.5, not 0,5).
        ("-2.5 is out of range; expected a number from 0 to 0.5", "-2.5 valt buiten het bereik; verwacht een getal van 0 tot en met 0.5"),
        ("2.5 is not a whole number; expected a whole number from 0 to 5", "2.5 is geen geheel getal; verwacht een geheel getal van 0 tot en met 5"),
        ("expected true, false or a rhythm such as 2w/1h (every 2 weeks, 1 hour), found 'weekly'",
         "verwacht true, false of een ritme zoals 2w/1h (elke 2 weken, 1 uur), gevonden 'weekly'"),
        ("'fry' is not a day; write mon, tue, wed, thu, fri, sat or sun; did you mean 'fri'?",
         "'fry' is geen dag; schrijf mon, tue, wed, thu, fri, sat of sun; bedoelt u 'fri'?"),
        ("no worker has the id 'lieek'; did you mean 'lieke'?", "er is geen medewerker met het id 'lieek'; bedoelt u 'lieke'?"),
        ("expected a list of slots such as tue-am, found 'tue-am'; write [tue-am]",
         "verwacht een lijst van dagdelen zoals tue-am, gevonden 'tue-am'; schrijf [tue-am]"),
        ("expected true or false (or ja or nee), found 'misschien'", "verwacht true of false (of ja of nee), gevonden 'misschien'"),
        ("'42.000' is 42000 with points between the thousands, as Dutch writes it; write 42000 without them",
         "'42.000' is 42000 met punten tussen de duizendtallen; schrijf 42000, zonder punten"),
        ("unknown column 'naam'; did you mean 'name'?", "onbekende kolom 'naam'; bedoelt u 'name'?"),
        ("team.yaml: 3 errors; nothing was written", "team.yaml: 3 fouten; er is niets geschreven"),
    ])
    func aCommonMistakeIsSaidInDutch(english: String, dutch: String) {
        #expect(DutchMessages.translate(english) == dutch)
    }

    @Test func aMessageWithoutADutchFormStaysEnglish() {
        #expect(DutchMessages.translate("something no form knows") == nil)
        let d = Diagnostic.error(at: SourceLocation(file: "t.yaml", line: 1, column: 2), path: "x", "something no form knows")
        #expect(d.text(.nl) == "t.yaml:1:2: x: something no form knows")
    }

    /// The bad-input corpus's errors, each said in Dutch by the catalogue.
    @Test func everyErrorOfTheBadInputCorpusIsSaidInDutch() throws {
        let folder = Executable.packageRoot + "/Tests/BadInput"
        var lines: [String] = []
        for file in try FileManager.default.contentsOfDirectory(atPath: folder) where file.hasSuffix(".expected") {
            let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
            // Warnings carry their Dutch in the diagnostic itself.
            lines += text.split(separator: "\n").map(String.init).filter { !$0.contains(": warning: ") }
        }
        // FILE:LINE:COLUMN: PATH: message — the message after the path (paths have no spaces).
        let messages = lines.compactMap { line -> String? in
            let parts = line.components(separatedBy: ": ")
            guard parts.count >= 2 else { return nil }
            let rest = parts.dropFirst().drop { !$0.contains(" ") && !$0.hasPrefix("'") }
            return rest.isEmpty ? nil : rest.joined(separator: ": ")
        }
        let said = messages.filter { DutchMessages.translate($0) != nil }
        #expect(messages.count > 100)
        let unsaid = Set(messages.filter { DutchMessages.translate($0) == nil }).sorted()
        // Every one: a new kind of mistake in the corpus needs its Dutch form too.
        #expect(unsaid.isEmpty, "\(said.count) of \(messages.count) in Dutch; not: \(unsaid.joined(separator: "\n"))")
    }

    @Test func checkInDutchSaysTheMistakesInDutch() throws {
        let folder = TemporaryFolder()
        folder.write("team.yaml", """
            name: x
            quarter: {start: 2027-01-04, weeks: 13}
            workers:
              - {id: anja, hours_per_week: 24, availble: [tue-am]}
              - {id: ben, hours_per_week: abc, available: tue-am}
            practices:
              - {id: p, municipality: m, sessions_per_week: 1, session_hours: -2, open: [tue-pm]}
            funding:
              - {id: f, budget_eur: 42.000, rate_eur_per_hour: 80, pays_for: [contact, admin, travel, mdo]}
            """)
        let run = try Executable.run(["check", "team.yaml", "--lang", "nl"], in: folder.path)
        #expect(run.status == 65)
        #expect(run.stderr == """
            team.yaml:4:36: workers[0].availble: onbekende sleutel; bedoelt u 'available'?
            team.yaml:5:31: workers[1].hours_per_week: 'abc' is geen getal; verwacht een getal boven 0 en hoogstens 60
            team.yaml:5:47: workers[1].available: verwacht een lijst van dagdelen zoals tue-am, gevonden 'tue-am'; schrijf [tue-am]
            team.yaml:7:67: practices[0].session_hours: -2 valt buiten het bereik; verwacht een getal boven 0 en hoogstens 24
            team.yaml:9:25: funding[0].budget_eur: '42.000' leest als 42 in het Engels maar als 42000 in het Nederlands (een punt tussen de duizendtallen); schrijf 42000, of 42 als dat bedoeld is
            team.yaml: 5 fouten; er is niets geschreven

            """, "\(run.stderr)")
    }
}

/// `verify --lang nl` says the rules a plan breaks in Dutch.
@Suite struct DutchVerifyTests {
    let root = Executable.packageRoot

    @Test(arguments: [
        (#""slot": "tue-am"}"#, #""slot": "mon-pm"}"#, "H1: lieke heeft een spreekuur bij baandert op ma-middag, maar baandert heeft dan geen ruimte (open: tue-am)"),
        (#"{"worker": "lieke", "practice": "baandert", "slot": "tue-am"}"#,
         #"{"worker": "lieke", "practice": "baandert", "slot": "tue-am"}, {"worker": "roel", "practice": "baandert", "slot": "tue-am"}"#,
         "H2: baandert heeft 2 spreekuren op di-ochtend (lieke, roel); hoogstens één per dagdeel"),
        (#""worker": "roel", "practice": "baandert"}"#, #""worker": "lieke", "practice": "baandert"}"#,
         "H6: lieke is vervanger voor baandert maar is daar al vaste medewerker"),
        ("\"mdo\": [\n    {\"worker\": \"lieke\", \"practice\": \"baandert\"}\n  ]", #""mdo": []"#,
         "H7: baandert wordt bediend en heeft een MDO, maar niemand gaat erheen"),
        (#""activity": "travel", "hours": 3.0"#, #""activity": "travel", "hours": 2.0"#,
         "H8: baandert heeft 3 u reistijd gewerkt maar 2 u betaald; elk gewerkt uur moet betaald worden"),
        (#""objective": 1.0"#, #""objective": 0.0"#, "opgave: het plan noemt doelwaarde 0, maar telt 1"),
    ])
    func aBrokenRuleIsSaidInDutch(_ old: String, _ new: String, _ expected: String) throws {
        let folder = TemporaryFolder()
        let original = try String(contentsOfFile: root + "/inputs/plans/baandert-by-hand.json", encoding: .utf8)
        let plan = folder.write("plan.json", original.replacingOccurrences(of: old, with: new))
        let result = try Executable.run(["verify", root + "/inputs/baandert.yaml", plan, "--lang", "nl"], in: folder.path)
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        let broken = result.stdout.components(separatedBy: "Gebroken regels:\n").last ?? ""
        #expect(broken.contains("  " + expected), "\(result.stdout)")
        let s = try #require(ScenarioLoader.load(path: root + "/inputs/baandert.yaml").scenario)
        // No English word of ours anywhere in the Dutch verify (activities and slots are the plan's own words).
        // The rules' names (H1, stated) and the open slots as the scenario writes them are the scenario's words.
        let shown = result.stdout.replacingOccurrences(of: plan, with: "").replacingOccurrences(of: #"(H\d+|opgave): "#, with: "", options: .regularExpression)
            .replacingOccurrences(of: "(open: tue-am)", with: "")
        #expect(DutchOutputTests.english(in: shown, s) == [], "\(result.stdout)")
    }
}
