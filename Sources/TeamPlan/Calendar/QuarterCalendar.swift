/// The quarter's dates: which slot occurrences are open, which dates are
/// holidays or closures, and when a worker is present (model.md, Time).
public struct QuarterCalendar: Sendable {
    public let quarter: Quarter
    /// Holidays that fall in the quarter, by date.
    public let holidays: [Holiday]
    /// Closures that fall in the quarter.
    public let closures: [LocalDate]
    private let closed: Set<LocalDate>

    public init(_ scenario: Scenario) {
        quarter = scenario.quarter
        switch scenario.holidayRule {
        case .nl:
            holidays = DutchHolidays.holidays(from: quarter.start, through: quarter.end)
        case .none:
            holidays = []
        case .dates(let dates):
            holidays = Set(dates).filter(quarter.contains).sorted().map {
                Holiday(date: $0, name: "Holiday", dutchName: "Feestdag")
            }
        }
        closures = Set(scenario.closures).filter(quarter.contains).sorted()
        closed = Set(holidays.map(\.date)).union(closures)
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
