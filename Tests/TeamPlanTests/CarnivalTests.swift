import Foundation
import Testing
@testable import TeamPlan

/// Carnival (Vastelaovend) closes the office and most practices in Limburg
/// on Monday and Tuesday: `holidays: [nl, carnaval]`; closures carry names.
@Suite struct CarnivalTests {
    /// Rosenmontag (carnival Monday) as published by
    /// feiertage-brueckentage-ferien.de/events/rosenmontag/ for 2024–2034;
    /// 2035 from its Easter, 25 March 2035, less 48 days.
    static let published = [
        (2024, "2024-02-12"), (2025, "2025-03-03"), (2026, "2026-02-16"), (2027, "2027-02-08"), (2028, "2028-02-28"),
        (2029, "2029-02-12"), (2030, "2030-03-04"), (2031, "2031-02-24"), (2032, "2032-02-09"), (2033, "2033-02-28"),
        (2034, "2034-02-20"), (2035, "2035-02-05"),
    ]

    @Test func carnivalMondayAndTuesdayAreThePublishedDatesFrom2024To2035() throws {
        for (year, monday) in Self.published {
            let days = DutchHolidays.carnival(year: year)
            let date = try #require(LocalDate(iso: monday))
            #expect(days.map(\.date) == [date, date.adding(days: 1)], "\(year)")
            #expect(days.map(\.dutchName) == ["Carnavalsmaandag", "Carnavalsdinsdag"])
            #expect(days[0].date.weekday == .mon && days[1].date.weekday == .tue)
        }
    }

    static func scenario(_ holidays: String, closures: String = "[]") -> LoadedScenario {
        loadScenario("""
            name: Vastelaovend
            quarter: {start: 2027-01-04, weeks: 13}
            holidays: \(holidays)
            closures: \(closures)
            workers:
              - {id: anja, hours_per_week: 24, available: [mon-am, tue-am]}
            practices:
              - {id: p1, municipality: m, sessions_per_week: 2, session_hours: 2, open: [mon-am, tue-am], mdo: false, backups: 0}
            funding:
              - {id: wmo, budget_hours: 200, pays_for: [contact]}
            """)
    }

    @Test func nlAndCarnavalCloseTheCAOHolidaysAndCarnivalMondayAndTuesday() throws {
        let loaded = Self.scenario("[nl, carnaval]")
        let s = try #require(loaded.scenario, "\(loaded.diagnostics)")
        let calendar = QuarterCalendar(s)
        #expect(calendar.closedDays.map(\.date.description) == ["2027-02-08", "2027-02-09", "2027-03-29"])
        #expect(calendar.closedDays.map(\.name) == ["Carnival Monday", "Carnival Tuesday", "Easter Monday"])
        let carnivalOnly = try #require(Self.scenario("carnaval").scenario)
        #expect(QuarterCalendar(carnivalOnly).closedDays.map(\.date.description) == ["2027-02-08", "2027-02-09"])
        let withADate = try #require(Self.scenario("[carnival, 2027-05-14, nl]").scenario)
        #expect(withADate.holidayRule == HolidayRule(dutch: true, carnival: true, dates: [LocalDate(iso: "2027-05-14")!]))
    }

    @Test func aNamedClosureIsNamedEverywhereTheClosedDaysAre() throws {
        let loaded = Self.scenario("[nl, carnaval]", closures: "[{date: 2027-01-08, name: Teamdag}, 2027-03-12]")
        let s = try #require(loaded.scenario, "\(loaded.diagnostics)")
        let calendar = QuarterCalendar(s)
        #expect(calendar.closedDays.map { "\($0.date) \($0.name)" } == [
            "2027-01-08 Teamdag", "2027-02-08 Carnival Monday", "2027-02-09 Carnival Tuesday", "2027-03-12 Closure", "2027-03-29 Easter Monday",
        ])
        #expect(calendar.closedDays(inWeek: 6).map(\.dutchName) == ["Carnavalsmaandag", "Carnavalsdinsdag"])
    }

    @Test func aMisspeltHolidayWordGetsADidYouMean() {
        let loaded = Self.scenario("[nl, carneval]")
        #expect(loaded.diagnostics.errors.contains { $0.description.contains("holidays[1]: 'carneval' is neither a date nor nl, carnaval or none; did you mean 'carnaval'?") },
                "\(loaded.diagnostics)")
    }

    /// Carnival week in check, the report's week grid and the calendars.
    @Test func carnivalWeekIsClosedAndNamedInCheckTheReportAndTheCalendars() throws {
        let folder = TemporaryFolder()
        folder.write("team.yaml", """
            name: Vastelaovend
            quarter: {start: 2027-01-04, weeks: 13}
            holidays: [nl, carnaval]
            closures: [{date: 2027-01-08, name: Teamdag}]
            workers:
              - {id: anja, hours_per_week: 24, available: [mon-am, wed-am]}
            practices:
              - {id: p1, municipality: m, sessions_per_week: 2, session_hours: 2, open: [mon-am, wed-am], mdo: false, backups: 0}
            funding:
              - {id: wmo, budget_hours: 200, pays_for: [contact]}
            """)
        let check = try Executable.run(["check", "team.yaml"], in: folder.path)
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.contains("     6  2027-02-08  2027-W06  Carnival Monday 2027-02-08, Carnival Tuesday 2027-02-09"), "\(check.stdout)")
        #expect(check.stdout.contains("2027-01-08 fri  Teamdag"), "\(check.stdout)")
        let plan = try Executable.run(["plan", "team.yaml", "--quiet", "--lang", "nl", "--out", "o"], in: folder.path)
        #expect(plan.status == 0, "\(plan.stderr)")
        let page = try String(contentsOfFile: folder.path + "/o/report.html", encoding: .utf8)
        // Week 6 holds one session of two (Monday is carnival): the grid shows it closed, and names both days.
        #expect(page.contains("<title>p1, week 6: gehouden 1, vervangen 0, vervallen 0, gesloten 1, niet gepland 0</title>"), "the tooltip")
        let cell = try #require(page.range(of: "<title>p1, week 6: "))
        let rect = page[..<cell.lowerBound].suffix(300)
        #expect(rect.contains("fill=\"\(PlanReport.closed)\""), "week 6 is drawn closed: \(rect)")
        #expect(page.contains("week 6: Carnavalsmaandag (2027-02-08), Carnavalsdinsdag (2027-02-09)"))
        #expect(page.contains("week 1: Teamdag (2027-01-08)"))
        let ics = try String(contentsOfFile: folder.path + "/o/calendars/anja.ics", encoding: .utf8).replacingOccurrences(of: "\r\n ", with: "")
        #expect(ics.contains("Gesloten: 2027-02-08 Carnavalsmaandag"), "the Monday series names the carnival Monday it skips")
    }
}
