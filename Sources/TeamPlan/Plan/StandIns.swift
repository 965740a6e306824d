/// A worker is away (a sick call, leave not yet in the scenario): every
/// occurrence in the span that needs someone else — the worker's own
/// sessions they would have held, and the backup duties they would have
/// had — with the colleagues who could stand in, best first, and those who
/// cannot, with why not. Counted on the plan as `Evaluation` counts it.
///
/// Who can: eligible for the practice, may substitute, available in the
/// slot and present that date (no leave, no closure), free then (no session
/// of their own held, no other backup duty that slot that date), not a pair
/// the manager avoids. Best first: the practice's designated backups, then
/// its other regulars, then those familiar with it (last quarter's pair, or
/// a backup or regular there now), then who keeps the most hours left that
/// week — those the duty would take past their contract hours last — then
/// by id.
public struct StandIns: Sendable {
    /// One colleague for one occurrence.
    public struct Candidate: Sendable, Equatable {
        public var worker: String
        /// Why they fit, in order: `designated backup`, `regular of …`, `familiar …`, `free in …`.
        public var reasons: [String]
        /// The same in Dutch.
        public var dutchReasons: [String]
        /// Contract hours left that week after their own load and cover
        /// duties, before this one (below the duty's hours: it takes them over).
        public var hoursLeft: Double
        /// The hours the duty takes (session, admin and travel).
        public var dutyHours: Double
        /// The rank's first key: designated backup 0, regular 1, familiar 2, other 3.
        var closeness: Int
    }

    /// A colleague who cannot stand in, and why not (the first reason that rules them out).
    public struct Unable: Sendable, Equatable {
        public var worker: String
        public var why: String
        /// The same in Dutch.
        public var dutchWhy: String
    }

    /// One occurrence that needs someone else.
    public struct Need: Sendable {
        public enum Kind: String, Sendable { case session, backupDuty = "backup duty" }
        public var kind: Kind
        public var date: LocalDate
        public var week: Int
        public var slot: Slot
        public var practice: String
        /// For a backup duty: the regular who is away that day.
        public var covering: String?
        public var hours: Double
        public var candidates: [Candidate]
        public var unable: [Unable]
    }

    public let worker: String
    public let from: LocalDate
    public let to: LocalDate
    public let needs: [Need]

    /// Why a cover request cannot be answered.
    public struct Problem: Error, Sendable, CustomStringConvertible {
        public var description: String
        public var dutch: String = ""
    }

    public init(_ e: Evaluation, worker id: String, from: LocalDate, to: LocalDate) throws(Problem) {
        let s = e.scenario
        guard let away = s.worker(id) else {
            throw Problem(description: "no worker has the id '\(id)'" + Suggestions.didYouMean(id, in: s.workers.map(\.id)))
        }
        guard from <= to else { throw Problem(description: "--to \(to) is before --from \(from)") }
        let quarter = s.quarter
        guard to >= quarter.start, from <= quarter.end else {
            throw Problem(description: "\(from) to \(to) lies outside the quarter (\(quarter.start) to \(quarter.end))")
        }
        worker = away.id
        self.from = from
        self.to = to
        var needs: [Need] = []
        // Their own sessions, on the dates they would have held them.
        for o in e.occurrences where o.worker == away.id && o.state == .heldByRegular && o.date >= from && o.date <= to {
            needs.append(Self.need(.session, o.week, o.date, o.slot, o.practice, covering: nil, e, away: away.id))
        }
        // The duties they would have had as a backup.
        for duty in e.worker(away.id)?.covering ?? [] where duty.date >= from && duty.date <= to {
            needs.append(Self.need(.backupDuty, duty.week, duty.date, duty.slot, duty.practice, covering: duty.covering, e, away: away.id))
        }
        self.needs = needs.sorted { ($0.date, $0.slot, $0.practice) < ($1.date, $1.slot, $1.practice) }
    }

    static func need(_ kind: Need.Kind, _ week: Int, _ date: LocalDate, _ slot: Slot, _ practiceID: String, covering: String?,
                     _ e: Evaluation, away: String) -> Need {
        let s = e.scenario
        let practice = s.practice(practiceID)!
        let hours = s.sessionLoad(practice)
        var candidates: [Candidate] = [], unable: [Unable] = []
        for other in s.workers where other.id != away && other.id != covering {
            switch judge(other, practice, week: week, date: date, slot: slot, e) {
            case .success(let candidate): candidates.append(candidate)
            case .failure(let why): unable.append(Unable(worker: other.id, why: why.description, dutchWhy: why.dutch))
            }
        }
        candidates.sort { a, b in
            let aFits = a.hoursLeft >= hours - 1e-9, bFits = b.hoursLeft >= hours - 1e-9
            return (aFits ? 0 : 1, a.closeness, -a.hoursLeft, a.worker) < (bFits ? 0 : 1, b.closeness, -b.hoursLeft, b.worker)
        }
        return Need(kind: kind, date: date, week: week, slot: slot, practice: practiceID, covering: covering, hours: hours,
                    candidates: candidates, unable: unable)
    }

    /// Whether `w` can stand in at `practice` on `date` in `slot`, and how well.
    static func judge(_ w: Worker, _ practice: Practice, week: Int, date: LocalDate, slot: Slot, _ e: Evaluation) -> Result<Candidate, Problem> {
        let s = e.scenario
        func no(_ why: String, _ dutch: String) -> Result<Candidate, Problem> { .failure(Problem(description: why, dutch: dutch)) }
        func name(_ id: String) -> String { s.practice(id)?.name ?? id }
        let nlSlot = Language.nl.slotName(slot)
        if !w.isEligible(for: practice) {
            let lacking = practice.requiresSkills.filter { !w.skills.contains($0) }.joined(separator: ", ")
            return no("lacks \(lacking)", "mist \(lacking)")
        }
        if !w.canSubstitute { return no("may not substitute", "mag niet invallen") }
        if s.avoidedPairs.contains(WorkerPractice(worker: w.id, practice: practice.id)) { return no("a pair to avoid", "een koppel om te vermijden") }
        if !w.available.contains(slot) { return no("not available in \(slot)", "niet beschikbaar op \(nlSlot)") }
        if !e.calendar.isPresent(w, week: week, slot: slot) { return no("on leave on \(date)", "met verlof op \(date)") }
        if let own = e.occurrences.first(where: { $0.worker == w.id && $0.date == date && $0.slot == slot && $0.state == .heldByRegular }) {
            return no("holds a session at \(own.practice) then", "heeft dan een spreekuur bij \(name(own.practice))")
        }
        let result = e.worker(w.id)
        if let duty = result?.covering.first(where: { $0.date == date && $0.slot == slot }) {
            return no("stands in at \(duty.practice) then", "valt dan in bij \(name(duty.practice))")
        }
        let weekDuties = (result?.covering ?? []).filter { $0.week == week }.reduce(0) { $0 + $1.hours }
        let left = w.hoursPerWeek - (result?.load ?? w.reservedHours) - weekDuties
        let pair = WorkerPractice(worker: w.id, practice: practice.id)
        var reasons: [String] = [], dutch: [String] = []
        let closeness: Int
        if result?.backupFor.contains(practice.id) == true {
            closeness = 0
            reasons.append("designated backup of \(practice.id)")
            dutch.append("aangewezen vervanger bij \(practice.name)")
        } else if result?.practices.contains(practice.id) == true {
            closeness = 1
            reasons.append("a regular of \(practice.id)")
            dutch.append("vaste medewerker bij \(practice.name)")
        } else if s.previous?.pairs.contains(pair) == true {
            closeness = 2
            reasons.append("a regular of \(practice.id) last quarter")
            dutch.append("vorig kwartaal vaste medewerker bij \(practice.name)")
        } else {
            closeness = 3
        }
        reasons.append("free in \(slot) on \(date)")
        dutch.append("vrij op \(nlSlot) \(date)")
        return .success(Candidate(worker: w.id, reasons: reasons, dutchReasons: dutch, hoursLeft: left, dutyHours: s.sessionLoad(practice),
                                  closeness: closeness))
    }
}
