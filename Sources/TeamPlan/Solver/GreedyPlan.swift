import Foundation

/// A valid plan built at once, without a solver: the first incumbent of
/// every solve, so that a scenario that reads never ends without a plan.
///
/// The manager's pins go in first (H10), whatever they cost; a plan that
/// cannot keep them all is not built here (the solver decides whether any
/// plan can). Then sessions go in one at a time, each time the one that
/// removes the most weighted gap per hour of the worker's week (gap weight ×
/// priority × session hours × the weeks its regular is there, plus a kept
/// session's change weight, less a new pair's weight, plus a kept pair's
/// continuity weight and the pair's preference), among those every hard
/// rule still allows: H1–H5, H9, H10's avoided pairs, and money. Money is reserved when a session goes in,
/// for every open week of its slot (what it can cost at most once backups
/// cover its regular's leave), from the streams that pay for the activity
/// at the practice, the narrowest first; a practice's first session also
/// reserves its MDO and makes its worker the attendee (H7). Then each served
/// practice gets its backups (H6), those present when its regulars are
/// away first. The funding lines are the hours Evaluation counts, shared
/// over the reserving streams in proportion, so each stream stays within
/// what it reserved.
enum GreedyPlan {
    /// The plan, checked by `Evaluation`: nil only if the construction broke
    /// a rule, which the tests hold to never happen. With `start`, also the
    /// plan built on what of `start` still holds (`GreedyConstruction.keep`),
    /// and the better of the two (that one on a tie: fewer changes).
    static func plan(_ scenario: Scenario, startingFrom start: Plan? = nil) -> (plan: Plan, evaluation: Evaluation)? {
        let cold = build(scenario, keeping: nil)
        guard let start, let warm = build(scenario, keeping: start) else { return cold }
        guard let cold else { return warm }
        return warm.evaluation.terms.objective <= cold.evaluation.terms.objective ? warm : cold
    }

    static func build(_ scenario: Scenario, keeping start: Plan?) -> (plan: Plan, evaluation: Evaluation)? {
        var construction = GreedyConstruction(scenario)
        guard construction.addPinnedSessions() else { return nil }
        if let start { construction.keep(start) }
        construction.addSessions()
        guard construction.addBackups(preferring: start?.backups ?? []) else { return nil }
        var plan = construction.plan()
        plan.funding = construction.fundingLines(Evaluation(scenario: scenario, plan: plan))
        let evaluation = Evaluation(scenario: scenario, plan: plan)
        guard evaluation.isValid else { return nil }
        plan.objective = evaluation.terms.objective
        plan.totals = evaluation.totals
        return (plan, evaluation)
    }
}

/// The state of the construction: who holds what, each worker's week, and
/// what each stream has left.
struct GreedyConstruction {
    struct Candidate {
        var worker: Int
        var practice: Int
        var slot: Slot
        /// Objective removed: positive is better.
        var value: Double
        var workHours: Double
    }

    let scenario: Scenario
    let calendar: QuarterCalendar
    let openWeeks: [Slot: Int]
    let previousPairs: Set<WorkerPractice>
    let previousSessions: Set<Plan.Session>
    /// Preference weight × weight per (worker, practice): what being a
    /// regular there is worth (negative: costs).
    let preferred: [WorkerPractice: Double]
    /// Pinned backups (worker, practice): the sessions must leave them free to step in (H6).
    let pinnedBackups: [(worker: Int, practice: Int)]
    /// Streams that may pay each activity at each practice, narrowest first.
    let payers: [[Activity: [Int]]]
    var load: [Double]
    var busy: [Set<Slot>]
    var held: [Set<Slot>]
    var regulars: [Set<Int>]
    var practicesOf: [Set<Int>]
    var attendee: [Int?]
    var withRole = Set<Int>()
    var left: [Double]
    /// Hours reserved per practice, activity and stream.
    var reserved: [[Activity: [Int: Double]]]
    var sessions: [(worker: Int, practice: Int, slot: Slot)] = []
    var backups: [(worker: Int, practice: Int)] = []
    /// While keeping a start plan's sessions, money is checked exactly (a
    /// maximum flow when the greedy payment fails): those sessions were paid
    /// in the plan, and the greedy order of payment must not lose them. From
    /// nothing the greedy payment alone decides: the flow on every refused
    /// candidate made the first plan of a 40×60 region 4–7 times slower.
    var payExactly = false
    /// Requests of hours that no payment could hold (see `canPay`).
    let unpayable = Unpayable()
    final class Unpayable { var keys = Set<String>() }

    init(_ scenario: Scenario) {
        self.scenario = scenario
        let calendar = QuarterCalendar(scenario)
        self.calendar = calendar
        openWeeks = Dictionary(uniqueKeysWithValues: scenario.slots.map { ($0, Formulation.openWeeks(calendar, $0)) })
        previousPairs = Set(scenario.previous?.pairs ?? [])
        previousSessions = Set(scenario.previous?.sessions ?? [])
        preferred = Dictionary(scenario.preferences.map { ($0.pair, scenario.objective.preferenceWeight * $0.weight) },
                               uniquingKeysWith: +)
        let workerIndex = Dictionary(scenario.workers.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let practiceIndex = Dictionary(scenario.practices.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        pinnedBackups = scenario.pins.filter { $0.role == .backup }.compactMap { pin in
            guard let w = workerIndex[pin.worker], let p = practiceIndex[pin.practice] else { return nil }
            return (w, p)
        }
        // Every pinned worker has a role in every valid plan: their places in the team are taken first (H9).
        withRole = Set(scenario.pins.compactMap { workerIndex[$0.worker] })
        payers = scenario.practices.map { Self.payers($0, scenario) }
        load = scenario.workers.map(\.reservedHours)
        busy = scenario.workers.map { _ in [] }
        held = scenario.practices.map { _ in [] }
        regulars = scenario.practices.map { _ in [] }
        practicesOf = scenario.workers.map { _ in [] }
        attendee = scenario.practices.map { _ in nil }
        left = scenario.funding.map(\.budgetHours)
        reserved = scenario.practices.map { _ in [:] }
    }

    /// For each activity, the streams that pay it at `practice`: those that
    /// pay for fewer activities and cover fewer practices first, so that
    /// money any practice could use is kept for last.
    static func payers(_ practice: Practice, _ scenario: Scenario) -> [Activity: [Int]] {
        let breadth = scenario.funding.map { stream in
            (stream.paysFor.count, scenario.practices.filter { stream.covers($0) }.count)
        }
        var result: [Activity: [Int]] = [:]
        for activity in Activity.allCases {
            result[activity] = scenario.funding.indices
                .filter { scenario.funding[$0].pays(for: activity) && scenario.funding[$0].covers(practice) }
                .sorted { (breadth[$0].0, breadth[$0].1, $0) < (breadth[$1].0, breadth[$1].1, $1) }
        }
        return result
    }
}

extension GreedyConstruction {
    /// Sessions, the best one at a time, until none that helps still fits.
    mutating func addSessions() {
        let possible = possibleSessions()
        while true {
            var best: Candidate?
            for (w, p, slot, gain) in possible {
                guard let candidate = candidate(w, p, slot, gain: gain) else { continue }
                if let b = best, !Self.better(candidate, than: b) { continue }
                best = candidate
            }
            guard let chosen = best else { return }
            add(chosen)
        }
    }

    /// The pinned sessions, then a session for each pinned pair that has
    /// none yet (its most valuable slot): false when one does not fit.
    mutating func addPinnedSessions() -> Bool {
        let possible = possibleSessions()
        let workerIndex = Dictionary(uniqueKeysWithValues: scenario.workers.enumerated().map { ($1.id, $0) })
        let practiceIndex = Dictionary(uniqueKeysWithValues: scenario.practices.enumerated().map { ($1.id, $0) })
        let pins = scenario.pins.filter { $0.role == .regular }
        for pin in pins.filter({ $0.slot != nil }) + pins.filter({ $0.slot == nil }) {
            guard let w = workerIndex[pin.worker], let p = practiceIndex[pin.practice] else { return false }
            if pin.slot == nil, regulars[p].contains(w) { continue }
            var best: Candidate?
            for (cw, cp, slot, gain) in possible where cw == w && cp == p && (pin.slot == nil || pin.slot == slot) {
                guard let candidate = candidate(w, p, slot, gain: gain, forced: true) else { continue }
                if let b = best, !Self.better(candidate, than: b) { continue }
                best = candidate
            }
            guard let chosen = best else { return false }
            add(chosen)
        }
        return true
    }

    /// The sessions of `start` that every rule and the money still allow,
    /// the most valuable per hour first (a worker or practice gone, a slot
    /// closed, a budget cut: those sessions are left out).
    mutating func keep(_ start: Plan) {
        payExactly = true
        defer { payExactly = false }
        let wanted = Set(start.sessions)
        var remaining = possibleSessions().filter { w, p, slot, _ in
            wanted.contains(Plan.Session(worker: scenario.workers[w].id, practice: scenario.practices[p].id, slot: slot.name))
        }
        while true {
            var best: (index: Int, candidate: Candidate)?
            for (i, (w, p, slot, gain)) in remaining.enumerated() {
                guard let candidate = candidate(w, p, slot, gain: gain) else { continue }
                if let b = best, !Self.better(candidate, than: b.candidate) { continue }
                best = (i, candidate)
            }
            guard let chosen = best else { return }
            add(chosen.candidate)
            remaining.remove(at: chosen.index)
        }
    }

    /// Higher value per hour of the worker's week; ties in the order of the
    /// scenario (worker, practice, slot), so the plan is the same every time.
    static func better(_ a: Candidate, than b: Candidate) -> Bool {
        let ra = a.value / max(a.workHours, 1e-9), rb = b.value / max(b.workHours, 1e-9)
        if ra != rb { return ra > rb }
        return (a.worker, a.practice, a.slot) < (b.worker, b.practice, b.slot)
    }

    /// Every session H1 allows, with the weighted gap it removes.
    func possibleSessions() -> [(Int, Int, Slot, Double)] {
        let workerIndex = Dictionary(uniqueKeysWithValues: scenario.workers.enumerated().map { ($1.id, $0) })
        let practiceIndex = Dictionary(uniqueKeysWithValues: scenario.practices.enumerated().map { ($1.id, $0) })
        return Formulation.possibleSessions(scenario).compactMap { session in
            guard let w = workerIndex[session.worker.id], let p = practiceIndex[session.practice.id] else { return nil }
            return (w, p, session.slot, gapRemoved(session.worker, session.practice, session.slot))
        }
    }

    /// The session as a candidate, or nil when a rule or the money forbids
    /// it now, or it would not lower the objective (unless `forced`: a pin).
    func candidate(_ w: Int, _ p: Int, _ slot: Slot, gain: Double, forced: Bool = false) -> Candidate? {
        let worker = scenario.workers[w], practice = scenario.practices[p]
        guard !busy[w].contains(slot), !held[p].contains(slot), held[p].count < practice.sessionsPerWeek else { return nil }
        let newPair = !regulars[p].contains(w)
        if newPair {
            guard regulars[p].count < practice.maxWorkers, practicesOf[w].count < worker.maxPractices else { return nil }
        }
        if let size = scenario.teamSize, !withRole.contains(w), withRole.count >= size { return nil }
        // A pinned backup stays free to step in (H6): no session of theirs at that practice, nor in a slot it
        // holds, and the practice holds no session in a slot its pinned backup is away or busy.
        for (b, bp) in pinnedBackups {
            if b == w && (bp == p || held[bp].contains(slot)) { return nil }
            if bp == p && b != w && (!scenario.workers[b].available.contains(slot) || busy[b].contains(slot)) { return nil }
        }
        let workHours = sessionLoad(practice) + (attendee[p] == nil ? (practice.mdo?.weeklyHours ?? 0) : 0)
        guard load[w] + workHours <= worker.hoursPerWeek + 1e-9 else { return nil }
        guard canPay(hoursOf(p, slot)) else { return nil }
        let value = gain + (newPair ? pairValue(w, p) : 0)
        guard value > 0 || forced else { return nil }
        return Candidate(worker: w, practice: p, slot: slot, value: value, workHours: workHours)
    }

    func sessionLoad(_ practice: Practice) -> Double {
        practice.sessionHours * (1 + scenario.overhead.adminPerContactHour) + scenario.overhead.travelHoursPerVisit
    }

    /// The weighted gap hours a session removes before any backup: every
    /// week of the quarter, but the open weeks its regular is away; and a
    /// session of the previous plan kept saves its change weight.
    func gapRemoved(_ worker: Worker, _ practice: Practice, _ slot: Slot) -> Double {
        let away = calendar.weeks.filter { calendar.isOpen(week: $0, slot: slot) && !calendar.isPresent(worker, week: $0, slot: slot) }
        let kept = previousSessions.contains(Plan.Session(worker: worker.id, practice: practice.id, slot: slot.name))
        return scenario.objective.gapWeight * practice.priority * practice.sessionHours
            * Double(scenario.quarter.weeks - away.count) + (kept ? scenario.objective.sessionChangeWeight : 0)
    }

    /// A new pair's cost, less what keeping last quarter's pair saves, plus
    /// the worker's preference for it.
    func pairValue(_ w: Int, _ p: Int) -> Double {
        let pair = WorkerPractice(worker: scenario.workers[w].id, practice: scenario.practices[p].id)
        return (previousPairs.contains(pair) ? scenario.objective.continuityWeight : 0) - scenario.objective.pairWeight
            + (preferred[pair] ?? 0)
    }
}

extension GreedyConstruction {
    /// The most a session (and, for a practice's first, its MDO) can cost
    /// over the quarter, per activity.
    func hoursOf(_ p: Int, _ slot: Slot) -> [(activity: Activity, practice: Int, hours: Double)] {
        let practice = scenario.practices[p]
        let weeks = Double(openWeeks[slot] ?? 0)
        let contact = practice.sessionHours * weeks
        var hours: [(activity: Activity, practice: Int, hours: Double)] = [
            (.contact, p, contact), (.admin, p, contact * scenario.overhead.adminPerContactHour),
            (.travel, p, weeks * scenario.overhead.travelHoursPerVisit),
        ]
        if attendee[p] == nil, let mdo = practice.mdo {
            hours.append((.mdo, p, mdo.hours * Double(mdo.meetings(inWeeks: scenario.quarter.weeks))))
        }
        return hours.filter { $0.hours > 0 }
    }

    /// Who pays what of `hours`, each activity from its own payers, the
    /// narrowest first, from what the streams have left; nil when they cannot.
    func takings(_ hours: [(activity: Activity, practice: Int, hours: Double)])
        -> [(practice: Int, activity: Activity, stream: Int, hours: Double)]? {
        var left = self.left
        var taken: [(practice: Int, activity: Activity, stream: Int, hours: Double)] = []
        for need in hours {
            var owed = need.hours
            for k in payers[need.practice][need.activity] ?? [] where owed > 1e-9 {
                let take = min(owed, left[k])
                guard take > 0 else { continue }
                left[k] -= take
                owed -= take
                taken.append((need.practice, need.activity, k, take))
            }
            if owed > 1e-9 { return nil }
        }
        return taken
    }

    func canPay(_ hours: [(activity: Activity, practice: Int, hours: Double)]) -> Bool {
        if takings(hours) != nil { return true }
        guard payExactly else { return false }
        // What no payment could hold once cannot later either: reservations only grow.
        let key = hours.map { "\($0.practice) \($0.activity.rawValue) \($0.hours)" }.joined(separator: ";")
        if unpayable.keys.contains(key) { return false }
        if repaid(hours) != nil { return true }
        unpayable.keys.insert(key)
        return false
    }

    mutating func reserve(_ hours: [(activity: Activity, practice: Int, hours: Double)]) {
        if let taken = takings(hours) {
            for take in taken {
                left[take.stream] -= take.hours
                reserved[take.practice][take.activity, default: [:]][take.stream, default: 0] += take.hours
            }
        } else if let (reserved, left) = repaid(hours) {
            self.reserved = reserved
            self.left = left
        }
    }

    /// Everything reserved so far and `hours`, paid anew as a maximum flow
    /// (Transport): the reservations and what the streams have left then,
    /// or nil when no payment of them all exists.
    func repaid(_ hours: [(activity: Activity, practice: Int, hours: Double)])
        -> (reserved: [[Activity: [Int: Double]]], left: [Double])? {
        var owed: [Int: [Activity: Double]] = [:]
        for (p, byActivity) in reserved.enumerated() {
            for (activity, byStream) in byActivity { owed[p, default: [:]][activity, default: 0] += byStream.values.reduce(0, +) }
        }
        for need in hours { owed[need.practice, default: [:]][need.activity, default: 0] += need.hours }
        let keys = owed.keys.sorted().flatMap { p in owed[p]!.keys.sorted { $0.rawValue < $1.rawValue }.map { (p, $0) } }
        let debts = keys.map { (hours: owed[$0.0]![$0.1]!, payers: payers[$0.0][$0.1] ?? []) }
        guard let paid = Transport.assign(debts: debts, supplies: scenario.funding.map(\.budgetHours)) else { return nil }
        var newReserved: [[Activity: [Int: Double]]] = scenario.practices.map { _ in [:] }
        var newLeft = scenario.funding.map(\.budgetHours)
        for ((p, activity), byStream) in zip(keys, paid) {
            for (k, h) in byStream {
                newReserved[p][activity, default: [:]][k, default: 0] += h
                newLeft[k] -= h
            }
        }
        return (newReserved, newLeft)
    }

    mutating func add(_ c: Candidate) {
        reserve(hoursOf(c.practice, c.slot))
        if attendee[c.practice] == nil, scenario.practices[c.practice].mdo != nil { attendee[c.practice] = c.worker }
        load[c.worker] += c.workHours
        busy[c.worker].insert(c.slot)
        held[c.practice].insert(c.slot)
        regulars[c.practice].insert(c.worker)
        practicesOf[c.worker].insert(c.practice)
        withRole.insert(c.worker)
        sessions.append((c.worker, c.practice, c.slot))
    }
}

extension GreedyConstruction {
    /// The pinned backups (false when one breaks H6 or H9 with the sessions
    /// as they are), then each served practice's backups (H6, H9), the
    /// practices that lose the most weighted hours first; per practice the
    /// `preferred` backups that still may be (a re-solve's plan), then the
    /// workers present in the most of its regulars' absences.
    mutating func addBackups(preferring preferred: [WorkerPractice] = []) -> Bool {
        let workerIndex = Dictionary(uniqueKeysWithValues: scenario.workers.enumerated().map { ($1.id, $0) })
        let practiceIndex = Dictionary(uniqueKeysWithValues: scenario.practices.enumerated().map { ($1.id, $0) })
        for pin in scenario.pins where pin.role == .backup {
            guard let w = workerIndex[pin.worker], let p = practiceIndex[pin.practice], backupCandidates(p).contains(w) else { return false }
            if let size = scenario.teamSize, !withRole.contains(w), withRole.count >= size { return false }
            backups.append((w, p))
            withRole.insert(w)
        }
        let preferred = Set(preferred)
        let served = scenario.practices.indices.filter { !held[$0].isEmpty && scenario.practices[$0].backups > 0 }
        for p in served.sorted(by: { (scenario.practices[$0].priority, -$0) > (scenario.practices[$1].priority, -$1) }) {
            var chosen = backups.filter { $0.practice == p }.count
            let id = scenario.practices[p].id
            let candidates = backupCandidates(p)
            let first = candidates.filter { preferred.contains(WorkerPractice(worker: scenario.workers[$0].id, practice: id)) }
            for w in first + candidates.filter({ !first.contains($0) }) where chosen < scenario.practices[p].backups {
                if let size = scenario.teamSize, !withRole.contains(w), withRole.count >= size { continue }
                backups.append((w, p))
                withRole.insert(w)
                chosen += 1
            }
        }
        return true
    }

    /// Who may be a backup of `p` now (H6, H10), not yet one, the most useful first.
    func backupCandidates(_ p: Int) -> [Int] {
        let practice = scenario.practices[p]
        let avoided = scenario.avoidedPairs
        let eligible = scenario.workers.indices.filter { w in
            let worker = scenario.workers[w]
            return worker.canSubstitute && worker.isEligible(for: practice) && !regulars[p].contains(w)
                && held[p].allSatisfy { worker.available.contains($0) && !busy[w].contains($0) }
                && !avoided.contains(WorkerPractice(worker: worker.id, practice: practice.id))
                && !backups.contains { $0.worker == w && $0.practice == p }
        }
        let covers = eligible.map { coveredAbsences(by: $0, at: p) }
        return eligible.indices.sorted { (covers[$0], withRole.contains(eligible[$0]) ? 1 : 0, -$0) > (covers[$1], withRole.contains(eligible[$1]) ? 1 : 0, -$1) }
            .map { eligible[$0] }
    }

    /// Open occurrences at `p` whose regular is away and `w` is present.
    func coveredAbsences(by w: Int, at p: Int) -> Int {
        let backup = scenario.workers[w]
        return sessions.filter { $0.practice == p }.reduce(0) { count, session in
            let regular = scenario.workers[session.worker]
            return count + calendar.weeks.filter {
                calendar.isOpen(week: $0, slot: session.slot) && !calendar.isPresent(regular, week: $0, slot: session.slot)
                    && calendar.isPresent(backup, week: $0, slot: session.slot)
            }.count
        }
    }
}

extension GreedyConstruction {
    /// The plan without funding lines.
    func plan() -> Plan {
        let w = scenario.workers, p = scenario.practices
        var plan = Plan(scenario: scenario.name, status: .feasible)
        plan.sessions = sessions.map { Plan.Session(worker: w[$0.worker].id, practice: p[$0.practice].id, slot: $0.slot.name) }.sorted()
        plan.backups = backups.map { WorkerPractice(worker: w[$0.worker].id, practice: p[$0.practice].id) }.sorted()
        plan.mdo = attendee.enumerated().compactMap { practice, worker in
            worker.map { WorkerPractice(worker: w[$0].id, practice: p[practice].id) }
        }.sorted()
        return plan
    }

    /// The hours Evaluation counts at each practice and activity, shared
    /// over the streams that reserved them in proportion (never more than
    /// reserved: the hours counted are at most those reserved), rounded to
    /// micro-hours as the solver's lines are.
    func fundingLines(_ evaluation: Evaluation) -> [Plan.Funding] {
        var lines: [Plan.Funding] = []
        let index = Dictionary(uniqueKeysWithValues: scenario.practices.enumerated().map { ($1.id, $0) })
        for result in evaluation.practices {
            guard let p = index[result.id] else { continue }
            for activity in Activity.allCases {
                let hours = result.hours[activity] ?? 0
                let shares = (reserved[p][activity] ?? [:]).sorted { $0.key < $1.key }
                let total = shares.reduce(0) { $0 + $1.value }
                guard hours > 0, total > 0 else { continue }
                let split = Formulation.roundedToMicroHours(shares.map { hours * $0.value / total })
                for ((k, _), h) in zip(shares, split) where h > 0 {
                    lines.append(Plan.Funding(stream: scenario.funding[k].id, practice: result.id, activity: activity, hours: h))
                }
            }
        }
        return lines.sorted()
    }
}
