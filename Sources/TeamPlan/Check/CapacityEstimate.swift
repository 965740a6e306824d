/// What a scenario holds and a capacity estimate a manager can act on
/// before any solving (`teamplan check`): hours asked for, worker-hours
/// available, hours funded. An estimate, not a plan: it ignores slots,
/// skills and per-worker limits beyond eligibility.
public struct CapacityEstimate: Sendable, Encodable {
    /// One week of the quarter as the estimate counts it.
    public struct Week: Sendable, Encodable {
        public var week: Int
        public var monday: LocalDate
        public var isoYear: Int
        public var isoWeek: Int
        /// Holidays and closures this week, by name.
        public var closed: [String]
    }

    /// A date on which every practice is closed (a holiday or a closure).
    public struct ClosedDay: Sendable, Encodable {
        public var date: LocalDate
        public var name: String
        public var dutchName: String
    }

    /// One practice's hours asked over the quarter, and why some cannot be given.
    public struct PracticeLine: Sendable, Encodable {
        public var id: String
        public var name: String
        public var municipality: String
        public var priority: Double
        public var sessionsPerWeek: Int
        public var sessionHours: Double
        /// Session-hours asked over the quarter, as the gap counts them:
        /// sessions_per_week × session_hours × weeks.
        public var askedHours: Double
        /// Of those, the hours on open days (holidays and closures taken out),
        /// if sessions spread evenly over the open slots.
        public var contactHours: Double
        public var adminHours: Double
        public var travelHours: Double
        public var mdoHours: Double
        /// Contact plus overhead: the worker-hours the asked sessions cost.
        public var workHours: Double { contactHours + adminHours + travelHours + mdoHours }
        public var eligibleWorkers: Int
        public var openSlots: [String]
        /// Streams that may pay for its contact hours.
        public var fundedBy: [String]

        private enum CodingKeys: String, CodingKey {
            case id, name, municipality, priority, sessionsPerWeek, sessionHours, askedHours, contactHours,
                 adminHours, travelHours, mdoHours, workHours, eligibleWorkers, openSlots, fundedBy
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(name, forKey: .name)
            try c.encode(municipality, forKey: .municipality)
            try c.encode(priority, forKey: .priority)
            try c.encode(sessionsPerWeek, forKey: .sessionsPerWeek)
            try c.encode(sessionHours, forKey: .sessionHours)
            try c.encode(askedHours.rounded2, forKey: .askedHours)
            try c.encode(contactHours.rounded2, forKey: .contactHours)
            try c.encode(adminHours.rounded2, forKey: .adminHours)
            try c.encode(travelHours.rounded2, forKey: .travelHours)
            try c.encode(mdoHours.rounded2, forKey: .mdoHours)
            try c.encode(workHours.rounded2, forKey: .workHours)
            try c.encode(eligibleWorkers, forKey: .eligibleWorkers)
            try c.encode(openSlots, forKey: .openSlots)
            try c.encode(fundedBy, forKey: .fundedBy)
        }
    }

    /// One worker's hours available for sessions over the quarter.
    public struct WorkerLine: Sendable, Encodable {
        public var id: String
        public var name: String
        public var hoursPerWeek: Double
        public var reservedHours: Double
        public var plannableHoursPerWeek: Double
        /// Plannable hours over the quarter, less leave and holidays (a week
        /// counts in proportion to the worker's slots present in it).
        public var availableHours: Double
        public var leaveDays: Int
        public var skills: [String]
    }

    /// One funding stream's budget in hours.
    public struct StreamLine: Sendable, Encodable {
        public var id: String
        public var funder: String
        public var budgetHours: Double
        public var budgetEuros: Double?
        public var ratePerHour: Double?
        public var paysFor: [Activity]
        /// The practices it may pay for.
        public var practices: [String]
    }

    /// Hours asked, available and funded, summed over the scenario.
    public struct Totals: Sendable, Encodable {
        public var askedHours: Double
        public var contactHours: Double
        public var adminHours: Double
        public var travelHours: Double
        public var mdoHours: Double
        public var workHours: Double
        public var availableHours: Double
        public var fundedHours: Double
    }

    public var name: String
    public var start: LocalDate
    public var end: LocalDate
    public var weeks: [Week]
    public var closedDays: [ClosedDay]
    public var tables: [TableSource]
    public var slots: [String]
    public var practices: [PracticeLine]
    public var workers: [WorkerLine]
    public var streams: [StreamLine]
    public var totals: Totals
    /// Pins, avoided pairs and preferences, and what the pins take.
    public var decisions: DecisionsEstimate
    /// Warnings of the estimate itself (demand above supply or money).
    public var warnings: [Evaluation.Warning]

    public init(_ scenario: Scenario, tables: [TableSource] = []) {
        let calendar = QuarterCalendar(scenario)
        let quarter = scenario.quarter
        name = scenario.name
        start = quarter.start
        end = quarter.end
        self.tables = tables
        slots = scenario.slots.map(\.name)
        closedDays = Self.closed(calendar)
        weeks = Self.weekLines(calendar, quarter: quarter, closed: closedDays)
        practices = scenario.practices.map { Self.practiceLine($0, scenario, calendar) }
        workers = scenario.workers.map { Self.workerLine($0, quarter, calendar) }
        streams = scenario.funding.map { Self.streamLine($0, scenario) }
        totals = Self.summed(practices: practices, workers: workers, streams: streams)
        decisions = DecisionsEstimate(scenario)
        warnings = Self.shortfallWarnings(totals) + decisions.pinnedLoad.filter { $0.leftHoursPerWeek < -1e-9 }.map {
            Evaluation.Warning(
                message: "\(Format.possessive($0.worker)) pinned sessions take \($0.pinnedHoursPerWeek.hoursText) a week with admin and travel, above \(Format.possessive($0.worker)) \($0.plannableHoursPerWeek.hoursText) plannable: these pins cannot all hold",
                dutch: "de vastgezette spreekuren van \($0.worker) vragen \($0.pinnedHoursPerWeek.dutchHoursText) per week met administratie en reistijd, meer dan de \($0.plannableHoursPerWeek.dutchHoursText) planbare uren: ze kunnen niet allemaal blijven staan")
        }
    }

    /// Holidays and closures, by date.
    static func closed(_ calendar: QuarterCalendar) -> [ClosedDay] {
        calendar.closedDays.map { ClosedDay(date: $0.date, name: $0.name, dutchName: $0.dutchName) }
    }

    /// The quarter's weeks with their ISO numbers and closed days.
    static func weekLines(_ calendar: QuarterCalendar, quarter: Quarter, closed: [ClosedDay]) -> [Week] {
        calendar.weeks.map { week in
            let monday = quarter.monday(ofWeek: week)
            let iso = monday.isoWeek
            let names = closed.filter { $0.date >= monday && $0.date <= monday.adding(days: 6) }
                .map { "\($0.name) \($0.date)" }
            return Week(week: week, monday: monday, isoYear: iso.year, isoWeek: iso.week, closed: names)
        }
    }

    /// A practice's hours asked, and the work they cost on the days it is open.
    static func practiceLine(_ practice: Practice, _ scenario: Scenario, _ calendar: QuarterCalendar) -> PracticeLine {
        let weeksCount = scenario.quarter.weeks
        let overhead = scenario.overhead
        let asked = Double(practice.sessionsPerWeek) * practice.sessionHours * Double(weeksCount)
        let occurrences = practice.open.count * weeksCount
        let openOccurrences = calendar.weeks.reduce(0) { sum, week in
            sum + practice.open.filter { calendar.isOpen(week: week, slot: $0) }.count
        }
        let openShare = occurrences == 0 ? 0 : Double(openOccurrences) / Double(occurrences)
        let contact = asked * openShare
        let visits = Double(practice.sessionsPerWeek * weeksCount) * openShare
        let mdo = practice.sessionsPerWeek > 0 ? practice.mdo.map { $0.hours * Double($0.meetings(inWeeks: weeksCount)) } ?? 0 : 0
        return PracticeLine(
            id: practice.id, name: practice.name, municipality: practice.municipality,
            priority: practice.priority, sessionsPerWeek: practice.sessionsPerWeek,
            sessionHours: practice.sessionHours, askedHours: asked, contactHours: contact,
            adminHours: contact * overhead.adminPerContactHour,
            travelHours: visits * overhead.travelHoursPerVisit, mdoHours: mdo,
            eligibleWorkers: scenario.workers.filter { $0.isEligible(for: practice) }.count,
            openSlots: practice.open.map(\.name),
            fundedBy: scenario.funding.filter { $0.covers(practice) && $0.pays(for: .contact) }.map(\.id))
    }

    /// A worker's plannable hours over the weeks they are present, and their leave.
    static func workerLine(_ worker: Worker, _ quarter: Quarter, _ calendar: QuarterCalendar) -> WorkerLine {
        var available = 0.0
        if !worker.available.isEmpty {
            for week in calendar.weeks {
                let present = worker.available.filter { calendar.isPresent(worker, week: week, slot: $0) }.count
                available += max(0, worker.plannableHours) * Double(present) / Double(worker.available.count)
            }
        }
        let leaveDays = Set(worker.leave.flatMap { range -> [LocalDate] in
            let from = max(range.from, quarter.start), to = min(range.to, quarter.end)
            return from <= to ? Array(from...to) : []
        }).count
        return WorkerLine(id: worker.id, name: worker.name, hoursPerWeek: worker.hoursPerWeek,
                          reservedHours: worker.reservedHours, plannableHoursPerWeek: worker.plannableHours,
                          availableHours: available, leaveDays: leaveDays, skills: worker.skills)
    }

    /// A stream's budget and what it pays for where.
    static func streamLine(_ stream: FundingStream, _ scenario: Scenario) -> StreamLine {
        var euros: Double?
        if case .euros(let amount, _) = stream.budget { euros = amount }
        return StreamLine(id: stream.id, funder: stream.funder, budgetHours: stream.budgetHours,
                          budgetEuros: euros, ratePerHour: stream.ratePerHour, paysFor: stream.paysFor,
                          practices: scenario.practices.filter(stream.covers).map(\.id))
    }

    static func summed(practices lines: [PracticeLine], workers: [WorkerLine], streams: [StreamLine]) -> Totals {
        func sum(_ f: (PracticeLine) -> Double) -> Double { lines.reduce(0) { $0 + f($1) } }
        return Totals(askedHours: sum(\.askedHours), contactHours: sum(\.contactHours),
                      adminHours: sum(\.adminHours), travelHours: sum(\.travelHours), mdoHours: sum(\.mdoHours),
                      workHours: sum(\.workHours), availableHours: workers.reduce(0) { $0 + $1.availableHours },
                      fundedHours: streams.reduce(0) { $0 + $1.budgetHours })
    }

    /// Demand above supply or money.
    static func shortfallWarnings(_ totals: Totals) -> [Evaluation.Warning] {
        var warnings: [Evaluation.Warning] = []
        let work = totals.workHours
        if work > totals.availableHours + 1e-9 {
            warnings.append(.init(
                message: "the sessions asked for cost \(work.hoursText) of work (with overhead), the team has \(totals.availableHours.hoursText) available: at least \((work - totals.availableHours).hoursText) of work cannot be done",
                dutch: "de gevraagde spreekuren kosten \(work.dutchHoursText) werk (met overhead), het team heeft \(totals.availableHours.dutchHoursText) beschikbaar: minstens \((work - totals.availableHours).dutchHoursText) werk kan niet worden gedaan"))
        }
        if work > totals.fundedHours + 1e-9 {
            warnings.append(.init(
                message: "the sessions asked for cost \(work.hoursText) of work (with overhead), the streams fund \(totals.fundedHours.hoursText): at least \((work - totals.fundedHours).hoursText) cannot be paid",
                dutch: "de gevraagde spreekuren kosten \(work.dutchHoursText) werk (met overhead), de financiering betaalt \(totals.fundedHours.dutchHoursText): minstens \((work - totals.fundedHours).dutchHoursText) kan niet worden betaald"))
        }
        return warnings
    }
}

extension Double {
    /// Rounded to 0.01 for people (never for sums that must add up).
    var rounded2: Double { (self * 100).rounded() / 100 }

    /// `12.5 h`.
    var hoursText: String { Format.hours(self) + " h" }

    /// `12,5 u`.
    var dutchHoursText: String { NumberStyle.dutch.apply(Format.hours(self)) + " u" }

}
