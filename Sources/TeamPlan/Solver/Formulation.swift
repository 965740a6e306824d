/// model.md as a MIP: one encoding of the meaning that `Evaluation` states.
/// Its optimal solutions are exactly the optimal plans: every hard rule is a
/// family of rows (named H1…H9 below), lost occurrences are counted exactly
/// (an occurrence is lost if and only if its regular is away and no backup
/// of the practice is present), and the objective has all four terms.
///
/// Only variables that can be non-zero are made: a session only for an
/// eligible worker in a slot both available and open, and for a
/// worker whose plannable hours fit one session; a backup only for a worker
/// who may substitute. Names are readable (`x[anja,baandert,tue-am]`) for export.
public struct Formulation: Sendable {
    struct SessionVar: Sendable { var worker: String; var practice: String; var slot: Slot; var index: Int }
    struct PairVar: Sendable { var worker: String; var practice: String; var index: Int }
    struct FundingVar: Sendable { var stream: String; var practice: String; var activity: Activity; var index: Int }

    public let scenario: Scenario
    public private(set) var model: LinearModel
    private(set) var sessions: [SessionVar] = []
    private(set) var backups: [PairVar] = []
    private(set) var attendees: [PairVar] = []
    private(set) var funding: [FundingVar] = []

    /// The pairs `keeping` asked to keep that cannot exist in any plan (the
    /// worker is no longer eligible, available or free enough for the practice).
    public private(set) var cannotKeep: [WorkerPractice] = []

    /// With `keeping`, those (worker, practice) regular pairs are required:
    /// the best plan that keeps them, to measure what keeping them costs.
    public init(_ scenario: Scenario, keeping: [WorkerPractice] = []) {
        self.scenario = scenario
        model = LinearModel(name: scenario.name)
        build()
        for kept in keeping {
            if let y = pairIndex["\(kept.worker) \(kept.practice)"] {
                model.raiseLower(y, to: 1)
            } else {
                cannotKeep.append(kept)
            }
        }
    }

    private var pairIndex: [String: Int] = [:]

    /// How many of the quarter's weeks have slot `s` open.
    static func openWeeks(_ calendar: QuarterCalendar, _ slot: Slot) -> Int {
        calendar.weeks.filter { calendar.isOpen(week: $0, slot: slot) }.count
    }

    /// The streams that may pay each activity at a practice. An activity
    /// with none is not a reason to drop the practice's sessions: a session
    /// whose every occurrence is lost or closed has no hours to pay, and still
    /// counts against the shortfall. The H8 rows force such hours to zero.
    static func payers(_ practice: Practice, _ scenario: Scenario) -> [Activity: [FundingStream]] {
        var result: [Activity: [FundingStream]] = [:]
        for activity in Activity.allCases {
            result[activity] = scenario.funding.filter { $0.pays(for: activity) && $0.covers(practice) }
        }
        return result
    }

    private mutating func build() {
        let s = scenario
        let calendar = QuarterCalendar(s)
        let weeks = s.quarter.weeks
        let o = s.overhead
        let w = s.objective
        let sessionCost = { (p: Practice) in p.sessionHours * (1 + o.adminPerContactHour) + o.travelHoursPerVisit }

        // Sessions x[w,p,s] (H1: eligible, available, open), regular pairs y[w,p].
        var pair: [String: Int] = [:]  // "w p" → y
        var served: [String: Int] = [:]  // p → u
        var payersOf: [String: [Activity: [FundingStream]]] = [:]
        for practice in s.practices where practice.sessionsPerWeek > 0 {
            payersOf[practice.id] = Self.payers(practice, s)
            for worker in s.workers where worker.isEligible(for: practice) {
                // A session alone must fit the worker's plannable hours (H5).
                guard worker.reservedHours + sessionCost(practice) <= worker.hoursPerWeek + 1e-9,
                      worker.maxPractices > 0 else { continue }
                for slot in practice.open where worker.available.contains(slot) {
                    let x = model.add("x[\(worker.id),\(practice.id),\(slot)]", .binary)
                    sessions.append(SessionVar(worker: worker.id, practice: practice.id, slot: slot, index: x))
                    let key = "\(worker.id) \(practice.id)"
                    if pair[key] == nil { pair[key] = model.add("y[\(worker.id),\(practice.id)]", .binary, cost: w.pairWeight) }
                    if served[practice.id] == nil { served[practice.id] = model.add("u[\(practice.id)]", .binary) }
                }
            }
        }
        let sessionsAt = Dictionary(grouping: sessions, by: \.practice)
        let sessionsOf = Dictionary(grouping: sessions, by: \.worker)

        // A pair is used exactly when the worker holds a session there. The
        // linking is as tight as the data allow: a worker holds at most
        // `capacity` sessions a week at a practice (its sessions per week,
        // the slots both share, the sessions that fit the worker's hours), so
        // Σ_s x ≤ capacity × y; with capacity 1 that one row is all it takes.
        let sessionsByPair = Dictionary(grouping: sessions, by: { "\($0.worker) \($0.practice)" })
        for (key, y) in pair.sorted(by: { $0.key < $1.key }) {
            let own = sessionsByPair[key]!
            let worker = s.worker(own[0].worker)!, practice = s.practice(own[0].practice)!
            let fit = Int(((worker.hoursPerWeek - worker.reservedHours) / sessionCost(practice) + 1e-9).rounded(.down))
            let capacity = min(practice.sessionsPerWeek, own.count, fit)
            let name = "\(worker.id),\(practice.id)"
            if capacity > 1 {
                for x in own { model.atMost("pair[\(name),\(x.slot)]", [(x.index, 1), (y, -1)], 0) }
            }
            model.atMost("pairsum[\(name)]", own.map { ($0.index, 1.0) } + [(y, -Double(capacity))], 0)
            model.atMost("pairused[\(name)]", [(y, 1)] + own.map { ($0.index, -1.0) }, 0)
        }

        // H9's z[w]: with a team size, a worker has a role only when z[w] = 1.
        // A worker's slots and hours exist only then (H2w and H5 below are
        // multiplied by z), which is what makes the LP see the team size:
        // y ≤ z alone lets a third of every worker do the work.
        var member: [String: Int] = [:]
        if s.teamSize != nil {
            for worker in s.workers {
                let mayBackUp = worker.canSubstitute && s.practices.contains { served[$0.id] != nil && worker.isEligible(for: $0) }
                if sessionsOf[worker.id] != nil || mayBackUp { member[worker.id] = model.add("z[\(worker.id)]", .binary) }
            }
        }

        // H2: one session per slot for a worker and for a practice.
        for (worker, own) in sessionsOf.sorted(by: { $0.key < $1.key }) {
            for (slot, group) in Dictionary(grouping: own, by: \.slot).sorted(by: { $0.key < $1.key }) where group.count > 1 {
                if let z = member[worker] {
                    model.atMost("H2w[\(worker),\(slot)]", group.map { ($0.index, 1.0) } + [(z, -1)], 0)
                } else {
                    model.atMost("H2w[\(worker),\(slot)]", group.map { ($0.index, 1.0) }, 1)
                }
            }
        }
        // A practice's sessions in one slot are summed once, into h[p,s] ≤ 1
        // (H2p), and the rules that ask "does p hold a session in s" (H6) read
        // that one column instead of repeating the sum: the same polytope with
        // a fraction of the non-zeros, so every LP of the search is faster.
        var holds: [String: [Slot: [(Int, Double)]]] = [:]  // practice → slot → Σ_w x[w,p,s] as terms
        for (practice, own) in sessionsAt.sorted(by: { $0.key < $1.key }) {
            for (slot, group) in Dictionary(grouping: own, by: \.slot).sorted(by: { $0.key < $1.key }) {
                if group.count > 1 {
                    let h = model.add("h[\(practice),\(slot)]", .continuous, upper: 1)
                    model.equal("H2p[\(practice),\(slot)]", group.map { ($0.index, 1.0) } + [(h, -1)], 0)
                    holds[practice, default: [:]][slot] = [(h, 1)]
                } else {
                    holds[practice, default: [:]][slot] = [(group[0].index, 1)]
                }
            }
        }

        // The gap: sessions asked and not planned count every week (a constant
        // less what the sessions hold); lost occurrences count once.
        for practice in s.practices {
            let weight = w.gapWeight * practice.priority * practice.sessionHours
            model.objectiveConstant += weight * Double(weeks * practice.sessionsPerWeek)
            for x in sessionsAt[practice.id] ?? [] { model.addCost(x.index, -weight * Double(weeks)) }
        }

        for practice in s.practices {
            let own = sessionsAt[practice.id] ?? []
            guard let u = served[practice.id] else { continue }
            let id = practice.id
            // H3: no more sessions than asked.
            if own.count > practice.sessionsPerWeek {
                model.atMost("H3[\(id)]", own.map { ($0.index, 1.0) }, Double(practice.sessionsPerWeek))
            }
            // Served: u = 1 exactly when some regular holds a session.
            let regulars = pair.filter { $0.key.hasSuffix(" \(id)") && $0.key.split(separator: " ")[1] == id }
                .sorted { $0.key < $1.key }
            for (key, y) in regulars { model.atMost("served[\(key.split(separator: " ")[0]),\(id)]", [(y, 1), (u, -1)], 0) }
            model.atMost("servedused[\(id)]", [(u, 1)] + regulars.map { ($0.value, -1.0) }, 0)
            // At most min(sessions per week, slots) sessions: all of them need u.
            let most = min(practice.sessionsPerWeek, Set(own.map(\.slot)).count)
            model.atMost("servedsum[\(id)]", own.map { ($0.index, 1.0) } + [(u, -Double(most))], 0)
            // H4: distinct regulars.
            if regulars.count > practice.maxWorkers {
                model.atMost("H4p[\(id)]", regulars.map { ($0.value, 1.0) }, Double(practice.maxWorkers))
            }
            // H7: one MDO attendee, a regular, exactly when served.
            if practice.mdo != nil {
                var terms: [(Int, Double)] = [(u, -1)]
                for (key, y) in regulars {
                    let worker = String(key.split(separator: " ")[0])
                    let m = model.add("m[\(worker),\(id)]", .binary)
                    attendees.append(PairVar(worker: worker, practice: id, index: m))
                    model.atMost("H7[\(worker),\(id)]", [(m, 1), (y, -1)], 0)
                    terms.append((m, 1))
                }
                model.equal("H7[\(id)]", terms, 0)
            }
        }

        for worker in s.workers {
            let own = sessionsOf[worker.id] ?? []
            guard !own.isEmpty else { continue }
            // H4: distinct practices.
            let places = pair.filter { $0.key.split(separator: " ")[0] == worker.id }.sorted { $0.key < $1.key }
            if places.count > worker.maxPractices {
                model.atMost("H4w[\(worker.id)]", places.map { ($0.value, 1.0) }, Double(worker.maxPractices))
            }
            // H5: weekly load within contract hours.
            var terms: [(Int, Double)] = own.map { x in (x.index, sessionCost(s.practice(x.practice)!)) }
            for m in attendees where m.worker == worker.id {
                terms.append((m.index, s.practice(m.practice)!.mdo!.weeklyHours))
            }
            if let z = member[worker.id] {
                model.atMost("H5[\(worker.id)]", terms + [(z, -(worker.hoursPerWeek - worker.reservedHours))], 0)
            } else {
                model.atMost("H5[\(worker.id)]", terms, worker.hoursPerWeek - worker.reservedHours)
            }
        }

        // Backups b[w,p] (H6) and missing backups.
        var backupOf: [String: [PairVar]] = [:]
        for practice in s.practices {
            guard let u = served[practice.id] else { continue }
            let id = practice.id
            let own = sessionsAt[id] ?? []
            let slotsHeld = Array(Set(own.map(\.slot))).sorted()
            for worker in s.workers where worker.canSubstitute && worker.isEligible(for: practice) {
                let b = model.add("b[\(worker.id),\(id)]", .binary)
                let backup = PairVar(worker: worker.id, practice: id, index: b)
                backups.append(backup)
                backupOf[id, default: []].append(backup)
                if let y = pair["\(worker.id) \(id)"] { model.atMost("H6reg[\(worker.id),\(id)]", [(b, 1), (y, 1)], 1) }
                for slot in slotsHeld {
                    let held = holds[id]![slot]!
                    if !worker.available.contains(slot) {
                        model.atMost("H6av[\(worker.id),\(id),\(slot)]", [(b, 1)] + held, 1)
                    } else {
                        let busy = (sessionsOf[worker.id] ?? []).filter { $0.slot == slot && $0.practice != id }.map { ($0.index, 1.0) }
                        if !busy.isEmpty { model.atMost("H6free[\(worker.id),\(id),\(slot)]", [(b, 1)] + held + busy, 2) }
                    }
                }
            }
            if practice.backups > 0 {
                let missing = model.add("mb[\(id)]", .continuous, cost: w.missingBackupWeight)
                model.atLeast("missing[\(id)]", [(missing, 1), (u, -Double(practice.backups))]
                              + (backupOf[id] ?? []).map { ($0.index, 1.0) }, 0)
            }
        }

        // Lost occurrences, aggregated per (practice, slot, week): at most one
        // session per practice and slot, so l = 1 exactly when that session's
        // regular is on leave and no backup of the practice is present.
        var heldTerms: [String: [(Int, Double)]] = [:]  // practice → held occurrences as terms
        for x in sessions {
            heldTerms[x.practice, default: []].append((x.index, Double(Self.openWeeks(calendar, x.slot))))
        }
        let workerByID = Dictionary(uniqueKeysWithValues: s.workers.map { ($0.id, $0) })
        for practice in s.practices {
            let own = sessionsAt[practice.id] ?? []
            for slot in Array(Set(own.map(\.slot))).sorted() {
                let here = own.filter { $0.slot == slot }
                let lossWeeks = calendar.weeks.filter { week in
                    calendar.isOpen(week: week, slot: slot)
                        && here.contains { !calendar.isPresent(workerByID[$0.worker]!, week: week, slot: slot) }
                }
                // The backups available in the slot, summed once into
                // c[p,s] when several weeks ask: a week's present backups are
                // then c less the few on leave that week (leave is sparse).
                let available = (backupOf[practice.id] ?? []).filter { workerByID[$0.worker]!.available.contains(slot) }
                var availableSum = available.map { ($0.index, 1.0) }
                if available.count > 2 && lossWeeks.count > 1 {
                    let c = model.add("c[\(practice.id),\(slot)]", .continuous)
                    model.equal("backed[\(practice.id),\(slot)]", availableSum + [(c, -1)], 0)
                    availableSum = [(c, 1)]
                }
                for week in lossWeeks {
                    let away = here.filter { !calendar.isPresent(workerByID[$0.worker]!, week: week, slot: slot) }
                    let absent = available.filter { !calendar.isPresent(workerByID[$0.worker]!, week: week, slot: slot) }
                    let present = availableSum + absent.map { ($0.index, -1.0) }
                    let presentCount = available.count - absent.count
                    let name = "\(practice.id),\(slot),\(week)"
                    // l is binary so that one row can say "no loss while any
                    // present backup is designated": n·l + Σ b ≤ n. (One row
                    // per backup would do with l continuous, but that is tens
                    // of thousands of rows on a region and slows every LP.)
                    let l = model.add("l[\(name)]", presentCount == 0 ? .continuous : .binary, upper: 1,
                                      cost: w.gapWeight * practice.priority * practice.sessionHours)
                    model.atLeast("lost[\(name)]", [(l, 1)] + away.map { ($0.index, -1.0) } + present, 0)
                    model.atMost("lostif[\(name)]", [(l, 1)] + away.map { ($0.index, -1.0) }, 0)
                    if presentCount > 0 {
                        let n = Double(presentCount)
                        model.atMost("covered[\(name)]", [(l, n)] + present, n)
                    }
                    heldTerms[practice.id, default: []].append((l, -1))
                }
            }
        }

        // H8: every hour worked is paid, each stream within its budget.
        var streamTerms: [String: [(Int, Double)]] = [:]
        for practice in s.practices {
            guard let u = served[practice.id], let payers = payersOf[practice.id] else { continue }
            // The held occurrences o[p], summed once for the three activities
            // that follow them.
            var held = heldTerms[practice.id] ?? []
            if held.count > 2 {
                let occurrences = model.add("o[\(practice.id)]", .continuous)
                model.equal("held[\(practice.id)]", held + [(occurrences, -1)], 0)
                held = [(occurrences, 1)]
            }
            for activity in Activity.allCases {
                let streams = payers[activity] ?? []
                var terms: [(Int, Double)] = []
                for stream in streams {
                    let f = model.add("F[\(stream.id),\(practice.id),\(activity.rawValue)]", .continuous)
                    funding.append(FundingVar(stream: stream.id, practice: practice.id, activity: activity, index: f))
                    terms.append((f, 1))
                    streamTerms[stream.id, default: []].append((f, 1))
                }
                let perHeld: Double
                switch activity {
                case .contact: perHeld = practice.sessionHours
                case .admin: perHeld = practice.sessionHours * o.adminPerContactHour
                case .travel: perHeld = o.travelHoursPerVisit
                case .mdo: perHeld = 0
                }
                if activity == .mdo, let mdo = practice.mdo {
                    terms.append((u, -mdo.hours * Double(mdo.meetings(inWeeks: weeks))))
                } else {
                    terms += held.map { ($0.0, -$0.1 * perHeld) }
                }
                model.equal("H8[\(practice.id),\(activity.rawValue)]", terms, 0)
            }
        }
        for stream in s.funding {
            guard let terms = streamTerms[stream.id] else { continue }
            model.atMost("H8budget[\(stream.id)]", terms, stream.budgetHours)
        }

        // H9: at most team_size workers with a session or backup role.
        if let teamSize = s.teamSize {
            var used: [Int] = []
            for worker in s.workers {
                // In a fixed order: a dictionary's order changes from process to
                // process, and with it GLPK's path (and which of two equal plans it returns).
                let roles = pair.filter { $0.key.split(separator: " ")[0] == worker.id }.sorted { $0.key < $1.key }.map(\.value)
                    + backups.filter { $0.worker == worker.id }.map(\.index)
                guard !roles.isEmpty, let z = member[worker.id] else { continue }
                for role in roles { model.atMost("H9[\(worker.id),\(model.variables[role].name)]", [(role, 1), (z, -1)], 0) }
                used.append(z)
            }
            if used.count > teamSize { model.atMost("H9", used.map { ($0, 1.0) }, Double(teamSize)) }
        }

        pairIndex = pair

        // Continuity: a dropped pair of the previous plan costs its weight.
        for previous in s.previous?.pairs ?? [] {
            model.objectiveConstant += w.continuityWeight
            if let y = pair["\(previous.worker) \(previous.practice)"] { model.addCost(y, -w.continuityWeight) }
        }
    }

    /// The plan a solution of the model stands for. Funding is taken as the
    /// solver split it between streams, scaled to the hours `Evaluation`
    /// counts so that the rounding of a floating-point solver leaves no trace.
    public func plan(from values: [Double], status: Plan.Status) -> Plan {
        var plan = Plan(scenario: scenario.name, status: status)
        plan.sessions = sessions.filter { values[$0.index] > 0.5 }
            .map { Plan.Session(worker: $0.worker, practice: $0.practice, slot: $0.slot.name) }
        plan.backups = backups.filter { values[$0.index] > 0.5 }.map { Plan.Role(worker: $0.worker, practice: $0.practice) }
        plan.mdo = attendees.filter { values[$0.index] > 0.5 }.map { Plan.Role(worker: $0.worker, practice: $0.practice) }
        let evaluation = Evaluation(scenario: scenario, plan: plan)
        for lines in Dictionary(grouping: funding, by: { "\($0.practice) \($0.activity.rawValue)" }).values {
            let worked = evaluation.practice(lines[0].practice)?.hours[lines[0].activity] ?? 0
            guard worked > 0 else { continue }
            let split = lines.map { max(0, values[$0.index]) }
            let total = split.reduce(0, +)
            for (line, share) in zip(lines, split) where share > 0 || total == 0 {
                let hours = total > 0 ? worked * share / total : worked / Double(lines.count)
                if hours > 1e-9 {
                    plan.funding.append(Plan.Funding(stream: line.stream, practice: line.practice,
                                                     activity: line.activity, hours: hours))
                }
            }
        }
        return plan.sorted
    }
}
