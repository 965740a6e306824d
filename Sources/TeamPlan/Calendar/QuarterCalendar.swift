/// The quarter's dates: which slot occurrences are open, which dates are
/// holidays or closures, and when a worker is present (model.md, Time).
public struct QuarterCalendar: Sendable {
    public let quarter: Quarter
    /// Holidays that fall in the quarter, by date.
    public let holidays: [Holiday]
    /// Closures that fall in the quarter.
    public let closures: [LocalDate]
    /// Every closed day of the quarter with its name, by date: holidays, and
    /// closures named as the scenario names them (else "Closure").
    public let closedDays: [Holiday]
    private let closed: Set<LocalDate>

    public init(_ scenario: Scenario) {
        quarter = scenario.quarter
        let rule = scenario.holidayRule
        let quarter = quarter
        let years = quarter.start.year...quarter.end.year
        var holidays: [Holiday] = []
        if rule.dutch { holidays += DutchHolidays.holidays(from: quarter.start, through: quarter.end) }
        if rule.carnival { holidays += years.flatMap(DutchHolidays.carnival(year:)).filter { quarter.contains($0.date) } }
        let named = Set(holidays.map(\.date))
        holidays += Set(rule.dates).subtracting(named).filter(quarter.contains).map { date in
            let name = scenario.dayNames[date]
            return Holiday(date: date, name: name ?? "Holiday", dutchName: name ?? "Feestdag")
        }
        self.holidays = holidays.enumerated().sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }.map(\.element)
        closures = Set(scenario.closures).filter(quarter.contains).sorted()
        let holidayDates = Set(holidays.map(\.date))
        closedDays = (self.holidays + closures.filter { !holidayDates.contains($0) }.map { date in
            let name = scenario.dayNames[date]
            return Holiday(date: date, name: name ?? "Closure", dutchName: name ?? "Sluiting")
        }).enumerated().sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }.map(\.element)
        closed = holidayDates.union(closures)
    }

    /// The closed days in week `week` of the quarter.
    public func closedDays(inWeek week: Int) -> [Holiday] {
        let monday = quarter.monday(ofWeek: week)
        return closedDays.filter { $0.date >= monday && $0.date < monday.adding(days: 7) }
    }

    public var weeks: ClosedRange<Int> { 1...quarter.weeks }

    /// d(t, s) = start + 7(t − 1) + day(s).
    public func date(week: Int, slot: Slot) -> LocalDate {
        quarter.start.adding(days: 7 * (week - 1) + slot.day.rawValue)
    }

    /// The ISO week number of quarter week `week`.
    public func isoWeek(_ week: Int) -> (year: Int, week: Int) { quarter.monday(ofWeek: week).isoWeek }

    /// Closed by a holiday or closure: no practice holds a session that day.
    public func isClosed(_ date: LocalDate) -> Bool { closed.contains(date) }

    public func isOpen(week: Int, slot: Slot) -> Bool { !closed.contains(date(week: week, slot: slot)) }

    /// `w` is present at (t, s): s is in available(w), the occurrence is
    /// open, and d(t, s) is in none of w's leave ranges.
    public func isPresent(_ worker: Worker, week: Int, slot: Slot) -> Bool {
        guard worker.available.contains(slot) else { return false }
        let day = date(week: week, slot: slot)
        return !closed.contains(day) && !worker.isOnLeave(day)
    }

    /// The holiday on a date, if any.
    public func holiday(on date: LocalDate) -> Holiday? { holidays.first { $0.date == date } }
}
