/// Everything a planner knows about next quarter (scenario.md), read and
/// checked: every default filled in, every reference resolved.
public struct Scenario: Sendable, Equatable {
    public var name: String
    public var quarter: Quarter
    /// The holiday rule as written (`nl`, `none` or a list of dates).
    public var holidayRule: HolidayRule
    /// Extra dates on which every practice is closed.
    public var closures: [LocalDate]
    /// The names given to holiday dates and closures (`{date, name}`).
    public var dayNames: [LocalDate: String] = [:]
    public var dayParts: [DayPart]
    public var days: [Weekday]
    public var overhead: Overhead
    public var objective: ObjectiveWeights
    /// At most this many workers may be used (H9).
    public var teamSize: Int?
    public var previous: PreviousPlan?
    /// The manager's decisions every plan keeps (H10).
    public var pins: [Pin]
    /// Pairs that are never a regular pair nor a backup (H10).
    public var avoid: [Avoid]
    /// Weighed, not forced: who would like (or not) to be a regular where.
    public var preferences: [Preference]
    public var workers: [Worker]
    public var practices: [Practice]
    public var funding: [FundingStream]

    public init(
        name: String, quarter: Quarter, holidayRule: HolidayRule = .nl, closures: [LocalDate] = [],
        dayParts: [DayPart] = DayPart.defaults, days: [Weekday] = Weekday.workingDays,
        overhead: Overhead = Overhead(), objective: ObjectiveWeights = ObjectiveWeights(),
        teamSize: Int? = nil, previous: PreviousPlan? = nil,
        pins: [Pin] = [], avoid: [Avoid] = [], preferences: [Preference] = [],
        workers: [Worker], practices: [Practice], funding: [FundingStream]
    ) {
        self.name = name
        self.quarter = quarter
        self.holidayRule = holidayRule
        self.closures = closures
        self.dayParts = dayParts
        self.days = days
        self.overhead = overhead
        self.objective = objective
        self.teamSize = teamSize
        self.previous = previous
        self.pins = pins
        self.avoid = avoid
        self.preferences = preferences
        self.workers = workers
        self.practices = practices
        self.funding = funding
    }

    /// The weekly template: days × parts, in that order.
    public var slots: [Slot] {
        days.flatMap { day in dayParts.map { Slot(day: day, part: $0.name) } }
    }

    public func dayPart(named name: String) -> DayPart? {
        dayParts.first { $0.name == name }
    }

    public func worker(_ id: String) -> Worker? { workers.first { $0.id == id } }

    /// The avoided (worker, practice) pairs, for look-ups.
    public var avoidedPairs: Set<WorkerPractice> { Set(avoid.map(\.pair)) }

    /// A session's weekly hours at `practice` with its admin and travel:
    /// what it takes of a worker's plannable hours (H5).
    public func sessionLoad(_ practice: Practice) -> Double { overhead.sessionLoad(practice) }

    /// The pins that ask for a session: pinned sessions, and pinned pairs
    /// whose worker has no pinned session at that practice (each needs one
    /// session more).
    public var sessionPins: [Pin] {
        let slotted = Set(pins.filter { $0.role == .regular && $0.slot != nil }.map(\.pair))
        return pins.filter { $0.role == .regular && ($0.slot != nil || !slotted.contains($0.pair)) }
    }
    public func practice(_ id: String) -> Practice? { practices.first { $0.id == id } }
}

/// The quarter planned: its first Monday and its number of weeks.
public struct Quarter: Hashable, Sendable {
    /// A Monday.
    public var start: LocalDate
    public var weeks: Int

    public init(start: LocalDate, weeks: Int = 13) {
        self.start = start
        self.weeks = weeks
    }

    /// The last day of the last week (a Sunday).
    public var end: LocalDate { start.adding(days: 7 * weeks - 1) }

    public func contains(_ date: LocalDate) -> Bool { date >= start && date <= end }

    /// The Monday of quarter week `week` (1-based).
    public func monday(ofWeek week: Int) -> LocalDate { start.adding(days: 7 * (week - 1)) }
}

/// Which dates close every practice: the Dutch collective agreement's holidays, none, or a list.
/// Which days are holidays (`holidays:` in scenario.md): `nl`, `none`,
/// `carnaval`, dates, or a list of these (`[nl, carnaval, 2027-05-14]`).
public struct HolidayRule: Hashable, Sendable {
    /// The paid holidays of the CAO Sociaal Werk (`nl`).
    public var dutch: Bool
    /// Carnival Monday and Tuesday (`carnaval`): in Limburg the office and
    /// most practices close.
    public var carnival: Bool
    /// Dates written in the list, each a holiday at every practice.
    public var dates: [LocalDate]

    public init(dutch: Bool = false, carnival: Bool = false, dates: [LocalDate] = []) {
        self.dutch = dutch
        self.carnival = carnival
        self.dates = dates
    }

    public static let nl = HolidayRule(dutch: true)
    public static let none = HolidayRule()
    public static func dates(_ dates: [LocalDate]) -> HolidayRule { HolidayRule(dates: dates) }
}

/// A part of the day (`am`, `pm`, …): its hours and its start, for the calendars.
public struct DayPart: Hashable, Sendable {
    public var name: String
    public var hours: Double
    /// Minutes after midnight, local time; places sessions in calendars.
    public var startMinutes: Int

    public init(name: String, hours: Double, startMinutes: Int) {
        self.name = name
        self.hours = hours
        self.startMinutes = startMinutes
    }

    public static let defaults = [
        DayPart(name: "am", hours: 4, startMinutes: 9 * 60),
        DayPart(name: "pm", hours: 4, startMinutes: 13 * 60 + 30),
    ]

    /// `HH:MM`.
    public var startText: String {
        let h = startMinutes / 60, m = startMinutes % 60
        return (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m)"
    }
}

/// A slot of the weekly template, `tue-am`.
public struct Slot: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var day: Weekday
    public var part: String

    public init(day: Weekday, part: String) {
        self.day = day
        self.part = part
    }

    /// `DAY-PART`, as written in scenarios.
    public var name: String { "\(day.name)-\(part)" }
    public var description: String { name }

    /// Parses `tue-am`; nil if the day is not a weekday name.
    public init?(name: String) {
        guard let dash = name.firstIndex(of: "-"),
              let day = Weekday(name: String(name[..<dash])) else { return nil }
        let part = String(name[name.index(after: dash)...])
        guard !part.isEmpty else { return nil }
        self.init(day: day, part: part)
    }

    public static func < (a: Slot, b: Slot) -> Bool { (a.day, a.part) < (b.day, b.part) }
}

/// A regular multidisciplinary meeting.
public struct MDORule: Hashable, Sendable {
    public var everyWeeks: Int
    public var hours: Double

    public init(everyWeeks: Int, hours: Double) {
        self.everyWeeks = everyWeeks
        self.hours = hours
    }

    /// Hours a week it costs its attendee (H5).
    public var weeklyHours: Double { hours / Double(everyWeeks) }

    /// Meetings in a quarter of `weeks` weeks: one in week 1 and every
    /// `everyWeeks` after, ceil(T / every).
    public func meetings(inWeeks weeks: Int) -> Int { (weeks + everyWeeks - 1) / everyWeeks }
}

/// The hours that come with contact hours: admin per contact hour, travel per visit, the default MDO.
public struct Overhead: Hashable, Sendable {
    public var adminPerContactHour: Double
    public var travelHoursPerVisit: Double
    /// The MDO of a practice with `mdo: true`.
    public var mdo: MDORule

    public init(adminPerContactHour: Double = 0, travelHoursPerVisit: Double = 0,
                mdo: MDORule = MDORule(everyWeeks: 2, hours: 1)) {
        self.adminPerContactHour = adminPerContactHour
        self.travelHoursPerVisit = travelHoursPerVisit
        self.mdo = mdo
    }

    /// A session's weekly hours at `practice` with its admin and travel (H5).
    public func sessionLoad(_ practice: Practice) -> Double {
        practice.sessionHours * (1 + adminPerContactHour) + travelHoursPerVisit
    }
}

/// The weights of the objective's terms (model.md, "The objective").
public struct ObjectiveWeights: Hashable, Sendable {
    public var gapWeight: Double
    public var missingBackupWeight: Double
    public var pairWeight: Double
    public var continuityWeight: Double
    /// Per session of the previous plan not kept (worker, practice, slot).
    public var sessionChangeWeight: Double
    /// Per unit of unmet preference.
    public var preferenceWeight: Double

    public init(gapWeight: Double = 1000, missingBackupWeight: Double = 100,
                pairWeight: Double = 1, continuityWeight: Double = 50,
                sessionChangeWeight: Double = 10, preferenceWeight: Double = 10) {
        self.gapWeight = gapWeight
        self.missingBackupWeight = missingBackupWeight
        self.pairWeight = pairWeight
        self.continuityWeight = continuityWeight
        self.sessionChangeWeight = sessionChangeWeight
        self.preferenceWeight = preferenceWeight
    }
}

/// An inclusive range of dates (leave).
public struct DateRange: Hashable, Sendable {
    public var from: LocalDate
    public var to: LocalDate

    public init(from: LocalDate, to: LocalDate) {
        self.from = from
        self.to = to
    }

    public func contains(_ date: LocalDate) -> Bool { date >= from && date <= to }
}

/// A social worker of the team: contract and reserved hours, availability, skills, leave.
public struct Worker: Hashable, Sendable {
    public var id: String
    public var name: String
    public var hoursPerWeek: Double
    public var reservedHours: Double
    /// In template order, no duplicates.
    public var available: [Slot]
    public var skills: [String]
    public var maxPractices: Int
    public var leave: [DateRange]
    public var canSubstitute: Bool

    public init(id: String, name: String? = nil, hoursPerWeek: Double, reservedHours: Double = 0,
                available: [Slot], skills: [String] = [], maxPractices: Int = 4,
                leave: [DateRange] = [], canSubstitute: Bool = true) {
        self.id = id
        self.name = name ?? id
        self.hoursPerWeek = hoursPerWeek
        self.reservedHours = reservedHours
        self.available = available
        self.skills = skills
        self.maxPractices = maxPractices
        self.leave = leave
        self.canSubstitute = canSubstitute
    }

    /// Contract hours less reserved hours: what sessions, admin, travel and
    /// MDOs may fill each week (H5).
    public var plannableHours: Double { hoursPerWeek - reservedHours }

    public func isOnLeave(_ date: LocalDate) -> Bool { leave.contains { $0.contains(date) } }

    /// Has every skill the practice requires.
    public func isEligible(for practice: Practice) -> Bool {
        practice.requiresSkills.allSatisfy(skills.contains)
    }
}

/// A GP practice: what it asks (sessions per week, their hours and slots) and what it needs.
public struct Practice: Hashable, Sendable {
    public var id: String
    public var name: String
    public var municipality: String
    public var sessionsPerWeek: Int
    public var sessionHours: Double
    /// In template order, no duplicates.
    public var open: [Slot]
    public var requiresSkills: [String]
    /// Nil when the practice has no MDO.
    public var mdo: MDORule?
    public var backups: Int
    public var maxWorkers: Int
    public var priority: Double

    public init(id: String, name: String? = nil, municipality: String, sessionsPerWeek: Int,
                sessionHours: Double, open: [Slot], requiresSkills: [String] = [],
                mdo: MDORule? = MDORule(everyWeeks: 2, hours: 1), backups: Int = 1,
                maxWorkers: Int = 2, priority: Double = 1) {
        self.id = id
        self.name = name ?? id
        self.municipality = municipality
        self.sessionsPerWeek = sessionsPerWeek
        self.sessionHours = sessionHours
        self.open = open
        self.requiresSkills = requiresSkills
        self.mdo = mdo
        self.backups = backups
        self.maxWorkers = maxWorkers
        self.priority = priority
    }
}

/// What an hour at a practice is spent on; funding streams pay by activity.
public enum Activity: String, CaseIterable, Sendable, Codable, Comparable {
    case contact, admin, travel, mdo

    public static func < (a: Activity, b: Activity) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// Labelled money: a funder's budget in euros or hours, what it pays for and for which practices.
public struct FundingStream: Hashable, Sendable {
    /// A budget in euros at an hourly rate, or in hours.
    public enum Budget: Hashable, Sendable {
        case euros(Double, ratePerHour: Double)
        case hours(Double)
    }

    /// The practices a stream pays for: all, those of some municipalities, or named ones.
    public enum Scope: Hashable, Sendable {
        case everyPractice
        case municipalities([String])
        case practices([String])
    }

    public var id: String
    public var funder: String
    public var budget: Budget
    /// The tariff, when known (required with a euro budget; optional with
    /// an hours budget, then used only to show euros).
    public var ratePerHour: Double?
    public var paysFor: [Activity]
    public var scope: Scope

    public init(id: String, funder: String? = nil, budget: Budget, ratePerHour: Double? = nil,
                paysFor: [Activity], scope: Scope = .everyPractice) {
        self.id = id
        self.funder = funder ?? id
        self.budget = budget
        if case .euros(_, let rate) = budget { self.ratePerHour = rate } else { self.ratePerHour = ratePerHour }
        self.paysFor = paysFor
        self.scope = scope
    }

    /// The budget in hours (H8): `budget_hours`, or `budget_eur / rate`.
    public var budgetHours: Double {
        switch budget {
        case .euros(let euros, let rate): return euros / rate
        case .hours(let hours): return hours
        }
    }

    public func pays(for activity: Activity) -> Bool { paysFor.contains(activity) }

    public func covers(_ practice: Practice) -> Bool {
        switch scope {
        case .everyPractice: return true
        case .municipalities(let names): return names.contains(practice.municipality)
        case .practices(let ids): return ids.contains(practice.id)
        }
    }
}

/// A worker at a practice: a regular pair, a backup role or an MDO attendee.
public struct WorkerPractice: Sendable, Hashable, Comparable {
    public var worker: String
    public var practice: String

    public init(worker: String, practice: String) {
        self.worker = worker
        self.practice = practice
    }

    public static func < (a: WorkerPractice, b: WorkerPractice) -> Bool { (a.worker, a.practice) < (b.worker, b.practice) }
}

/// Last quarter's plan, as far as continuity needs it.
public struct PreviousPlan: Hashable, Sendable {
    /// A (worker, practice) regular pair of last quarter.
    public typealias Pair = WorkerPractice

    /// The file as written in the scenario, and as resolved.
    public var path: String
    /// The (worker, practice) regular pairs that are still in the scenario.
    public var pairs: [Pair]
    /// Its sessions whose worker, practice and slot are still in the
    /// scenario: those not kept are dropped sessions (model.md).
    public var sessions: [Plan.Session]

    public init(path: String, pairs: [Pair], sessions: [Plan.Session] = []) {
        self.path = path
        self.pairs = pairs
        self.sessions = sessions
    }
}

/// A decision of the manager that every plan keeps (H10): a session in a
/// slot, a regular pair in any slot, or a designated backup.
public struct Pin: Hashable, Sendable, CustomStringConvertible {
    public enum Role: String, Hashable, Sendable, CaseIterable { case regular, backup }

    public var worker: String
    public var practice: String
    /// The session's slot; nil: the pair in any slot (or a backup).
    public var slot: Slot?
    public var role: Role
    /// Where it was written (`FILE:LINE:COLUMN`), to name it when pins cannot all hold.
    public var location: SourceLocation?

    public init(worker: String, practice: String, slot: Slot? = nil, role: Role = .regular, location: SourceLocation? = nil) {
        self.worker = worker
        self.practice = practice
        self.slot = slot
        self.role = role
        self.location = location
    }

    public var pair: WorkerPractice { WorkerPractice(worker: worker, practice: practice) }

    /// `anja at baandert in tue-am`, `bram as backup at baandert`.
    public var description: String {
        if role == .backup { return "\(worker) as backup at \(practice)" }
        return "\(worker) at \(practice)" + (slot.map { " in \($0)" } ?? "")
    }
}

/// A pair the manager rules out (H10): the worker is neither a regular nor a backup there.
public struct Avoid: Hashable, Sendable {
    public var worker: String
    public var practice: String
    public var location: SourceLocation?

    public init(worker: String, practice: String, location: SourceLocation? = nil) {
        self.worker = worker
        self.practice = practice
        self.location = location
    }

    public var pair: WorkerPractice { WorkerPractice(worker: worker, practice: practice) }
}

/// What a worker would like: a positive weight to be a regular of the
/// practice, a negative one not to be (model.md, unmet preference).
public struct Preference: Hashable, Sendable {
    public var worker: String
    public var practice: String
    /// Non-zero, from −100 to 100.
    public var weight: Double
    public var location: SourceLocation?

    public init(worker: String, practice: String, weight: Double, location: SourceLocation? = nil) {
        self.worker = worker
        self.practice = practice
        self.weight = weight
        self.location = location
    }

    public var pair: WorkerPractice { WorkerPractice(worker: worker, practice: practice) }

    /// Its unmet part when the worker is (or is not) a regular of the practice.
    public func unmet(isRegular: Bool) -> Double {
        if weight > 0 { return isRegular ? 0 : weight }
        return isRegular ? -weight : 0
    }
}

extension Weekday {
    /// Monday to Friday: the default `days`.
    public static let workingDays: [Weekday] = [.mon, .tue, .wed, .thu, .fri]
}
