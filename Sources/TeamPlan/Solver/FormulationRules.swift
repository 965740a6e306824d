/// model.md's rules written into a `LinearModel`, one function per rule
/// family, named after the rule (H1…H9) or the objective term it encodes.
///
/// Columns and rows are made in one fixed order (never a dictionary's, which
/// changes from process to process): GLPK's path, and which of two equally
/// good plans it returns, depends on it, and `teamplan export` writes it.
/// `build()` is that order; a family that is coded per practice or per
/// worker is called inside the loop that interleaves it with its neighbours.
struct FormulationRules {
    typealias SessionVar = Formulation.SessionVar
    typealias PairVar = Formulation.PairVar
    typealias Terms = [(Int, Double)]

    let scenario: Scenario
    let calendar: QuarterCalendar
    let workerByID: [String: Worker]
    var model: LinearModel
    var sessions: [SessionVar] = []
    var backups: [PairVar] = []
    var attendees: [PairVar] = []
    var funding: [Formulation.FundingVar] = []
    /// y[w,p] of each pair that can exist.
    var pairs: [WorkerPractice: Int] = [:]
    /// u[p] of each practice that can be served.
    var served: [String: Int] = [:]
    /// z[w] of each worker who can have a role (with a team size only).
    var members: [String: Int] = [:]
    var sessionsAt: [String: [SessionVar]] = [:]
    var sessionsOf: [String: [SessionVar]] = [:]
    /// practice → slot → Σ_w x[w,p,s] as terms (h[p,s] or the one x).
    var holds: [String: [Slot: Terms]] = [:]
    var backupsAt: [String: [PairVar]] = [:]
    /// practice → its held occurrences as terms (open weeks × x − l).
    var heldTerms: [String: Terms] = [:]
    /// stream → its F columns.
    var streamTerms: [String: Terms] = [:]
    /// Each practice's hours of each activity, in x, l and u, with the
    /// streams that may pay them (for the budgets' knapsack rows).
    var paidHours: [(payers: [String], terms: Terms)] = []
    /// Pins without a column to hold them (H10).
    var impossiblePins: [Pin] = []

    init(_ scenario: Scenario) {
        self.scenario = scenario
        calendar = QuarterCalendar(scenario)
        workerByID = Dictionary(uniqueKeysWithValues: scenario.workers.map { ($0.id, $0) })
        model = LinearModel(name: scenario.name)
    }

    /// A session's weekly hours with its admin and travel (H5).
    func sessionCost(_ practice: Practice) -> Double {
        practice.sessionHours * (1 + scenario.overhead.adminPerContactHour) + scenario.overhead.travelHoursPerVisit
    }

    mutating func build() {
        addSessionsH1()
        linkPairsToSessions()
        addTeamMembersH9()
        oneSessionPerWorkerSlotH2()
        oneSessionPerPracticeSlotH2()
        chargeMissingSessions()
        for practice in scenario.practices {
            guard let u = served[practice.id] else { continue }
            limitSessionsH3(practice)
            let regulars = markServed(practice, u: u)
            limitRegularsH4(practice, regulars: regulars)
            if practice.mdo != nil { attendMDOH7(practice, regulars: regulars, u: u) }
        }
        for worker in scenario.workers where sessionsOf[worker.id] != nil {
            limitPracticesH4(worker)
            limitLoadH5(worker)
        }
        for practice in scenario.practices {
            guard let u = served[practice.id] else { continue }
            addBackupsH6(practice)
            if practice.backups > 0 { chargeMissingBackups(practice, u: u) }
        }
        countHeldOccurrences()
        for practice in scenario.practices { chargeLostOccurrences(practice) }
        for practice in scenario.practices {
            guard let u = served[practice.id] else { continue }
            payEveryHourH8(practice, u: u)
        }
        limitBudgetsH8()
        pinUnservablePracticesBackupsH10()
        if let teamSize = scenario.teamSize { limitTeamH9(teamSize) }
        chargeDroppedPairs()
        chargeDroppedSessions()
        chargeUnmetPreferences()
        holdPinsH10()
    }

    // MARK: Sessions and pairs

    /// H1: sessions x[w,p,s] only where they can be (`Formulation.possibleSessions`),
    /// with the regular pairs y[w,p] and the served practices u[p] they make.
    mutating func addSessionsH1() {
        for (worker, practice, slot) in Formulation.possibleSessions(scenario) {
            let x = model.add("x[\(worker.id),\(practice.id),\(slot)]", .binary)
            sessions.append(SessionVar(worker: worker.id, practice: practice.id, slot: slot, index: x))
            let pair = WorkerPractice(worker: worker.id, practice: practice.id)
            if pairs[pair] == nil {
                pairs[pair] = model.add("y[\(worker.id),\(practice.id)]", .binary, cost: scenario.objective.pairWeight)
            }
            if served[practice.id] == nil { served[practice.id] = model.add("u[\(practice.id)]", .binary) }
        }
        sessionsAt = Dictionary(grouping: sessions, by: \.practice)
        sessionsOf = Dictionary(grouping: sessions, by: \.worker)
    }

    /// A pair is used exactly when the worker holds a session there. The
    /// linking is as tight as the data allow: a worker holds at most
    /// `capacity` sessions a week at a practice (its sessions per week, the
    /// slots both share, the sessions that fit the worker's hours), so
    /// Σ_s x ≤ capacity × y; with capacity 1 that one row is all it takes.
    mutating func linkPairsToSessions() {
        let sessionsByPair = Dictionary(grouping: sessions) { WorkerPractice(worker: $0.worker, practice: $0.practice) }
        for (pair, y) in pairs.sorted(by: { $0.key < $1.key }) {
            let own = sessionsByPair[pair]!
            let worker = workerByID[pair.worker]!, practice = scenario.practice(pair.practice)!
            let fit = Int(((worker.hoursPerWeek - worker.reservedHours) / sessionCost(practice) + 1e-9).rounded(.down))
            let capacity = min(practice.sessionsPerWeek, own.count, fit)
            let name = "\(worker.id),\(practice.id)"
            if capacity > 1 {
                for x in own { model.atMost("pair[\(name),\(x.slot)]", [(x.index, 1), (y, -1)], 0) }
            }
            model.atMost("pairsum[\(name)]", own.map { ($0.index, 1.0) } + [(y, -Double(capacity))], 0)
            model.atMost("pairused[\(name)]", [(y, 1)] + own.map { ($0.index, -1.0) }, 0)
        }
    }

    /// H9's z[w]: with a team size, a worker has a role only when z[w] = 1.
    /// A worker's slots and hours exist only then (H2 and H5 are multiplied
    /// by z), which is what makes the LP see the team size: y ≤ z alone lets
    /// a third of every worker do the work.
    mutating func addTeamMembersH9() {
        guard scenario.teamSize != nil else { return }
        for worker in scenario.workers {
            let mayBackUp = worker.canSubstitute
                && scenario.practices.contains { served[$0.id] != nil && worker.isEligible(for: $0) }
                || scenario.pins.contains { $0.role == .backup && $0.worker == worker.id }
            if sessionsOf[worker.id] != nil || mayBackUp { members[worker.id] = model.add("z[\(worker.id)]", .binary) }
        }
    }

    /// H2: a worker holds at most one session per slot (none without z).
    mutating func oneSessionPerWorkerSlotH2() {
        for (worker, own) in sessionsOf.sorted(by: { $0.key < $1.key }) {
            for (slot, group) in Dictionary(grouping: own, by: \.slot).sorted(by: { $0.key < $1.key }) where group.count > 1 {
                if let z = members[worker] {
                    model.atMost("H2w[\(worker),\(slot)]", group.map { ($0.index, 1.0) } + [(z, -1)], 0)
                } else {
                    model.atMost("H2w[\(worker),\(slot)]", group.map { ($0.index, 1.0) }, 1)
                }
            }
        }
    }

    /// H2: a practice holds at most one session per slot. Its sessions in one
    /// slot are summed once, into h[p,s] ≤ 1, and the rules that ask "does p
    /// hold a session in s" (H6) read that one column instead of repeating
    /// the sum: the same polytope with a fraction of the non-zeros, so every
    /// LP of the search is faster.
    mutating func oneSessionPerPracticeSlotH2() {
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
    }

    /// The gap's shortfall: sessions asked and not planned count every week,
    /// as the constant of all sessions asked less `weeks × x` per session.
    mutating func chargeMissingSessions() {
        let weeks = scenario.quarter.weeks
        for practice in scenario.practices {
            let weight = scenario.objective.gapWeight * practice.priority * practice.sessionHours
            model.objectiveConstant += weight * Double(weeks * practice.sessionsPerWeek)
            for x in sessionsAt[practice.id] ?? [] { model.addCost(x.index, -weight * Double(weeks)) }
        }
    }

    // MARK: Per practice: H3, served, H4, H7

    /// H3: no more sessions a week than the practice asks for.
    mutating func limitSessionsH3(_ practice: Practice) {
        let own = sessionsAt[practice.id] ?? []
        if own.count > practice.sessionsPerWeek {
            model.atMost("H3[\(practice.id)]", own.map { ($0.index, 1.0) }, Double(practice.sessionsPerWeek))
        }
    }

    /// Served: u = 1 exactly when some regular holds a session, and at most
    /// min(sessions per week, slots) sessions, all of which need u. Returns
    /// the practice's pairs y[·,p] in the workers' order.
    mutating func markServed(_ practice: Practice, u: Int) -> [(pair: WorkerPractice, y: Int)] {
        let id = practice.id
        let own = sessionsAt[id] ?? []
        let regulars = pairs.filter { $0.key.practice == id }.sorted { $0.key < $1.key }.map { (pair: $0.key, y: $0.value) }
        for (pair, y) in regulars { model.atMost("served[\(pair.worker),\(id)]", [(y, 1), (u, -1)], 0) }
        model.atMost("servedused[\(id)]", [(u, 1)] + regulars.map { ($0.y, -1.0) }, 0)
        let most = min(practice.sessionsPerWeek, Set(own.map(\.slot)).count)
        model.atMost("servedsum[\(id)]", own.map { ($0.index, 1.0) } + [(u, -Double(most))], 0)
        return regulars
    }

    /// H4: no more distinct regulars than the practice takes.
    mutating func limitRegularsH4(_ practice: Practice, regulars: [(pair: WorkerPractice, y: Int)]) {
        if regulars.count > practice.maxWorkers {
            model.atMost("H4p[\(practice.id)]", regulars.map { ($0.y, 1.0) }, Double(practice.maxWorkers))
        }
    }

    /// H7: one MDO attendee m[w,p], a regular, exactly when served.
    mutating func attendMDOH7(_ practice: Practice, regulars: [(pair: WorkerPractice, y: Int)], u: Int) {
        let id = practice.id
        var terms: Terms = [(u, -1)]
        for (pair, y) in regulars {
            let m = model.add("m[\(pair.worker),\(id)]", .binary)
            attendees.append(PairVar(worker: pair.worker, practice: id, index: m))
            model.atMost("H7[\(pair.worker),\(id)]", [(m, 1), (y, -1)], 0)
            terms.append((m, 1))
        }
        model.equal("H7[\(id)]", terms, 0)
    }

    // MARK: Per worker: H4, H5

    /// H4: no more distinct practices than the worker takes.
    mutating func limitPracticesH4(_ worker: Worker) {
        let places = pairs.filter { $0.key.worker == worker.id }.sorted { $0.key < $1.key }
        if places.count > worker.maxPractices {
            model.atMost("H4w[\(worker.id)]", places.map { ($0.value, 1.0) }, Double(worker.maxPractices))
        }
    }

    /// H5: weekly load (sessions with admin and travel, MDO hours over their
    /// interval) within contract hours less reserved hours; × z with a team size.
    mutating func limitLoadH5(_ worker: Worker) {
        var terms: Terms = (sessionsOf[worker.id] ?? []).map { x in (x.index, sessionCost(scenario.practice(x.practice)!)) }
        for m in attendees where m.worker == worker.id {
            terms.append((m.index, scenario.practice(m.practice)!.mdo!.weeklyHours))
        }
        let plannable = worker.hoursPerWeek - worker.reservedHours
        if let z = members[worker.id] {
            model.atMost("H5[\(worker.id)]", terms + [(z, -plannable)], 0)
        } else {
            model.atMost("H5[\(worker.id)]", terms, plannable)
        }
    }
}

extension FormulationRules {
    // MARK: Backups: H6 and the missing backups

    /// H6: backups b[w,p] of eligible workers who may substitute; a backup
    /// is no regular of the practice, is available in each slot the practice
    /// holds a session, and holds no session of its own then.
    mutating func addBackupsH6(_ practice: Practice) {
        let id = practice.id
        let slotsHeld = Array(Set((sessionsAt[id] ?? []).map(\.slot))).sorted()
        let avoided = scenario.avoidedPairs
        for worker in scenario.workers where worker.canSubstitute && worker.isEligible(for: practice)
            && !avoided.contains(WorkerPractice(worker: worker.id, practice: id)) {
            let b = model.add("b[\(worker.id),\(id)]", .binary)
            let backup = PairVar(worker: worker.id, practice: id, index: b)
            backups.append(backup)
            backupsAt[id, default: []].append(backup)
            if let y = pairs[WorkerPractice(worker: worker.id, practice: id)] {
                model.atMost("H6reg[\(worker.id),\(id)]", [(b, 1), (y, 1)], 1)
            }
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
    }

    /// Missing backups mb[p] ≥ backups(p) × u − Σ b, at their weight.
    mutating func chargeMissingBackups(_ practice: Practice, u: Int) {
        let id = practice.id
        let missing = model.add("mb[\(id)]", .continuous, cost: scenario.objective.missingBackupWeight)
        model.atLeast("missing[\(id)]", [(missing, 1), (u, -Double(practice.backups))]
                      + (backupsAt[id] ?? []).map { ($0.index, 1.0) }, 0)
    }

    // MARK: The quarter's occurrences

    /// Each session's open occurrences; `chargeLostOccurrences` takes the lost ones off.
    mutating func countHeldOccurrences() {
        for x in sessions {
            heldTerms[x.practice, default: []].append((x.index, Double(Formulation.openWeeks(calendar, x.slot))))
        }
    }

    /// Lost occurrences l[p,s,t], charged at the gap's weight: at most one
    /// session per practice and slot, so one l per (practice, slot, week)
    /// where a regular can be away, and l = 1 exactly when that session's
    /// regular is away and no backup of the practice is present.
    mutating func chargeLostOccurrences(_ practice: Practice) {
        let own = sessionsAt[practice.id] ?? []
        for slot in Array(Set(own.map(\.slot))).sorted() {
            let here = own.filter { $0.slot == slot }
            let lossWeeks = calendar.weeks.filter { week in
                calendar.isOpen(week: week, slot: slot) && here.contains { !isPresent($0.worker, week, slot) }
            }
            // The backups available in the slot, summed once into c[p,s]
            // when several weeks ask: a week's present backups are then c
            // less the few on leave that week (leave is sparse).
            let available = (backupsAt[practice.id] ?? []).filter { workerByID[$0.worker]!.available.contains(slot) }
            var availableSum = available.map { ($0.index, 1.0) }
            if available.count > 2 && lossWeeks.count > 1 {
                let c = model.add("c[\(practice.id),\(slot)]", .continuous)
                model.equal("backed[\(practice.id),\(slot)]", availableSum + [(c, -1)], 0)
                availableSum = [(c, 1)]
            }
            for week in lossWeeks {
                let away = here.filter { !isPresent($0.worker, week, slot) }.map { ($0.index, -1.0) }
                let absent = available.filter { !isPresent($0.worker, week, slot) }
                addLoss(practice, slot: slot, week: week, away: away,
                        present: availableSum + absent.map { ($0.index, -1.0) }, presentCount: available.count - absent.count)
            }
        }
    }

    func isPresent(_ worker: String, _ week: Int, _ slot: Slot) -> Bool {
        calendar.isPresent(workerByID[worker]!, week: week, slot: slot)
    }

    /// One week's l with its rows: l ≥ Σ x_away − Σ b_present; l ≤ Σ x_away;
    /// n·l + Σ b_present ≤ n. l is binary so that one row can say "no loss
    /// while any present backup is designated" (one row per backup would do
    /// with l continuous, but that is tens of thousands of rows on a region
    /// and slows every LP).
    mutating func addLoss(_ practice: Practice, slot: Slot, week: Int, away: Terms, present: Terms, presentCount: Int) {
        let name = "\(practice.id),\(slot),\(week)"
        let l = model.add("l[\(name)]", presentCount == 0 ? .continuous : .binary, upper: 1,
                          cost: scenario.objective.gapWeight * practice.priority * practice.sessionHours)
        model.atLeast("lost[\(name)]", [(l, 1)] + away + present, 0)
        model.atMost("lostif[\(name)]", [(l, 1)] + away, 0)
        if presentCount > 0 {
            let n = Double(presentCount)
            model.atMost("covered[\(name)]", [(l, n)] + present, n)
        }
        heldTerms[practice.id, default: []].append((l, -1))
    }

    // MARK: Funding, team size, continuity

    /// H8: every hour worked at the practice is paid, Σ_k F[k,p,a] = hours
    /// of a; contact, admin and travel follow the held occurrences o[p]
    /// (summed once for the three), MDO hours follow u. An activity no stream
    /// may pay gets the same row without F: its hours must be zero.
    mutating func payEveryHourH8(_ practice: Practice, u: Int) {
        let payers = Formulation.payers(practice, scenario)
        var held = heldTerms[practice.id] ?? []
        let expanded = held
        if held.count > 2 {
            let occurrences = model.add("o[\(practice.id)]", .continuous)
            model.equal("held[\(practice.id)]", held + [(occurrences, -1)], 0)
            held = [(occurrences, 1)]
        }
        for activity in Activity.allCases {
            var terms: Terms = []
            for stream in payers[activity] ?? [] {
                let f = model.add("F[\(stream.id),\(practice.id),\(activity.rawValue)]", .continuous)
                funding.append(Formulation.FundingVar(stream: stream.id, practice: practice.id, activity: activity, index: f))
                terms.append((f, 1))
                streamTerms[stream.id, default: []].append((f, 1))
            }
            if activity == .mdo, let mdo = practice.mdo {
                let hours = mdo.hours * Double(mdo.meetings(inWeeks: scenario.quarter.weeks))
                terms.append((u, -hours))
                paidHours.append(((payers[activity] ?? []).map(\.id), [(u, hours)]))
            } else if activity != .mdo {
                let perHeld = hoursPerHeld(activity, at: practice)
                terms += held.map { ($0.0, -$0.1 * perHeld) }
                if perHeld > 0 { paidHours.append(((payers[activity] ?? []).map(\.id), expanded.map { ($0.0, $0.1 * perHeld) })) }
            }
            model.equal("H8[\(practice.id),\(activity.rawValue)]", terms, 0)
        }
    }

    /// The hours of `activity` in one held occurrence at `practice` (MDO
    /// hours follow the meetings, not the occurrences).
    func hoursPerHeld(_ activity: Activity, at practice: Practice) -> Double {
        switch activity {
        case .contact: practice.sessionHours
        case .admin: practice.sessionHours * scenario.overhead.adminPerContactHour
        case .travel: scenario.overhead.travelHoursPerVisit
        case .mdo: 0
        }
    }

    /// H8: each stream within its budget in hours.
    mutating func limitBudgetsH8() {
        for stream in scenario.funding {
            guard let terms = streamTerms[stream.id] else { continue }
            model.atMost("H8budget[\(stream.id)]", terms, stream.budgetHours)
        }
        limitBudgetsBySessionsH8()
    }

    /// The hours only one stream may pay are within its budget, written in
    /// the sessions, losses and MDOs themselves rather than in F: the same
    /// plans (a sum of H8's rows), but a knapsack of binaries that the
    /// solver's cuts can work on, which they cannot through the continuous F.
    mutating func limitBudgetsBySessionsH8() {
        for stream in scenario.funding {
            var sum: [Int: Double] = [:]
            var order: [Int] = []
            for item in paidHours where item.payers == [stream.id] {
                for (column, hours) in item.terms {
                    if sum[column] == nil { order.append(column) }
                    sum[column, default: 0] += hours
                }
            }
            guard !order.isEmpty else { continue }
            model.atMost("H8only[\(stream.id)]", order.map { ($0, sum[$0]!) }, stream.budgetHours)
        }
    }

    /// H9: at most `team_size` workers with a session or backup role; each
    /// role needs its worker's z.
    mutating func limitTeamH9(_ teamSize: Int) {
        var used: [Int] = []
        for worker in scenario.workers {
            let roles = pairs.filter { $0.key.worker == worker.id }.sorted { $0.key < $1.key }.map(\.value)
                + backups.filter { $0.worker == worker.id }.map(\.index)
            guard !roles.isEmpty, let z = members[worker.id] else { continue }
            for role in roles { model.atMost("H9[\(worker.id),\(model.variables[role].name)]", [(role, 1), (z, -1)], 0) }
            used.append(z)
        }
        if used.count > teamSize { model.atMost("H9", used.map { ($0, 1.0) }, Double(teamSize)) }
    }

    /// Continuity: a dropped pair of the previous plan costs its weight (a
    /// constant, less the weight on the pair's y when it can still exist).
    mutating func chargeDroppedPairs() {
        let weight = scenario.objective.continuityWeight
        for previous in scenario.previous?.pairs ?? [] {
            model.objectiveConstant += weight
            if let y = pairs[previous] { model.addCost(y, -weight) }
        }
    }

    /// Dropped sessions: a session of the previous plan not held costs its
    /// weight (a constant, less the weight on its x when it can still be held).
    mutating func chargeDroppedSessions() {
        let weight = scenario.objective.sessionChangeWeight
        guard let previous = scenario.previous?.sessions, !previous.isEmpty else { return }
        let index = Dictionary(sessions.map { (Plan.Session(worker: $0.worker, practice: $0.practice, slot: $0.slot.name), $0.index) },
                               uniquingKeysWith: { a, _ in a })
        for session in previous {
            model.objectiveConstant += weight
            if let x = index[session] { model.addCost(x, -weight) }
        }
    }

    /// Unmet preference: a wish to be a regular costs its weight unless y =
    /// 1 (a constant less the weight on y); a wish not to be costs it on y.
    mutating func chargeUnmetPreferences() {
        let weight = scenario.objective.preferenceWeight
        for preference in scenario.preferences {
            let y = pairs[preference.pair]
            if preference.weight > 0 {
                model.objectiveConstant += weight * preference.weight
                if let y { model.addCost(y, -weight * preference.weight) }
            } else if let y {
                model.addCost(y, weight * -preference.weight)
            }
        }
    }

    /// H10 for a practice that can never be served: a backup pinned there
    /// is a backup of nothing (legal: it never stands in), and needs its column.
    mutating func pinUnservablePracticesBackupsH10() {
        for pin in scenario.pins where pin.role == .backup && served[pin.practice] == nil {
            guard let worker = workerByID[pin.worker], let practice = scenario.practice(pin.practice),
                  worker.canSubstitute, worker.isEligible(for: practice),
                  !backups.contains(where: { $0.worker == pin.worker && $0.practice == pin.practice }) else { continue }
            let b = model.add("b[\(worker.id),\(practice.id)]", .binary)
            backups.append(PairVar(worker: worker.id, practice: practice.id, index: b))
            backupsAt[practice.id, default: []].append(backups.last!)
        }
    }

    /// H10: each pin is a lower bound of 1 on its column (a session's x, a
    /// pair's y, a backup's b); avoided pairs have no columns at all
    /// (`Formulation.possibleSessions`, `addBackupsH6`). A pin whose column
    /// does not exist cannot hold.
    mutating func holdPinsH10() {
        let sessionIndex = Dictionary(sessions.map { (Plan.Session(worker: $0.worker, practice: $0.practice, slot: $0.slot.name), $0.index) },
                                      uniquingKeysWith: { a, _ in a })
        let backupIndex = Dictionary(backups.map { (WorkerPractice(worker: $0.worker, practice: $0.practice), $0.index) },
                                     uniquingKeysWith: { a, _ in a })
        for pin in scenario.pins {
            let column: Int?
            switch (pin.role, pin.slot) {
            case (.backup, _): column = backupIndex[pin.pair]
            case (.regular, let slot?): column = sessionIndex[Plan.Session(worker: pin.worker, practice: pin.practice, slot: slot.name)]
            case (.regular, nil): column = pairs[pin.pair]
            }
            if let column { model.raiseLower(column, to: 1) } else { impossiblePins.append(pin) }
        }
    }
}
