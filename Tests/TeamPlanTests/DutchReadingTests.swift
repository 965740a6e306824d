import Foundation
import Testing
@testable import TeamPlan

/// What a Dutch manager writes is never read silently as something else:
/// `42.000` is forty-two thousand to them and 42 to YAML, `1,10` one value
/// to them and two on a command line. Each such number is an error that
/// says both readings; numbers that are plausible in neither reading are a
/// warning; names that differ only in case or accents get a did-you-mean.
@Suite struct DutchReadingTests {
    static let scenario = """
        name: Leesbaar
        quarter: {start: 2027-01-04, weeks: 13}
        overhead: {admin_per_contact_hour: 0.5, travel_hours_per_visit: 0.25}
        workers:
          - {id: anja, hours_per_week: HOURS, available: [tue-am, wed-am], skills: [schulden]}
        practices:
          - {id: p1, municipality: Sittard-Geleen, sessions_per_week: 1, session_hours: 2, open: [tue-am], mdo: false, backups: 0}
        funding:
          - {id: wmo, budget_eur: BUDGET, rate_eur_per_hour: 82.5, municipalities: [Sittard-Geleen], pays_for: [contact, admin, travel]}
        """

    static func load(hours: String = "24", budget: String = "45000", _ change: (String) -> String = { $0 }) -> LoadedScenario {
        loadScenario(change(scenario.replacingOccurrences(of: "HOURS", with: hours).replacingOccurrences(of: "BUDGET", with: budget)))
    }

    static func messages(_ loaded: LoadedScenario, _ severity: Diagnostic.Severity) -> [String] {
        loaded.diagnostics.filter { $0.severity == severity }.map(\.description)
    }

    @Test(arguments: [
        ("budget_eur", "42.000", "team.yaml:9:27: funding[0].budget_eur: '42.000' reads as 42 in English but as 42000 in Dutch, where a point groups thousands; write 42000, or 42 if that is meant"),
        ("budget_eur", "45.000.000", "'45.000.000' is 45000000 with points between the thousands, as Dutch writes it; write 45000000 without them"),
        // Inside { } YAML ends the entry at the comma: said as what it is.
        ("budget_eur", "42,000", "team.yaml:9:27: funding[0].budget_eur: '42,000': inside { } a comma ends the entry, so this reads as 42 and a key '000'. Write 42000 for the thousands, or 42 for the decimal"),
        ("hours_per_week", "1.250", "'1.250' reads as 1.25 in English but as 1250 in Dutch"),
        ("hours_per_week", "24,5", "team.yaml:5:32: workers[0].hours_per_week: '24,5': inside { } a comma ends the entry, so this reads as 24 and a key '5'. For a decimal, write it with a point: 24.5"),
    ])
    func aNumberDutchAndEnglishReadDifferentlyIsAnErrorWithBothReadings(key: String, text: String, message: String) {
        let loaded = key == "budget_eur" ? Self.load(budget: text) : Self.load(hours: text)
        #expect(loaded.scenario == nil)
        #expect(Self.messages(loaded, .error).contains { $0.contains(message) }, "\(loaded.diagnostics)")
    }

    /// Outside braces YAML reads `24,5` as text: said as a decimal comma.
    @Test func aDecimalCommaOnItsOwnLineIsSaidAsOne() {
        let yaml = Self.scenario.replacingOccurrences(of: "BUDGET", with: "45000")
            .replacingOccurrences(of: "  - {id: anja, hours_per_week: HOURS, available: [tue-am, wed-am], skills: [schulden]}",
                                  with: "  - id: anja\n    hours_per_week: 24,5\n    available: [tue-am, wed-am]")
        let loaded = loadScenario(yaml)
        let errors = Self.messages(loaded, .error)
        #expect(errors.contains("team.yaml:6:21: workers[0].hours_per_week: '24,5' has a decimal comma; write it with a point: 24.5"), "\(errors)")
        #expect(loaded.scenario == nil)
    }

    @Test func numbersThatReadTheSameStayAsTheyWere() throws {
        let loaded = Self.load(hours: "24.5", budget: "45000.50")
        let s = try #require(loaded.scenario, "\(loaded.diagnostics)")
        #expect(s.workers[0].hoursPerWeek == 24.5)
        #expect(s.funding[0].budget == .euros(45000.5, ratePerHour: 82.5))
        #expect(Self.load(hours: "0.125").scenario?.workers[0].hoursPerWeek == 0.125, "a leading 0 is no thousands group")
    }

    /// A Dutch spreadsheet's CSV (semicolons): a comma is the decimal mark,
    /// and a point followed by three digits is the thousands separator that
    /// cell formats add.
    @Test func aDutchCSVsThousandsPointIsAnErrorAndItsDecimalCommaANumber() throws {
        let yaml = Self.scenario.replacingOccurrences(of: "HOURS", with: "24").replacingOccurrences(of: "BUDGET", with: "45000")
            .replacingOccurrences(of: "workers:\n  - {id: anja, hours_per_week: 24, available: [tue-am, wed-am], skills: [schulden]}", with: "workers: workers.csv")
        #expect(yaml.contains("workers: workers.csv"))
        let good = loadScenario(yaml, extraFiles: ["workers.csv": Array("id;hours_per_week;available\nanja;24,5;tue-am|wed-am\n".utf8)])
        #expect(good.scenario?.workers[0].hoursPerWeek == 24.5, "\(good.diagnostics)")
        let bad = loadScenario(yaml, extraFiles: ["workers.csv": Array("id;hours_per_week;available\nanja;1.250;tue-am|wed-am\n".utf8)])
        #expect(bad.scenario == nil)
        #expect(Self.messages(bad, .error).contains { $0.hasPrefix("workers.csv:2:6: workers[0].hours_per_week: '1.250' reads as 1.25 in English but as 1250 in Dutch") }, "\(bad.diagnostics)")
    }

    @Test func aBudgetOfFortyTwoEurosIsAWarningThatSaysWhy() {
        let loaded = Self.load(budget: "42")
        #expect(loaded.scenario != nil)
        #expect(Self.messages(loaded, .warning).contains {
            $0.hasPrefix("team.yaml:9:27: warning: funding[0].budget_eur: a quarter's budget of € 42 is implausibly small (0.51 h at € 82.5 an hour)")
                && $0.contains("In Dutch 42.000 is forty-two thousand")
        }, "\(loaded.diagnostics)")
        #expect(!Self.messages(Self.load(budget: "45000"), .warning).contains { $0.contains("implausibly") })
    }

    @Test(arguments: [
        ("hours_per_week: 24,", "hours_per_week: 0.5,", "0.5 contract hours a week is implausibly few"),
        ("session_hours: 2,", "session_hours: 0.1,", "a consultation hour of 6 minutes is implausibly short"),
        ("rate_eur_per_hour: 82.5", "rate_eur_per_hour: 0.825", "a tariff of € 0.83 an hour is implausibly low"),
        ("budget_eur: 45000, rate_eur_per_hour: 82.5", "budget_hours: 4", "a quarter's budget of 4 h is implausibly small"),
    ])
    func implausiblySmallHoursAndEurosAreWarnings(from: String, to: String, message: String) {
        let loaded = Self.load { $0.replacingOccurrences(of: from, with: to) }
        #expect(loaded.scenario != nil, "\(loaded.diagnostics)")
        #expect(Self.messages(loaded, .warning).contains { $0.contains(message) }, "\(loaded.diagnostics)")
    }

    @Test func namesThatDifferOnlyInCaseOrAccentsGetADidYouMean() {
        let municipality = Self.load { $0.replacingOccurrences(of: "municipalities: [Sittard-Geleen]", with: "municipalities: [sittard-geléen]") }
        #expect(Self.messages(municipality, .warning).contains { $0.contains("no practice lies in the municipality 'sittard-geléen'; did you mean 'Sittard-Geleen'?") },
                "\(municipality.diagnostics)")
        let skill = Self.load { $0.replacingOccurrences(of: "open: [tue-am],", with: "open: [tue-am], requires_skills: [Schulden],") }
        #expect(Self.messages(skill, .warning).contains { $0.contains("did you mean 'schulden' for 'Schulden'?") }, "\(skill.diagnostics)")
        let practices = Self.load {
            $0.replacingOccurrences(of: "funding:", with: "  - {id: p2, municipality: sittard-geleen, sessions_per_week: 1, session_hours: 2, open: [wed-am], mdo: false, backups: 0}\nfunding:")
        }
        #expect(Self.messages(practices, .warning).contains {
            $0.contains("practices[1].municipality: 'sittard-geleen' and 'Sittard-Geleen' differ only in case or accents, so they are two municipalities; did you mean 'Sittard-Geleen'?")
        }, "\(practices.diagnostics)")
        let pin = Self.load { $0 + "\npins:\n  - {worker: Anja, practice: p1}" }
        #expect(Self.messages(pin, .error).contains { $0.contains("did you mean 'anja'?") }, "\(pin.diagnostics)")
    }

    /// `--budget-scale '*=1,10'` swept ×1 and ×10 where a Dutch analyst
    /// meant ×1.1; `'*=0,9'` swept a budget of nothing.
    @Test(arguments: [
        ("*=1,10", "reads as the two values 1 and 10 in English but as the one value 1.1 in Dutch (a decimal comma); write 1;10 for the two, or 1.1 for the one"),
        ("*=0,9", "reads as the two values 0 and 9 in English but as the one value 0.9 in Dutch"),
    ])
    func aSweepListThatIsOneDutchNumberIsRefusedOnTheCommandLine(scale: String, message: String) throws {
        let folder = TemporaryFolder()
        folder.write("team.yaml", Self.scenario.replacingOccurrences(of: "HOURS", with: "24").replacingOccurrences(of: "BUDGET", with: "45000"))
        let run = try Executable.run(["sweep", "team.yaml", "--budget-scale", scale, "--out", "s"], in: folder.path)
        #expect(run.status == 64, "\(run.stdout)\(run.stderr)")
        #expect(run.stderr.contains(message), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/s"), "nothing written")
        let dutch = try Executable.run(["sweep", "team.yaml", "--budget-scale", "*=0,9;1,1", "--out", "s", "--quiet"], in: folder.path)
        #expect(dutch.status == 0, "\(dutch.stderr)")
        #expect(dutch.stdout.contains("2 of 2 points planned"), "\(dutch.stdout)")
    }
}
