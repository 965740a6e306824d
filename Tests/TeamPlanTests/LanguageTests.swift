import Foundation
import Testing
@testable import TeamPlan

@Suite struct LanguageTests {
    @Test func theLanguageComesFromTheLocaleElseEnglish() {
        #expect(Language.from(environment: ["LANG": "nl_NL.UTF-8"]) == .nl)
        #expect(Language.from(environment: ["LANG": "nl_BE.UTF-8", "LC_ALL": "en_GB.UTF-8"]) == .en, "LC_ALL wins")
        #expect(Language.from(environment: ["LANG": "de_DE.UTF-8"]) == .en)
        #expect(Language.from(environment: [:]) == .en)
    }

    @Test func dutchSummaryReportAndCalendarsSayItInDutch() throws {
        let folder = TemporaryFolder()
        let run = try Executable.run(["plan", Executable.packageRoot + "/inputs/westelijke-mijnstreek.yaml", "--lang", "nl", "--out", "o"],
                                     in: folder.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("optimaal plan (bewezen)"))
        #expect(run.stdout.contains("Wie gaat waar en wanneer (elke week):"))
        #expect(!run.stdout.contains("Who goes where"))
        #expect(run.stdout.contains("Het rapport: "))
        #expect(!run.stdout.contains("The report: "))
        let html = try String(contentsOfFile: folder.path + "/o/report.html", encoding: .utf8)
        #expect(html.contains("<html lang=\"nl\">"))
        for dutch in ["Elke week bij elke praktijk", "De week: wie is waar", "Capaciteitstekort", "maandag"] {
            #expect(html.contains(dutch), "\(dutch)")
        }
        for english in ["Every week at every practice", "The week: who is where", "Capacity gap", "Monday"] {
            #expect(!html.contains(english), "\(english)")
        }
        let calendar = try String(contentsOfFile: folder.path + "/o/calendars/anja.ics", encoding: .utf8)
        #expect(calendar.contains("SUMMARY:Spreekuur bij "))
    }
}
