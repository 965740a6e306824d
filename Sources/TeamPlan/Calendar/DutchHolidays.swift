// The built-in holiday calendar behind `holidays: nl` in a scenario.

/// A named public holiday on one date.
public struct Holiday: Hashable, Sendable {
    public let date: LocalDate
    /// English name, e.g. "King's Day".
    public let name: String
    /// Dutch name, e.g. "Koningsdag".
    public let dutchName: String

    public init(date: LocalDate, name: String, dutchName: String) {
        self.date = date
        self.name = name
        self.dutchName = dutchName
    }
}

/// The paid holidays of the Dutch collective agreement for social work
/// (CAO Sociaal Werk), as the scenario spec defines `holidays: nl`.
///
/// The rules are applied to every year alike (no history: King's Day is
/// computed for years before 2014 too, when the day was Queen's Day).
public enum DutchHolidays {
    /// Western (Gregorian) Easter Sunday, by the anonymous Gregorian
    /// computus (Meeus/Jones/Butcher). Precondition: year in 1…9999 (for
    /// years before 1583 the result is the proleptic Gregorian Easter).
    public static func easterSunday(year: Int) -> LocalDate {
        precondition((1...9999).contains(year), "year \(year) is outside 1...9999")
        let a = year % 19
        let b = year / 100
        let c = year % 100
        let d = b / 4
        let e = b % 4
        let f = (b + 8) / 25
        let g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4
        let k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return LocalDate(year: year, month: month, day: day)!
    }

    /// The paid holidays of the Dutch collective agreement for social work
    /// (CAO Sociaal Werk), per spec: New Year's Day, Easter Monday, King's
    /// Day (27 April, or 26 April when the 27th is a Sunday), Liberation Day
    /// (5 May, every year), Ascension Day (Easter + 39), Whit Monday
    /// (Easter + 50), Christmas Day, Boxing Day. Not Good Friday, not Easter
    /// Sunday/Whit Sunday. Sorted by date.
    ///
    /// Always 8 entries. When two fall on one date (Ascension Day is 5 May
    /// in e.g. 2016 and 2062) both are listed, Liberation Day first, so the
    /// year then has 7 distinct holiday dates.
    /// Precondition: year in 1…9999.
    public static func holidays(year: Int) -> [Holiday] {
        let easter = easterSunday(year: year)
        func fixed(_ month: Int, _ day: Int) -> LocalDate { LocalDate(year: year, month: month, day: day)! }
        let april27 = fixed(4, 27)
        let kingsDay = april27.weekday == .sun ? fixed(4, 26) : april27
        // In canonical order; the index breaks ties between equal dates.
        let all = [
            Holiday(date: fixed(1, 1), name: "New Year's Day", dutchName: "Nieuwjaarsdag"),
            Holiday(date: easter.adding(days: 1), name: "Easter Monday", dutchName: "Tweede paasdag"),
            Holiday(date: kingsDay, name: "King's Day", dutchName: "Koningsdag"),
            Holiday(date: fixed(5, 5), name: "Liberation Day", dutchName: "Bevrijdingsdag"),
            Holiday(date: easter.adding(days: 39), name: "Ascension Day", dutchName: "Hemelvaartsdag"),
            Holiday(date: easter.adding(days: 50), name: "Whit Monday", dutchName: "Tweede pinksterdag"),
            Holiday(date: fixed(12, 25), name: "Christmas Day", dutchName: "Eerste kerstdag"),
            Holiday(date: fixed(12, 26), name: "Boxing Day", dutchName: "Tweede kerstdag"),
        ]
        return all.enumerated()
            .sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }
            .map(\.element)
    }

    /// Carnival Monday and Tuesday (Easter − 48 and − 47 days): in Limburg
    /// (Vastelaovend) the office and most practices close.
    public static func carnival(year: Int) -> [Holiday] {
        let easter = easterSunday(year: year)
        return [Holiday(date: easter.adding(days: -48), name: "Carnival Monday", dutchName: "Carnavalsmaandag"),
                Holiday(date: easter.adding(days: -47), name: "Carnival Tuesday", dutchName: "Carnavalsdinsdag")]
    }

    /// The holidays from `from` through `through`, both inclusive, across
    /// years, sorted by date. Empty when `from` is after `through`.
    public static func holidays(from: LocalDate, through: LocalDate) -> [Holiday] {
        guard from <= through else { return [] }
        return (from.year...through.year).flatMap { year in
            holidays(year: year).filter { $0.date >= from && $0.date <= through }
        }
    }
}
