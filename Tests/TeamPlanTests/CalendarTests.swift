import Foundation
import Testing
@testable import TeamPlan

private func isoDate(_ iso: String) -> LocalDate {
    guard let d = LocalDate(iso: iso) else { fatalError("bad test date \(iso)") }
    return d
}

// MARK: - Weekday

@Suite struct WeekdayTests {
    @Test func namesRunMondayToSundayInIsoOrder() {
        #expect(Weekday.allCases.map(\.name) == ["mon", "tue", "wed", "thu", "fri", "sat", "sun"])
        #expect(Weekday.allCases.map(\.englishName)
                == ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"])
        #expect(Weekday.allCases.map(\.dutchName)
                == ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"])
        #expect(Weekday.mon < Weekday.sun)
        #expect(!(Weekday.sat < Weekday.fri))
    }

    @Test func parsesOnlyLowercaseShortNames() {
        #expect(Weekday(name: "tue") == .tue)
        #expect(Weekday(name: "sun") == .sun)
        #expect(Weekday(name: "Mon") == nil)
        #expect(Weekday(name: "MON") == nil)
        #expect(Weekday(name: "monday") == nil)
        #expect(Weekday(name: "") == nil)
    }

    @Test func codesAsItsShortName() throws {
        let json = try JSONEncoder().encode([Weekday.wed, .sun])
        #expect(String(decoding: json, as: UTF8.self) == #"["wed","sun"]"#)
        #expect(try JSONDecoder().decode([Weekday].self, from: Data(#"["fri"]"#.utf8)) == [.fri])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Weekday].self, from: Data(#"["Fri"]"#.utf8)) }
    }
}

// MARK: - LocalDate

@Suite struct LocalDateTests {
    @Test(arguments: [
        (2027, 2, 30), (2027, 2, 29), (1900, 2, 29), (2100, 2, 29), (2027, 13, 1), (2027, 0, 10),
        (2027, 4, 31), (2027, 1, 32), (2027, 1, 0), (0, 1, 1), (10000, 1, 1), (-1, 1, 1),
    ])
    func rejectsDatesThatDoNotExist(year: Int, month: Int, day: Int) {
        #expect(LocalDate(year: year, month: month, day: day) == nil)
    }

    @Test func acceptsLeapDaysOnlyInLeapYears() {
        #expect(LocalDate(year: 2028, month: 2, day: 29) != nil)
        #expect(LocalDate(year: 2000, month: 2, day: 29) != nil)
        #expect(LocalDate(year: 2027, month: 2, day: 29) == nil)
        #expect(LocalDate(year: 1900, month: 2, day: 29) == nil)
        #expect(LocalDate(iso: "2028-02-29") != nil)
        #expect(LocalDate(iso: "2027-02-29") == nil)
    }

    @Test func acceptsTheLimitsOfYearsOneToNineNineNineNine() {
        #expect(LocalDate(year: 1, month: 1, day: 1) == LocalDate.earliest)
        #expect(LocalDate(year: 9999, month: 12, day: 31) == LocalDate.latest)
        #expect(LocalDate(iso: "0001-01-01") == LocalDate.earliest)
        #expect(LocalDate(iso: "0000-12-31") == nil)
    }

    @Test(arguments: [
        "2027-02-30", "2027-02-29", "2027-13-01", "2027-00-10", "2027-1-4", "27-01-04",
        "2027-01-04x", "", " 2027-01-04", "2027-01-04 ", "2027/01/04", "20270104", "2027-01-4",
        "+027-01-04", "2027--1-04", "2027x01-04", "2027-01x04", "2027001004", "２０２７-01-04", "2027-01-0٤", "2027-01-04T00:00",
    ])
    func isoParsingRejectsAnythingButAnExistingYYYYMMDD(text: String) {
        #expect(LocalDate(iso: text) == nil)
    }

    @Test func isoParsingReadsYearMonthAndDay() throws {
        let d = try #require(LocalDate(iso: "2027-01-04"))
        #expect(d.year == 2027)
        #expect(d.month == 1)
        #expect(d.day == 4)
        #expect(d == LocalDate(year: 2027, month: 1, day: 4))
    }

    @Test func descriptionIsZeroPaddedIso() {
        #expect(isoDate("2027-01-04").description == "2027-01-04")
        #expect(LocalDate(year: 33, month: 3, day: 9)!.description == "0033-03-09")
        #expect("\(LocalDate(year: 2026, month: 12, day: 31)!)" == "2026-12-31")
    }

    @Test func codesAsTheIsoString() throws {
        let json = try JSONEncoder().encode(["start": isoDate("2027-01-04")])
        #expect(String(decoding: json, as: UTF8.self) == #"{"start":"2027-01-04"}"#)
        let back = try JSONDecoder().decode([String: LocalDate].self, from: json)
        #expect(back["start"] == isoDate("2027-01-04"))
    }

    @Test func decodingANonexistentDateThrows() {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([LocalDate].self, from: Data(#"["2027-02-30"]"#.utf8))
        }
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([LocalDate].self, from: Data(#"[20270104]"#.utf8))
        }
    }

    @Test(arguments: [
        ("1970-01-01", 0), ("1969-12-31", -1), ("2000-03-01", 11017), ("2027-01-04", 20822),
        ("0001-01-01", -719_162), ("9999-12-31", 2_932_896),
    ])
    func dayNumberCountsDaysSinceTheUnixEpoch(iso: String, number: Int) {
        #expect(isoDate(iso).dayNumber == number)
        #expect(LocalDate(dayNumber: number) == isoDate(iso))
    }

    /// Walks 1900-01-01 … 2100-12-31 one day at a time with a naive
    /// month-length counter, and checks both conversions agree with it.
    @Test func dayNumberRoundTripsEveryDayFrom1900Through2100() {
        var (y, m, d) = (1900, 1, 1)
        var number = isoDate("1900-01-01").dayNumber
        #expect(number == -25567)
        var mismatches = 0
        while y <= 2100 {
            let expected = LocalDate(year: y, month: m, day: d)!
            let fromNumber = LocalDate(dayNumber: number)
            if fromNumber != expected || expected.dayNumber != number { mismatches += 1 }
            number += 1
            d += 1
            if d > LocalDate.daysInMonth(year: y, month: m) { d = 1; m += 1 }
            if m > 12 { m = 1; y += 1 }
        }
        #expect(mismatches == 0)
        #expect(number == isoDate("2101-01-01").dayNumber)
    }

    @Test func dayNumberRoundTripsAcrossTheWholeRange() {
        for n in stride(from: LocalDate.earliest.dayNumber, through: LocalDate.latest.dayNumber, by: 997) {
            #expect(LocalDate(dayNumber: n).dayNumber == n)
        }
        #expect(LocalDate(dayNumber: LocalDate.latest.dayNumber) == isoDate("9999-12-31"))
    }

    @Test(arguments: [
        ("2027-01-04", Weekday.mon), ("1970-01-01", .thu), ("2000-01-01", .sat), ("2025-04-27", .sun),
        ("2031-04-27", .sun), ("2026-12-31", .thu), ("1969-12-31", .wed), ("0001-01-01", .mon),
        ("2024-02-29", .thu),
    ])
    func weekdayOfKnownDates(iso: String, weekday: Weekday) {
        #expect(isoDate(iso).weekday == weekday)
    }

    @Test func weekdaysCycleDayByDay() {
        var day = isoDate("1899-12-25")  // a Monday
        for i in 0..<10_000 {
            #expect(day.weekday.rawValue == i % 7)
            day = day.adding(days: 1)
        }
    }

    @Test func addingDaysCrossesMonthYearAndLeapDay() {
        #expect(isoDate("2027-01-04").adding(days: 7) == isoDate("2027-01-11"))
        #expect(isoDate("2027-01-04").adding(days: 12 * 7 + 4) == isoDate("2027-04-02"))
        #expect(isoDate("2026-12-31").adding(days: 1) == isoDate("2027-01-01"))
        #expect(isoDate("2027-01-01").adding(days: -1) == isoDate("2026-12-31"))
        #expect(isoDate("2028-02-28").adding(days: 1) == isoDate("2028-02-29"))
        #expect(isoDate("2027-02-28").adding(days: 1) == isoDate("2027-03-01"))
        #expect(isoDate("2027-03-01").adding(days: -366) == isoDate("2026-02-28"))
        #expect(isoDate("2027-01-04").adding(days: 0) == isoDate("2027-01-04"))
        #expect(isoDate("2027-01-04").days(until: isoDate("2027-04-05")) == 91)
    }

    @Test func datesOrderChronologicallyAndStrideByDays() {
        #expect(isoDate("2026-12-31") < isoDate("2027-01-01"))
        #expect(isoDate("2027-01-31") < isoDate("2027-02-01"))
        #expect(!(isoDate("2027-02-01") < isoDate("2027-02-01")))
        let week = Array(isoDate("2027-01-04")...isoDate("2027-01-10"))
        #expect(week.count == 7)
        #expect(week.map(\.weekday) == Weekday.allCases)
        #expect((isoDate("2028-02-01")..<isoDate("2028-03-01")).count == 29)
    }

    @Test func dayOfYearCountsFromFirstJanuary() {
        #expect(isoDate("2027-01-01").dayOfYear == 1)
        #expect(isoDate("2027-12-31").dayOfYear == 365)
        #expect(isoDate("2028-12-31").dayOfYear == 366)
        #expect(isoDate("2028-03-01").dayOfYear == 61)
    }

    // Expected values checked with Python's date.isocalendar().
    @Test(arguments: [
        ("2026-12-31", 2026, 53), ("2027-01-01", 2026, 53), ("2027-01-03", 2026, 53),
        ("2027-01-04", 2027, 1), ("2024-12-30", 2025, 1), ("2021-01-03", 2020, 53),
        ("2020-12-31", 2020, 53), ("2016-01-03", 2015, 53), ("2008-12-29", 2009, 1),
        ("2010-01-03", 2009, 53), ("2027-04-05", 2027, 14), ("2027-12-31", 2027, 52),
    ])
    func isoWeekMatchesPythonIsocalendar(iso: String, year: Int, week: Int) {
        let w = isoDate(iso).isoWeek
        #expect(w.year == year)
        #expect(w.week == week)
    }

    /// 4 January is always in week 1 and 28 December always in the last
    /// week; Mondays start a new week and other days keep it.
    @Test func isoWeeksFollowTheFourthOfJanuaryRule() {
        for year in 1990...2060 {
            #expect(LocalDate(year: year, month: 1, day: 4)!.isoWeek == (year, 1))
            let last = LocalDate(year: year, month: 12, day: 28)!.isoWeek
            #expect(last.year == year)
            #expect(last.week == 52 || last.week == 53)
        }
        var day = isoDate("1999-12-27")
        var previous = day.isoWeek
        while day < isoDate("2041-01-01") {
            day = day.adding(days: 1)
            let current = day.isoWeek
            if day.weekday == .mon {
                #expect(current.week == 1 || current == (previous.year, previous.week + 1))
            } else {
                #expect(current == previous)
            }
            previous = current
        }
    }
}

// MARK: - Dutch holidays

/// One row of the published table: Easter Monday, Ascension Day, Whit Monday
/// and King's Day. Easter dates are the published Western Easter dates,
/// checked against python-dateutil's `easter()`; King's Day against
/// Python's datetime (27 April 2025 and 2031 are Sundays).
struct MovableHolidayRow: Sendable, CustomTestStringConvertible {
    let year: Int
    let easterMonday: String
    let ascension: String
    let whitMonday: String
    let kingsDay: String
    var testDescription: String { String(year) }
}

private let publishedTable: [MovableHolidayRow] = [
    .init(year: 2024, easterMonday: "2024-04-01", ascension: "2024-05-09", whitMonday: "2024-05-20", kingsDay: "2024-04-27"),
    .init(year: 2025, easterMonday: "2025-04-21", ascension: "2025-05-29", whitMonday: "2025-06-09", kingsDay: "2025-04-26"),
    .init(year: 2026, easterMonday: "2026-04-06", ascension: "2026-05-14", whitMonday: "2026-05-25", kingsDay: "2026-04-27"),
    .init(year: 2027, easterMonday: "2027-03-29", ascension: "2027-05-06", whitMonday: "2027-05-17", kingsDay: "2027-04-27"),
    .init(year: 2028, easterMonday: "2028-04-17", ascension: "2028-05-25", whitMonday: "2028-06-05", kingsDay: "2028-04-27"),
    .init(year: 2029, easterMonday: "2029-04-02", ascension: "2029-05-10", whitMonday: "2029-05-21", kingsDay: "2029-04-27"),
    .init(year: 2030, easterMonday: "2030-04-22", ascension: "2030-05-30", whitMonday: "2030-06-10", kingsDay: "2030-04-27"),
    .init(year: 2031, easterMonday: "2031-04-14", ascension: "2031-05-22", whitMonday: "2031-06-02", kingsDay: "2031-04-26"),
    .init(year: 2032, easterMonday: "2032-03-29", ascension: "2032-05-06", whitMonday: "2032-05-17", kingsDay: "2032-04-27"),
    .init(year: 2033, easterMonday: "2033-04-18", ascension: "2033-05-26", whitMonday: "2033-06-06", kingsDay: "2033-04-27"),
    .init(year: 2034, easterMonday: "2034-04-10", ascension: "2034-05-18", whitMonday: "2034-05-29", kingsDay: "2034-04-27"),
    .init(year: 2035, easterMonday: "2035-03-26", ascension: "2035-05-03", whitMonday: "2035-05-14", kingsDay: "2035-04-27"),
]

private func holiday(named name: String, in year: Int) -> LocalDate? {
    let matches = DutchHolidays.holidays(year: year).filter { $0.name == name }
    return matches.count == 1 ? matches[0].date : nil
}

@Suite struct DutchHolidayTests {
    @Test func publishedTableCoversEveryYearFrom2024Through2035() {
        #expect(publishedTable.map(\.year) == Array(2024...2035))
    }

    @Test(arguments: publishedTable)
    func movableHolidaysMatchThePublishedTable(row: MovableHolidayRow) {
        #expect(holiday(named: "Easter Monday", in: row.year) == isoDate(row.easterMonday))
        #expect(holiday(named: "Ascension Day", in: row.year) == isoDate(row.ascension))
        #expect(holiday(named: "Whit Monday", in: row.year) == isoDate(row.whitMonday))
        #expect(holiday(named: "King's Day", in: row.year) == isoDate(row.kingsDay))
    }

    @Test(arguments: [
        (2024, "2024-03-31"), (2025, "2025-04-20"), (2026, "2026-04-05"), (2027, "2027-03-28"),
        (2028, "2028-04-16"), (2029, "2029-04-01"), (2030, "2030-04-21"), (2031, "2031-04-13"),
        (2032, "2032-03-28"), (2033, "2033-04-17"), (2034, "2034-04-09"), (2035, "2035-03-25"),
        // Extremes of the Gregorian computus: earliest (22 March) and latest (25 April).
        (1818, "1818-03-22"), (2285, "2285-03-22"), (1943, "1943-04-25"), (2038, "2038-04-25"),
        (2000, "2000-04-23"), (1961, "1961-04-02"),
    ])
    func easterSundayMatchesThePublishedWesternTable(year: Int, easter: String) {
        let sunday = DutchHolidays.easterSunday(year: year)
        #expect(sunday == isoDate(easter))
        #expect(sunday.weekday == .sun)
    }

    @Test func easterAlwaysFallsOnASundayFrom22MarchTo25April() {
        for year in 1583...3000 {
            let e = DutchHolidays.easterSunday(year: year)
            #expect(e.weekday == .sun)
            #expect(e >= LocalDate(year: year, month: 3, day: 22)!)
            #expect(e <= LocalDate(year: year, month: 4, day: 25)!)
        }
    }

    @Test func kingsDayMovesToTheTwentySixthWhenTheTwentySeventhIsASunday() {
        #expect(isoDate("2025-04-27").weekday == .sun)
        #expect(holiday(named: "King's Day", in: 2025) == isoDate("2025-04-26"))
        #expect(isoDate("2031-04-27").weekday == .sun)
        #expect(holiday(named: "King's Day", in: 2031) == isoDate("2031-04-26"))
        #expect(isoDate("2036-04-27").weekday == .sun)
        #expect(holiday(named: "King's Day", in: 2036) == isoDate("2036-04-26"))
    }

    @Test func kingsDayStaysOnTheTwentySeventhOnASaturday() {
        #expect(isoDate("2024-04-27").weekday == .sat)
        #expect(holiday(named: "King's Day", in: 2024) == isoDate("2024-04-27"))
        #expect(holiday(named: "King's Day", in: 2030) == isoDate("2030-04-27"))
    }

    @Test func liberationDayIsAHolidayEveryYearNotOnlyInLustrumYears() {
        for year in 2024...2035 {
            #expect(holiday(named: "Liberation Day", in: year) == LocalDate(year: year, month: 5, day: 5)!)
        }
    }

    @Test func fixedHolidaysAreNewYearAndBothChristmasDays() {
        #expect(holiday(named: "New Year's Day", in: 2027) == isoDate("2027-01-01"))
        #expect(holiday(named: "Christmas Day", in: 2027) == isoDate("2027-12-25"))
        #expect(holiday(named: "Boxing Day", in: 2027) == isoDate("2027-12-26"))
    }

    @Test func theFullList2027HasEnglishAndDutchNamesInDateOrder() {
        let list = DutchHolidays.holidays(year: 2027)
        #expect(list == [
            Holiday(date: isoDate("2027-01-01"), name: "New Year's Day", dutchName: "Nieuwjaarsdag"),
            Holiday(date: isoDate("2027-03-29"), name: "Easter Monday", dutchName: "Tweede paasdag"),
            Holiday(date: isoDate("2027-04-27"), name: "King's Day", dutchName: "Koningsdag"),
            Holiday(date: isoDate("2027-05-05"), name: "Liberation Day", dutchName: "Bevrijdingsdag"),
            Holiday(date: isoDate("2027-05-06"), name: "Ascension Day", dutchName: "Hemelvaartsdag"),
            Holiday(date: isoDate("2027-05-17"), name: "Whit Monday", dutchName: "Tweede pinksterdag"),
            Holiday(date: isoDate("2027-12-25"), name: "Christmas Day", dutchName: "Eerste kerstdag"),
            Holiday(date: isoDate("2027-12-26"), name: "Boxing Day", dutchName: "Tweede kerstdag"),
        ])
    }

    @Test(arguments: 2024...2035)
    func eachYearHasExactlyEightHolidayDatesAndNoneOnGoodFriday(year: Int) {
        let list = DutchHolidays.holidays(year: year)
        #expect(list.count == 8)
        #expect(Set(list.map(\.date)).count == 8)
        #expect(list.allSatisfy { $0.date.year == year })
        #expect(list.map(\.date) == list.map(\.date).sorted())
        let easter = DutchHolidays.easterSunday(year: year)
        let goodFriday = easter.adding(days: -2)
        let whitSunday = easter.adding(days: 49)
        #expect(!list.contains { $0.date == goodFriday })
        #expect(!list.contains { $0.date == easter })
        #expect(!list.contains { $0.date == whitSunday })
    }

    @Test func ascensionOnLiberationDayKeepsBothEntriesOnOneDate() {
        // Easter 2016 was 27 March, so Ascension Day was 5 May.
        let list = DutchHolidays.holidays(year: 2016)
        #expect(list.count == 8)
        #expect(Set(list.map(\.date)).count == 7)
        #expect(list.filter { $0.date == isoDate("2016-05-05") }.map(\.name) == ["Liberation Day", "Ascension Day"])
    }

    @Test func rangeIsInclusiveAndSpansTheTurnOfTheYear() {
        let list = DutchHolidays.holidays(from: isoDate("2026-12-25"), through: isoDate("2027-01-01"))
        #expect(list.map(\.date) == [isoDate("2026-12-25"), isoDate("2026-12-26"), isoDate("2027-01-01")])
        #expect(list.map(\.name) == ["Christmas Day", "Boxing Day", "New Year's Day"])
    }

    @Test func rangeOverTheQ1QuarterOf2027FindsNewYearEasterMondayOnly() {
        // quarter.start 2027-01-04, 13 weeks: through Sunday 2027-04-04.
        let list = DutchHolidays.holidays(from: isoDate("2027-01-04"), through: isoDate("2027-04-04"))
        #expect(list.map(\.name) == ["Easter Monday"])
        #expect(list.map(\.date) == [isoDate("2027-03-29")])
    }

    @Test func rangeOverSeveralYearsEqualsTheYearLists() {
        let list = DutchHolidays.holidays(from: isoDate("2024-01-01"), through: isoDate("2035-12-31"))
        #expect(list.count == 12 * 8)
        #expect(list == (2024...2035).flatMap { DutchHolidays.holidays(year: $0) })
    }

    @Test func rangeOfOneDayOrBackwardsRange() {
        #expect(DutchHolidays.holidays(from: isoDate("2027-04-27"), through: isoDate("2027-04-27")).map(\.name) == ["King's Day"])
        #expect(DutchHolidays.holidays(from: isoDate("2027-04-28"), through: isoDate("2027-05-04")).isEmpty)
        #expect(DutchHolidays.holidays(from: isoDate("2027-12-31"), through: isoDate("2027-01-01")).isEmpty)
    }
}
