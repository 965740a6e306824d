/// model.md in code: given a scenario and a plan, counts the quarter (held,
/// covered, lost and closed occurrences), the hours by activity, the
/// funding, the objective term by term, and every broken hard rule. `verify`
/// is this plus printing; the reports read only this; the solver's plans are
/// checked against it. It shares no code with the solver's formulation.
public struct Evaluation: Sendable {
    // MARK: Results

    /// A hard rule of model.md (H1–H10), or a plan file that misstates its
    /// own totals.
    public enum Rule: String, Sendable, Codable, Comparable, CaseIterable {
        case h1 = "H1", h2 = "H2", h3 = "H3", h4 = "H4", h5 = "H5", h6 = "H6", h7 = "H7", h8 = "H8", h9 = "H9"
        /// The manager's pins and avoided pairs.
        case h10 = "H10"
        /// The plan's stated objective or totals disagree with the recount.
        case stated = "stated"

        /// In the order of the model (H2 before H10).
        public static func < (a: Rule, b: Rule) -> Bool { allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)! }
    }

    /// A hard rule (H1…H10) the plan breaks, or a stated total that disagrees, with where.
    public struct Violation: Sendable, Hashable, CustomStringConvertible {
        public var rule: Rule
        public var message: String
        public var description: String { "\(rule.rawValue): \(message)" }
    }

    /// What happened to one weekly session in one week.
    public enum OccurrenceState: Sendable, Hashable {
        /// A holiday or closure: neither held nor lost.
        case closed
        /// The regular was present.
        case heldByRegular
        /// The regular was away; a present backup stood in.
        case covered(by: String)
        /// The regular was away and no backup was present.
        case lost
    }

    /// One week's occurrence of a session, and what became of it.
    public struct Occurrence: Sendable, Hashable {
        public var week: Int
        public var date: LocalDate
        public var slot: Slot
        public var practice: String
        /// The session's regular.
        public var worker: String
        public var state: OccurrenceState
    }

    /// One practice in one week of the quarter.
    public struct PracticeWeek: Sendable, Hashable {
        public var week: Int
        /// sessions_per_week: what the practice asked for.
        public var asked: Int
        public var heldByRegular: Int
        public var covered: Int
        public var lost: Int
        public var closed: Int
        /// Sessions asked but not in the plan.
        public var shortfall: Int
        /// session_hours × (shortfall + lost) this week.
        public var gapHours: Double
        /// Who stood in this week.
        public var coveredBy: [String]
    }

    /// One practice's quarter: occurrences, hours by activity, gap and backups.
    public struct PracticeResult: Sendable {
        public var id: String
        public var priority: Double
        public var served: Bool
        /// Sessions in the plan (per week).
        public var sessions: Int
        public var regulars: [String]
        public var backups: [String]
        public var mdoAttendee: String?
        public var weeks: [PracticeWeek]
        public var occurrences: Int
        public var heldByRegular: Int
        public var covered: Int
        public var lost: Int
        public var closed: Int
        /// held(p): held by the regular or covered.
        public var held: Int { heldByRegular + covered }
        /// sessions_per_week − sessions in the plan (never below 0).
        public var shortfall: Int
        /// session_hours × (T × shortfall + lost).
        public var gapHours: Double
        public var missingBackups: Int
        /// Hours over the quarter by activity.
        public var hours: [Activity: Double]
        /// Hours paid, by stream and activity.
        public var paid: [String: [Activity: Double]]

        /// Summed over the streams in id order: a Dictionary's own order
        /// differs between runs, and so would the sum's last digit.
        public func paidHours(_ activity: Activity) -> Double {
            paid.keys.sorted().reduce(0) { $0 + (paid[$1]?[activity] ?? 0) }
        }
    }

    /// A backup standing in for a regular on one date.
    public struct CoverDuty: Sendable, Hashable {
        public var week: Int
        public var date: LocalDate
        public var slot: Slot
        public var practice: String
        /// The regular who was away.
        public var covering: String
        public var hours: Double
    }

    /// One worker's weekly load by activity against their contract hours.
    public struct WorkerResult: Sendable {
        public var id: String
        public var hoursPerWeek: Double
        public var reservedHours: Double
        /// Planned hours a week by activity (the template week).
        public var weekly: [Activity: Double]
        /// reserved + every activity: what H5 bounds.
        public var load: Double
        /// Contract hours left after the load.
        public var free: Double
        /// Planned hours (without reserved) over plannable hours.
        public var utilisation: Double
        public var practices: [String]
        public var backupFor: [String]
        public var covering: [CoverDuty]
    }

    /// One funding stream's hours (and euros) used against its budget.
    public struct StreamResult: Sendable {
        public var id: String
        public var budgetHours: Double
        public var usedHours: Double
        public var byActivity: [Activity: Double]
        /// Euros, when the stream has a tariff.
        public var budgetEuros: Double?
        public var usedEuros: Double?
    }

    /// The objective of model.md, term by term.
    public struct Terms: Sendable, Hashable {
        /// Σ gap_hours(p), unweighted.
        public var gapHours: Double
        /// Σ priority(p) × gap_hours(p).
        public var weightedGapHours: Double
        public var missingBackups: Int
        public var pairs: Int
        public var droppedPairs: [Plan.Role]
        /// Sessions of the previous plan (worker, practice and slot still
        /// in the scenario) that this plan does not hold.
        public var droppedSessions: [Plan.Session]
        /// Σ over the preferences of their unmet part (model.md).
        public var unmetPreference: Double
        /// The preferences with an unmet part, and that part.
        public var unmetPreferences: [UnmetPreference]
        public var gapTerm: Double
        public var missingBackupTerm: Double
        public var pairTerm: Double
        public var continuityTerm: Double
        public var sessionChangeTerm: Double
        public var preferenceTerm: Double
        public var objective: Double {
            gapTerm + missingBackupTerm + pairTerm + continuityTerm + sessionChangeTerm + preferenceTerm
        }

        static let zero = Terms(gapHours: 0, weightedGapHours: 0, missingBackups: 0, pairs: 0, droppedPairs: [],
                                droppedSessions: [], unmetPreference: 0, unmetPreferences: [], gapTerm: 0,
                                missingBackupTerm: 0, pairTerm: 0, continuityTerm: 0, sessionChangeTerm: 0, preferenceTerm: 0)
    }

    /// A preference the plan does not meet, and by how much.
    public struct UnmetPreference: Sendable, Hashable {
        public var preference: Preference
        public var unmet: Double
    }

    /// Legal but worth knowing (model.md's known simplifications): a backup needed twice at once, a week over contract hours.
    public struct Warning: Sendable, Hashable, CustomStringConvertible, Encodable {
        /// In English.
        public var message: String
        /// The same in Dutch.
        public var dutch: String
        public var description: String { message }

        public func text(_ language: Language) -> String { language == .nl ? dutch : message }

        public init(message: String, dutch: String) {
            self.message = message
            self.dutch = dutch
        }

        /// In JSON, the English message (as before Dutch was added).
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.singleValueContainer()
            try c.encode(message)
        }
    }

    public let scenario: Scenario
    public let plan: Plan
    public let calendar: QuarterCalendar
    public private(set) var occurrences: [Occurrence] = []
    public private(set) var practices: [PracticeResult] = []
    public private(set) var workers: [WorkerResult] = []
    public private(set) var streams: [StreamResult] = []
    public private(set) var terms: Terms
    public private(set) var violations: [Violation] = []
    public private(set) var warnings: [Warning] = []

    public var isValid: Bool { violations.isEmpty }

    /// The totals as plan.json states them.
    public var totals: Plan.Totals {
        Plan.Totals(gapHours: terms.gapHours, missingBackups: terms.missingBackups, pairs: terms.pairs,
                    droppedPairs: terms.droppedPairs.count, droppedSessions: terms.droppedSessions.count,
                    unmetPreference: terms.unmetPreference)
    }

    public func practice(_ id: String) -> PracticeResult? { practices.first { $0.id == id } }
    public func worker(_ id: String) -> WorkerResult? { workers.first { $0.id == id } }
    public func stream(_ id: String) -> StreamResult? { streams.first { $0.id == id } }

    // MARK: Counting

    /// A session of the plan that names a worker, a practice and a slot of the scenario.
    private typealias PlannedSession = (worker: Worker, practice: Practice, slot: Slot)

    public init(scenario: Scenario, plan: Plan) {
        self.scenario = scenario
        self.plan = plan
        calendar = QuarterCalendar(scenario)
        terms = .zero

        let workerByID = Dictionary(scenario.workers.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let practiceByID = Dictionary(scenario.practices.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let sessions = plannedSessions(workerByID: workerByID, practiceByID: practiceByID)
        let backups = Set(plan.backups).sorted()
        let backupsOf = Dictionary(grouping: backups, by: \.practice).mapValues { $0.map(\.worker) }

        let duties = countOccurrences(sessions, backupsOf: backupsOf, workerByID: workerByID)
        countPractices(sessions, backupsOf: backupsOf)
        countWorkers(sessions, backups: backups, duties: duties, practiceByID: practiceByID)
        countStreams()
        countObjective(sessions)

        checkRules(sessions: sessions, backups: backups, workerByID: workerByID, practiceByID: practiceByID)
        checkCoveringWeeks()
        checkStated()
        // The same plan gives the same words in the same order.
        violations = Array(Set(violations)).sorted { ($0.rule, $0.message) < ($1.rule, $1.message) }
        var seen = Set<Warning>()
        warnings = warnings.filter { seen.insert($0).inserted }
    }

    /// Sessions that name what exists; the rest are H1 violations and count
    /// for nothing. A session listed twice is an H2 violation.
    private mutating func plannedSessions(workerByID: [String: Worker], practiceByID: [String: Practice]) -> [PlannedSession] {
        let slotByName = Dictionary(scenario.slots.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var sessions: [PlannedSession] = []
        for session in Set(plan.sessions).sorted() {
            guard let w = workerByID[session.worker] else {
                violate(.h1, "the session \(Self.name(session)) names the worker '\(session.worker)', who is not in the scenario")
                continue
            }
            guard let p = practiceByID[session.practice] else {
                violate(.h1, "the session \(Self.name(session)) names the practice '\(session.practice)', which is not in the scenario")
                continue
            }
            guard let s = slotByName[session.slot] else {
                violate(.h1, "the session \(Self.name(session)) is in '\(session.slot)', which is not a slot of the scenario")
                continue
            }
            sessions.append((w, p, s))
        }
        if Set(plan.sessions).count < plan.sessions.count {
            violate(.h2, "the plan lists the same session more than once")
        }
        return sessions
    }

    /// Every occurrence of every session: held, covered, lost or closed.
    /// An occurrence whose regular is away is covered when a backup of the
    /// practice is present (a fact of the plan, model.md). Who stands in:
    /// per date and slot, backups are matched to the practices that need
    /// one so that as few as possible are needed twice; a backup needed at
    /// two practices at once is a warning (model.md's known simplification).
    /// Returns each backup's covering duties.
    private mutating func countOccurrences(_ sessions: [PlannedSession], backupsOf: [String: [String]],
                                           workerByID: [String: Worker]) -> [String: [CoverDuty]] {
        var duties: [String: [CoverDuty]] = [:]
        for week in 1...scenario.quarter.weeks {
            for slot in scenario.slots {
                countOccurrences(week: week, slot: slot, sessions.filter { $0.slot == slot }, backupsOf: backupsOf,
                                 workerByID: workerByID, duties: &duties)
            }
        }
        return duties
    }

    /// One week's occurrences of the sessions `here`, all in `slot`.
    private mutating func countOccurrences(week: Int, slot: Slot, _ here: [PlannedSession], backupsOf: [String: [String]],
                                           workerByID: [String: Worker], duties: inout [String: [CoverDuty]]) {
        let date = calendar.date(week: week, slot: slot)
        let away = regularsAway(week: week, slot: slot, date: date, here, backupsOf: backupsOf, workerByID: workerByID)
        var states = away.states
        let needing = away.needing
        let overhead = scenario.overhead
        let matched = Self.matchBackups(needing.map(\.present))
        var busy: [String: String] = [:]  // backup → practice, for those matched
        for (k, need) in needing.enumerated() {
            if let backup = matched[k] { busy[backup] = here[need.index].practice.id }
        }
        for (k, need) in needing.enumerated() {
            let session = here[need.index]
            var backup = matched[k] ?? need.present[0]
            if matched[k] == nil {
                backup = need.present.sorted()[0]
                let here = session.practice.name, who = scenario.worker(backup)?.name ?? backup
                let other = busy[backup].map { scenario.practice($0)?.name ?? $0 }
                warnings.append(Warning(
                    message: "on \(date) (\(slot)) \(here) and \(other ?? "another practice") both need a backup, and only \(who) can stand in at either: one of them cannot be covered in practice",
                    dutch: "op \(date) (\(Language.nl.slotName(slot))) hebben \(here) en \(other ?? "een andere praktijk") allebei een vervanger nodig, en alleen \(who) kan bij beide invallen: één van de twee kan in de praktijk niet worden vervangen"))
            }
            states[need.index] = .covered(by: backup)
            let hours = session.practice.sessionHours * (1 + overhead.adminPerContactHour) + overhead.travelHoursPerVisit
            duties[backup, default: []].append(CoverDuty(
                week: week, date: date, slot: slot, practice: session.practice.id,
                covering: session.worker.id, hours: hours))
        }
        for (index, session) in here.enumerated() {
            occurrences.append(Occurrence(week: week, date: date, slot: slot, practice: session.practice.id,
                                          worker: session.worker.id, state: states[index]))
        }
    }

    /// Each occurrence's state before backups are matched: closed, held by
    /// its regular, or lost; an absence with backups present is left held
    /// and listed in `needing` with the backups who could stand in.
    private func regularsAway(week: Int, slot: Slot, date: LocalDate, _ here: [PlannedSession],
                              backupsOf: [String: [String]], workerByID: [String: Worker])
        -> (states: [OccurrenceState], needing: [(index: Int, present: [String])])
    {
        var states = [OccurrenceState](repeating: .heldByRegular, count: here.count)
        var needing: [(index: Int, present: [String])] = []
        for (index, session) in here.enumerated() {
            if calendar.isClosed(date) {
                states[index] = .closed
            } else if !calendar.isPresent(session.worker, week: week, slot: slot) {
                let present = (backupsOf[session.practice.id] ?? []).filter { id in
                    workerByID[id].map { calendar.isPresent($0, week: week, slot: slot) } ?? false
                }
                if present.isEmpty { states[index] = .lost } else { needing.append((index, present)) }
            }
        }
        return (states, needing)
    }

    /// Practices: counts, hours, gap, missing backups.
    private mutating func countPractices(_ sessions: [PlannedSession], backupsOf: [String: [String]]) {
        let sessionsAt = Dictionary(grouping: sessions, by: { $0.practice.id })
        let mdoAttendees = Dictionary(grouping: Set(plan.mdo).sorted(), by: \.practice).mapValues { $0.map(\.worker) }
        var paid: [String: [String: [Activity: Double]]] = [:]  // practice → stream → activity
        for line in plan.funding { paid[line.practice, default: [:]][line.stream, default: [:]][line.activity, default: 0] += line.hours }
        let occurrencesAt = Dictionary(grouping: occurrences, by: \.practice)
        for practice in scenario.practices {
            let own = sessionsAt[practice.id] ?? []
            let served = !own.isEmpty
            let shortfall = max(0, practice.sessionsPerWeek - own.count)
            let rows = practiceWeeks(practice, shortfall: shortfall, occurrencesAt[practice.id] ?? [])
            let totalHeld = rows.reduce(0) { $0 + $1.heldByRegular }, totalCovered = rows.reduce(0) { $0 + $1.covered }
            let totalLost = rows.reduce(0) { $0 + $1.lost }, totalClosed = rows.reduce(0) { $0 + $1.closed }
            let weeks = scenario.quarter.weeks
            let gapHours = practice.sessionHours * Double(weeks * shortfall + totalLost)
            let backupCount = backupsOf[practice.id]?.count ?? 0
            practices.append(PracticeResult(
                id: practice.id, priority: practice.priority, served: served, sessions: own.count,
                regulars: Array(Set(own.map(\.worker.id))).sorted(), backups: backupsOf[practice.id] ?? [],
                mdoAttendee: mdoAttendees[practice.id]?.first, weeks: rows, occurrences: own.count * weeks,
                heldByRegular: totalHeld, covered: totalCovered, lost: totalLost, closed: totalClosed,
                shortfall: shortfall, gapHours: gapHours,
                missingBackups: served ? max(0, practice.backups - backupCount) : 0,
                hours: hoursWorked(at: practice, served: served, held: totalHeld + totalCovered),
                paid: paid[practice.id] ?? [:]))
        }
    }

    /// One practice's weeks: what became of each occurrence, and the gap.
    private func practiceWeeks(_ practice: Practice, shortfall: Int, _ occurrences: [Occurrence]) -> [PracticeWeek] {
        let byWeek = Dictionary(grouping: occurrences, by: \.week)
        var rows: [PracticeWeek] = []
        for week in 1...scenario.quarter.weeks {
            var row = PracticeWeek(week: week, asked: practice.sessionsPerWeek, heldByRegular: 0, covered: 0,
                                   lost: 0, closed: 0, shortfall: shortfall, gapHours: 0, coveredBy: [])
            for occurrence in byWeek[week] ?? [] {
                switch occurrence.state {
                case .closed: row.closed += 1
                case .heldByRegular: row.heldByRegular += 1
                case .covered(let by):
                    row.covered += 1
                    row.coveredBy.append(by)
                case .lost: row.lost += 1
                }
            }
            row.gapHours = practice.sessionHours * Double(row.shortfall + row.lost)
            rows.append(row)
        }
        return rows
    }

    /// Hours over the quarter at a practice by activity, from the
    /// occurrences held (by the regular or covered).
    private func hoursWorked(at practice: Practice, served: Bool, held: Int) -> [Activity: Double] {
        let overhead = scenario.overhead
        let contact = practice.sessionHours * Double(held)
        var hours: [Activity: Double] = [
            .contact: contact,
            .admin: overhead.adminPerContactHour * contact,
            .travel: overhead.travelHoursPerVisit * Double(held),
            .mdo: 0,
        ]
        if served, let mdo = practice.mdo { hours[.mdo] = mdo.hours * Double(mdo.meetings(inWeeks: scenario.quarter.weeks)) }
        return hours
    }

    /// Workers: the weekly load of H5.
    private mutating func countWorkers(_ sessions: [PlannedSession], backups: [Plan.Role], duties: [String: [CoverDuty]],
                                       practiceByID: [String: Practice]) {
        let overhead = scenario.overhead
        let sessionsOf = Dictionary(grouping: sessions, by: { $0.worker.id })
        for worker in scenario.workers {
            let own = sessionsOf[worker.id] ?? []
            let contact = own.reduce(0) { $0 + $1.practice.sessionHours }
            var weekly: [Activity: Double] = [
                .contact: contact,
                .admin: contact * overhead.adminPerContactHour,
                .travel: Double(own.count) * overhead.travelHoursPerVisit,
                .mdo: 0,
            ]
            for role in Set(plan.mdo) where role.worker == worker.id {
                if let mdo = practiceByID[role.practice]?.mdo { weekly[.mdo]! += mdo.weeklyHours }
            }
            let planned = Self.sum(weekly)
            let load = worker.reservedHours + planned
            workers.append(WorkerResult(
                id: worker.id, hoursPerWeek: worker.hoursPerWeek, reservedHours: worker.reservedHours,
                weekly: weekly, load: load, free: worker.hoursPerWeek - load,
                utilisation: worker.plannableHours > 0 ? planned / worker.plannableHours : (planned > 0 ? .infinity : 0),
                practices: Array(Set(own.map(\.practice.id))).sorted(),
                backupFor: backups.filter { $0.worker == worker.id }.map(\.practice),
                covering: duties[worker.id] ?? []))
        }
    }

    /// Streams: hours and euros used.
    private mutating func countStreams() {
        for stream in scenario.funding {
            var byActivity: [Activity: Double] = [:]
            for line in plan.funding where line.stream == stream.id { byActivity[line.activity, default: 0] += line.hours }
            let used = Self.sum(byActivity)
            var budgetEuros: Double?
            if case .euros(let euros, _) = stream.budget { budgetEuros = euros }
            streams.append(StreamResult(id: stream.id, budgetHours: stream.budgetHours, usedHours: used,
                                        byActivity: byActivity, budgetEuros: budgetEuros,
                                        usedEuros: stream.ratePerHour.map { used * $0 }))
        }
    }

    /// The objective, term by term.
    private mutating func countObjective(_ sessions: [PlannedSession]) {
        let weights = scenario.objective
        let pairs = Set(sessions.map { Plan.Role(worker: $0.worker.id, practice: $0.practice.id) })
        let dropped = (scenario.previous?.pairs ?? []).filter { !pairs.contains($0) }.sorted()
        let held = Set(sessions.map { Plan.Session(worker: $0.worker.id, practice: $0.practice.id, slot: $0.slot.name) })
        let droppedSessions = Set(scenario.previous?.sessions ?? []).subtracting(held).sorted()
        let unmet = scenario.preferences.map { UnmetPreference(preference: $0, unmet: $0.unmet(isRegular: pairs.contains($0.pair))) }
            .filter { $0.unmet > 0 }
        // Summed in the scenario's order, so the last digit is the same every time.
        let unmetSum = unmet.reduce(0) { $0 + $1.unmet }
        let gap = practices.reduce(0) { $0 + $1.gapHours }
        let weighted = practices.reduce(0) { $0 + $1.priority * $1.gapHours }
        let missing = practices.reduce(0) { $0 + $1.missingBackups }
        terms = Terms(gapHours: gap, weightedGapHours: weighted, missingBackups: missing, pairs: pairs.count,
                      droppedPairs: dropped, droppedSessions: droppedSessions, unmetPreference: unmetSum,
                      unmetPreferences: unmet, gapTerm: weights.gapWeight * weighted,
                      missingBackupTerm: weights.missingBackupWeight * Double(missing),
                      pairTerm: weights.pairWeight * Double(pairs.count),
                      continuityTerm: weights.continuityWeight * Double(dropped.count),
                      sessionChangeTerm: weights.sessionChangeWeight * Double(droppedSessions.count),
                      preferenceTerm: weights.preferenceWeight * unmetSum)
    }

    // MARK: Hard rules

    private mutating func violate(_ rule: Rule, _ message: String) {
        violations.append(Violation(rule: rule, message: message))
    }

    /// Every hard rule of model.md, H1…H10 (the order does not matter: the
    /// violations are sorted at the end).
    private mutating func checkRules(sessions: [PlannedSession], backups: [Plan.Role],
                                     workerByID: [String: Worker], practiceByID: [String: Practice])
    {
        let sessionsAt = Dictionary(grouping: sessions, by: { $0.practice.id })
        let sessionsOf = Dictionary(grouping: sessions, by: { $0.worker.id })
        checkH1(sessions)
        checkH2(sessions)
        checkH3(sessionsAt: sessionsAt)
        checkH4(sessionsAt: sessionsAt, sessionsOf: sessionsOf)
        checkH5()
        checkH6(backups, sessionsAt: sessionsAt, sessionsOf: sessionsOf, workerByID: workerByID, practiceByID: practiceByID)
        checkH7(sessionsAt: sessionsAt, practiceByID: practiceByID)
        checkH8(practiceByID: practiceByID)
        checkH9(sessions, backups: backups)
        checkH10(sessions, backups: backups)
    }

    /// H1: eligible, and the slot in both available(w) and open(p). (A
    /// session naming what is not in the scenario is H1 too, found while
    /// reading the sessions.)
    private mutating func checkH1(_ sessions: [PlannedSession]) {
        for (w, p, s) in sessions {
            if !w.isEligible(for: p) {
                let missing = p.requiresSkills.filter { !w.skills.contains($0) }
                violate(.h1, "\(w.id) holds a session at \(p.id) but lacks the skill\(missing.count == 1 ? "" : "s") it requires (\(missing.joined(separator: ", ")))")
            }
            if !w.available.contains(s) {
                violate(.h1, "\(w.id) holds a session at \(p.id) in \(s), but is not available in \(s)")
            }
            if !p.open.contains(s) {
                violate(.h1, "\(w.id) holds a session at \(p.id) in \(s), but \(p.id) has no room in \(s) (open: \(p.open.map(\.name).joined(separator: ", ")))")
            }
        }
    }

    /// H2: one session per slot for a worker and for a practice.
    private mutating func checkH2(_ sessions: [PlannedSession]) {
        for group in Dictionary(grouping: sessions, by: { "\($0.worker.id) \($0.slot.name)" }).values where group.count > 1 {
            violate(.h2, "\(group[0].worker.id) holds \(group.count) sessions in \(group[0].slot) (\(group.map(\.practice.id).sorted().joined(separator: ", "))); at most one per slot")
        }
        for (_, group) in Dictionary(grouping: sessions, by: { "\($0.practice.id) \($0.slot.name)" }) where group.count > 1 {
            violate(.h2, "\(group[0].practice.id) holds \(group.count) sessions in \(group[0].slot) (\(group.map(\.worker.id).sorted().joined(separator: ", "))); at most one per slot")
        }
    }

    /// H3: no more sessions than asked.
    private mutating func checkH3(sessionsAt: [String: [PlannedSession]]) {
        for practice in scenario.practices {
            let own = sessionsAt[practice.id] ?? []
            if own.count > practice.sessionsPerWeek {
                violate(.h3, "\(practice.id) has \(own.count) sessions a week, more than the \(practice.sessionsPerWeek) it asks for")
            }
        }
    }

    /// H4: distinct regulars per practice, distinct practices per worker.
    private mutating func checkH4(sessionsAt: [String: [PlannedSession]], sessionsOf: [String: [PlannedSession]]) {
        for practice in scenario.practices {
            let regulars = Set((sessionsAt[practice.id] ?? []).map(\.worker.id))
            if regulars.count > practice.maxWorkers {
                violate(.h4, "\(practice.id) has \(regulars.count) regular workers (\(regulars.sorted().joined(separator: ", "))), more than its max_workers of \(practice.maxWorkers)")
            }
        }
        for worker in scenario.workers {
            let places = Set((sessionsOf[worker.id] ?? []).map(\.practice.id))
            if places.count > worker.maxPractices {
                violate(.h4, "\(worker.id) works at \(places.count) practices (\(places.sorted().joined(separator: ", "))), more than max_practices \(worker.maxPractices)")
            }
        }
    }

    /// H5: the weekly load within contract hours.
    private mutating func checkH5() {
        let h = Self.hours
        for worker in scenario.workers {
            if let result = self.worker(worker.id), result.load > worker.hoursPerWeek + Self.tolerance(worker.hoursPerWeek) {
                violate(.h5, "\(Self.possessive(worker.id)) weekly load is \(h(result.load - worker.reservedHours)) h, above the \(h(worker.plannableHours)) plannable hours (\(h(worker.hoursPerWeek)) contract − \(h(worker.reservedHours)) reserved)")
            }
        }
    }

    /// H6: a backup is eligible, can substitute, is no regular of the
    /// practice, and is available and free whenever the practice holds a session.
    private mutating func checkH6(_ backups: [Plan.Role], sessionsAt: [String: [PlannedSession]],
                                  sessionsOf: [String: [PlannedSession]], workerByID: [String: Worker],
                                  practiceByID: [String: Practice]) {
        for role in backups {
            guard let w = workerByID[role.worker] else {
                violate(.h6, "the backup \(role.worker) for \(role.practice) is not a worker of the scenario")
                continue
            }
            guard let p = practiceByID[role.practice] else {
                violate(.h6, "\(role.worker) is a backup for '\(role.practice)', which is not a practice of the scenario")
                continue
            }
            if !w.isEligible(for: p) {
                violate(.h6, "\(w.id) is a backup for \(p.id) but lacks a skill it requires (\(p.requiresSkills.filter { !w.skills.contains($0) }.joined(separator: ", ")))")
            }
            if !w.canSubstitute {
                violate(.h6, "\(w.id) is a backup for \(p.id) but cannot substitute (can_substitute: false)")
            }
            let own = sessionsAt[p.id] ?? []
            if own.contains(where: { $0.worker.id == w.id }) {
                violate(.h6, "\(w.id) is a backup for \(p.id) but is already one of its regulars")
            }
            for session in own where session.worker.id != w.id {
                if !w.available.contains(session.slot) {
                    violate(.h6, "\(w.id) is a backup for \(p.id) but is not available in \(session.slot), when \(p.id) holds a session")
                } else if let clash = (sessionsOf[w.id] ?? []).first(where: { $0.slot == session.slot }) {
                    violate(.h6, "\(w.id) is a backup for \(p.id) but holds a session at \(clash.practice.id) in \(session.slot), when \(p.id) holds one")
                }
            }
        }
    }

    /// H7: one MDO attendee per served practice with an MDO, a regular of it.
    private mutating func checkH7(sessionsAt: [String: [PlannedSession]], practiceByID: [String: Practice]) {
        let attendees = Dictionary(grouping: Set(plan.mdo), by: \.practice)
        for role in Set(plan.mdo).sorted() where practiceByID[role.practice] == nil {
            violate(.h7, "\(role.worker) attends the MDO of '\(role.practice)', which is not a practice of the scenario")
        }
        for practice in scenario.practices {
            let names = (attendees[practice.id] ?? []).map(\.worker).sorted()
            let served = !(sessionsAt[practice.id] ?? []).isEmpty
            if practice.mdo == nil {
                if !names.isEmpty { violate(.h7, "\(practice.id) has no MDO, yet \(names.joined(separator: ", ")) attends one") }
            } else if !served {
                if !names.isEmpty { violate(.h7, "\(practice.id) is not served, yet \(names.joined(separator: ", ")) attends its MDO") }
            } else if names.isEmpty {
                violate(.h7, "\(practice.id) is served and has an MDO, but no one attends it")
            } else if names.count > 1 {
                violate(.h7, "\(practice.id)'s MDO has \(names.count) attendees (\(names.sorted().joined(separator: ", "))); exactly one is wanted")
            } else if let regulars = self.practice(practice.id)?.regulars, !regulars.contains(names[0]) {
                violate(.h7, "\(names[0]) attends \(practice.id)'s MDO but is not one of its regulars (\(regulars.joined(separator: ", ")))")
            }
        }
    }

    /// H8: each stream pays only what it may, within its budget, and every
    /// hour worked at a practice is paid.
    private mutating func checkH8(practiceByID: [String: Practice]) {
        let h = Self.hours
        let streamByID = Dictionary(scenario.funding.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for line in plan.funding {
            guard let stream = streamByID[line.stream] else {
                violate(.h8, "the funding line of '\(line.stream)' names a stream that is not in the scenario")
                continue
            }
            guard let practice = practiceByID[line.practice] else {
                violate(.h8, "\(stream.id) pays for '\(line.practice)', which is not a practice of the scenario")
                continue
            }
            // Within the tolerance of every other sum here, a line is 0: a
            // plan from another solver carries float noise (-1e-13 h, 1e-12 h
            // of a stream that pays nothing there), which is no payment.
            if !line.hours.isFinite || line.hours < -Self.tolerance(0) {
                violate(.h8, "\(stream.id) pays \(line.hours) h of \(line.activity.rawValue) at \(practice.id); hours cannot be negative")
            } else if line.hours > Self.tolerance(0) {
                if !stream.pays(for: line.activity) {
                    violate(.h8, "\(stream.id) pays \(h(line.hours)) h of \(line.activity.rawValue) at \(practice.id), but it pays only for \(stream.paysFor.map(\.rawValue).joined(separator: ", "))")
                }
                if !stream.covers(practice) {
                    violate(.h8, "\(stream.id) pays \(h(line.hours)) h at \(practice.id), which lies outside its scope")
                }
            }
        }
        for stream in streams where stream.usedHours > stream.budgetHours + Self.tolerance(stream.budgetHours) {
            violate(.h8, "\(stream.id) pays \(h(stream.usedHours)) h, above its budget of \(h(stream.budgetHours)) h")
        }
        for result in practices {
            for activity in Activity.allCases {
                let worked = result.hours[activity] ?? 0
                let paid = result.paidHours(activity)
                if abs(worked - paid) > Self.tolerance(worked) {
                    // Exact when rounding would show the same number twice.
                    let (w, p) = h(worked) == h(paid) ? (Self.exact(worked), Self.exact(paid)) : (h(worked), h(paid))
                    violate(.h8, "\(result.id) has \(w) h of \(activity.rawValue) worked but \(p) h paid; every hour worked must be paid")
                }
            }
        }
    }

    /// H9: team size.
    private mutating func checkH9(_ sessions: [PlannedSession], backups: [Plan.Role]) {
        guard let limit = scenario.teamSize else { return }
        let used = Set(sessions.map(\.worker.id)).union(backups.map(\.worker))
        if used.count > limit {
            violate(.h9, "\(used.count) workers have a session or backup role, more than team_size \(limit)")
        }
    }

    /// H10: every pin holds; no avoided pair is a regular pair or a backup.
    private mutating func checkH10(_ sessions: [PlannedSession], backups: [Plan.Role]) {
        let held = Set(sessions.map { Plan.Session(worker: $0.worker.id, practice: $0.practice.id, slot: $0.slot.name) })
        let pairs = Set(sessions.map { Plan.Role(worker: $0.worker.id, practice: $0.practice.id) })
        let backupSet = Set(backups)
        for pin in scenario.pins {
            switch (pin.role, pin.slot) {
            case (.backup, _):
                if !backupSet.contains(pin.pair) { violate(.h10, "\(pin.worker) is pinned as a backup for \(pin.practice), but is not one") }
            case (.regular, let slot?):
                if !held.contains(Plan.Session(worker: pin.worker, practice: pin.practice, slot: slot.name)) {
                    violate(.h10, "\(pin.worker) is pinned to a session at \(pin.practice) in \(slot), but does not hold it")
                }
            case (.regular, nil):
                if !pairs.contains(pin.pair) { violate(.h10, "\(pin.worker) is pinned as a regular of \(pin.practice), but holds no session there") }
            }
        }
        for avoided in scenario.avoid {
            if pairs.contains(avoided.pair) { violate(.h10, "\(avoided.worker) holds a session at \(avoided.practice), a pair to avoid") }
            if backupSet.contains(avoided.pair) { violate(.h10, "\(avoided.worker) is a backup for \(avoided.practice), a pair to avoid") }
        }
    }

    /// Covering on top of a backup's own week can go past contract hours:
    /// model.md reports it rather than models it.
    private mutating func checkCoveringWeeks() {
        for worker in workers where !worker.covering.isEmpty {
            for (week, duties) in Dictionary(grouping: worker.covering, by: \.week).sorted(by: { $0.key < $1.key }) {
                let extra = duties.reduce(0) { $0 + $1.hours }
                if worker.load + extra > worker.hoursPerWeek + Self.tolerance(worker.hoursPerWeek) {
                    let name = scenario.worker(worker.id)?.name ?? worker.id
                    func nl(_ hours: Double) -> String { NumberStyle.dutch.apply(Self.hours(hours)) }
                    warnings.append(Warning(
                        message: "in week \(week) covering adds \(Self.hours(extra)) h to \(Self.possessive(name)) \(Self.hours(worker.load)) h week: \(Self.hours(worker.load + extra)) h, above \(Self.possessive(name)) \(Self.hours(worker.hoursPerWeek)) contract hours",
                        dutch: "in week \(week) komt er door invallen \(nl(extra)) u bij de week van \(nl(worker.load)) u van \(name): \(nl(worker.load + extra)) u, meer dan de \(nl(worker.hoursPerWeek)) contracturen"))
                }
            }
        }
    }

    /// A plan file must not lie: its stated objective and totals must be
    /// the recounted ones (within 1e-6 relative).
    private mutating func checkStated() {
        let h = Self.hours
        func count(_ n: Int, _ what: String) -> String { "\(n) \(what)" + (n == 1 ? "" : "s") }
        if let stated = plan.objective, abs(stated - terms.objective) > Self.tolerance(terms.objective) {
            violate(.stated, "the plan states objective \(Self.exact(stated)), but it counts \(Self.exact(terms.objective))")
        }
        if let bound = plan.bound, let objective = plan.objective, bound > objective + Self.tolerance(objective) {
            violate(.stated, "the plan states a bound of \(Self.exact(bound)) above its objective \(Self.exact(objective)); a bound is never above the best plan")
        }
        if plan.status == .noPlan, !(plan.sessions.isEmpty && plan.backups.isEmpty && plan.mdo.isEmpty && plan.funding.isEmpty) {
            violate(.stated, "the plan's status is no_plan, yet it lists sessions, backups, MDO attendees or funding")
        }
        guard let totals = plan.totals else { return }
        if abs(totals.gapHours - terms.gapHours) > Self.tolerance(terms.gapHours) {
            violate(.stated, "the plan states \(h(totals.gapHours)) gap hours, but it counts \(h(terms.gapHours))")
        }
        if totals.missingBackups != terms.missingBackups {
            violate(.stated, "the plan states \(count(totals.missingBackups, "missing backup")), but it counts \(terms.missingBackups)")
        }
        if totals.pairs != terms.pairs {
            violate(.stated, "the plan states \(count(totals.pairs, "pair")), but it counts \(terms.pairs)")
        }
        if totals.droppedPairs != terms.droppedPairs.count {
            violate(.stated, "the plan states \(count(totals.droppedPairs, "dropped pair")), but it counts \(terms.droppedPairs.count)")
        }
        // Plan files written before these totals existed do not state them.
        if let stated = totals.droppedSessions, stated != terms.droppedSessions.count {
            violate(.stated, "the plan states \(count(stated, "dropped session")), but it counts \(terms.droppedSessions.count)")
        }
        if let stated = totals.unmetPreference, abs(stated - terms.unmetPreference) > Self.tolerance(terms.unmetPreference) {
            violate(.stated, "the plan states an unmet preference of \(Self.exact(stated)), but it counts \(Self.exact(terms.unmetPreference))")
        }
        // The tie-break's money is what the plan's funding costs (model.md
        // knows no money term: euros of streams with a tariff, or hours paid
        // when none has one); what else it states must hang together. A
        // replan's money is of the weeks from its date, which its own solve
        // counted: it is not recounted here.
        guard let least = plan.leastMoney else { return }
        let rated = scenario.funding.contains { $0.ratePerHour != nil }
        let tolerance = Self.tolerance(least.money)
        if let bound = least.bound, bound > least.money + tolerance || bound < -tolerance {
            violate(.stated, "the plan states a least-money bound of \(Self.exact(bound)), outside 0 to its money \(Self.exact(least.money))")
        }
        if least.ending == .proven, let bound = least.bound, abs(bound - least.money) > tolerance {
            violate(.stated, "the plan states the least money proven, yet a bound of \(Self.exact(bound)) below its money \(Self.exact(least.money))")
        }
        if least.before < least.money - tolerance {
            violate(.stated, "the plan states least money \(Self.exact(least.money)) above what the plan found first cost (\(Self.exact(least.before)))")
        }
        let unpriced = rated ? scenario.funding.filter { $0.ratePerHour == nil }.map(\.id) : []
        if least.unpriced != unpriced {
            violate(.stated, "the plan names \(least.unpriced.isEmpty ? "no stream" : least.unpriced.joined(separator: ", ")) as without a tariff, but the scenario's are \(unpriced.isEmpty ? "none" : unpriced.joined(separator: ", "))")
        }
        if plan.from == nil {
            let rate = Dictionary(uniqueKeysWithValues: scenario.funding.map { ($0.id, rated ? $0.ratePerHour ?? 0 : 1.0) })
            let counted = streams.reduce(0) { $0 + $1.usedHours * (rate[$1.id] ?? 0) }
            if abs(least.money - counted) > Self.tolerance(counted) {
                violate(.stated, "the plan states least money \(Self.exact(least.money)), but its funding costs \(Self.exact(counted))")
            }
            if (least.unit == .euros) != rated {
                violate(.stated, "the plan states least money in \(least.unit.rawValue), but \(rated ? "streams have a tariff (euros)" : "no stream has a tariff (hours)")")
            }
        }
    }

    /// A largest matching of absences to distinct present backups (Kuhn's
    /// augmenting paths; the lists are tiny). Entry k is the backup for
    /// absence k, or nil when it must share one. Deterministic: candidates
    /// are tried in id order.
    static func matchBackups(_ candidates: [[String]]) -> [String?] {
        var owner: [String: Int] = [:]
        func augment(_ k: Int, _ seen: inout Set<String>) -> Bool {
            for backup in candidates[k].sorted() where !seen.contains(backup) {
                seen.insert(backup)
                if let other = owner[backup] {
                    if augment(other, &seen) {
                        owner[backup] = k
                        return true
                    }
                } else {
                    owner[backup] = k
                    return true
                }
            }
            return false
        }
        for k in candidates.indices {
            var seen = Set<String>()
            _ = augment(k, &seen)
        }
        var result = [String?](repeating: nil, count: candidates.count)
        for (backup, k) in owner { result[k] = backup }
        return result
    }

    // MARK: Words and numbers

    /// Hours by activity summed in `Activity.allCases` order (contact,
    /// admin, travel, MDO), never in a Dictionary's order, which differs
    /// between runs and would change the last digit of a sum.
    static func sum(_ hours: [Activity: Double]) -> Double {
        Activity.allCases.reduce(0) { $0 + (hours[$1] ?? 0) }
    }

    /// 1e-6 relative, and 1e-6 absolute near zero.
    static func tolerance(_ value: Double) -> Double { 1e-6 * max(1, abs(value)) }

    static func exact(_ value: Double) -> String { Format.exact(value) }

    static func hours(_ value: Double) -> String { Format.hours(value) }

    static func possessive(_ id: String) -> String { Format.possessive(id) }

    static func name(_ s: Plan.Session) -> String { "(\(s.worker), \(s.practice), \(s.slot))" }
}
