import Foundation

/// The summary `teamplan plan` prints and writes as summary.txt: the answer
/// first (status, objective by term, the gap and where), then who goes
/// where and when, backups, MDO attendees, money, and the solve itself.
public enum PlanSummary {
    /// With `price`, the changes against last quarter say what keeping the
    /// dropped pairs would have cost (`ContinuityPrice.measure`).
    /// With `replan`, what changes from its date comes first.
    public static func text(_ result: SolveResult, scenario: Scenario, language: Language = .en,
                            price: ContinuityPrice? = nil, replan: ReplanChanges? = nil) -> String {
        let l = language.labels
        guard let e = result.evaluation, let plan = result.plan else {
            return l.noPlanAfter(scenario.name, l.statusWord(result.status), l.seconds(result.seconds))
        }
        var lines = replan.map { $0.lines(l) + [""] } ?? []
        lines += answer(result, e, scenario, l)
        let names = DisplayNames(scenario)
        lines += gapByPractice(e, scenario, l)
        lines += schedule(plan, scenario, l)
        lines += backups(e, plan, names, l)
        lines += funding(e, names, l)
        if let least = result.leastMoney { lines.append(l.leastMoney(least, from: replan?.from ?? result.plan?.from)) }
        if let changes = changes(scenario, plan: plan, terms: e.terms, price: price, labels: l) {
            lines.append("")
            lines.append(changes.heading)
            var table = TextTable(header: l.changesHeader)
            table.rows = changes.rows
            lines.append(table.render())
            lines += changes.notes.map { "  " + $0 }
        }
        if !e.warnings.isEmpty {
            lines.append("")
            lines.append(l.warnings)
            lines += e.warnings.map { "  " + $0.text(l.language) }
        }
        lines.append("")
        lines.append(solveLine(result, l))
        if let time = timeLine(result, l) { lines.append(time) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The answer first: the status, the objective by term, the capacity gap.
    /// The answer alone (status, objective by term, the capacity gap): the
    /// summary's first lines, what a page shows on top of a plan.
    public static func answer(_ result: SolveResult, scenario: Scenario, language: Language = .en) -> [String] {
        guard let e = result.evaluation else { return [text(result, scenario: scenario, language: language)] }
        return answer(result, e, scenario, language.labels)
    }

    static func answer(_ result: SolveResult, _ e: Evaluation, _ scenario: Scenario, _ l: Labels) -> [String] {
        var lines: [String] = []
        func counted(_ n: Int, _ words: (String, String)) -> String { "\(n) " + (n == 1 ? words.0 : words.1) }
        let h: (Double) -> String = l.hours
        let t = e.terms
        let w = scenario.objective
        switch result.status {
        case .optimal:
            lines.append(l.optimalIn(scenario.name, l.seconds(result.seconds)))
        case .feasible:
            if let bound = result.bound {
                lines.append(l.feasible(scenario.name, l.percent(result.mipGap ?? 0), l.exact((bound * 100).rounded() / 100),
                                        l.seconds(result.seconds)))
            } else {
                lines.append(l.feasibleNoBound(scenario.name, l.seconds(result.seconds)))
            }
        case .noPlan, .stopped:
            lines.append(l.noPlan(scenario.name))
        }
        lines.append("\(l.objective) \(l.exact(t.objective)) = \(h(w.gapWeight)) × \(h(t.weightedGapHours)) \(l.weightedGap)"
                     + " + \(h(w.missingBackupWeight)) × \(counted(t.missingBackups, l.missingBackup))"
                     + " + \(h(w.pairWeight)) × \(counted(t.pairs, l.pair))"
                     + " + \(h(w.continuityWeight)) × \(counted(t.droppedPairs.count, l.droppedPair))"
                     + (scenario.previous?.sessions.isEmpty ?? true ? "" : " + \(h(w.sessionChangeWeight)) × \(counted(t.droppedSessions.count, l.droppedSession))")
                     + (scenario.preferences.isEmpty ? "" : " + \(h(w.preferenceWeight)) × \(h(t.unmetPreference)) \(l.unmetPreference)"))
        let asked = scenario.askedSessionHours
        lines.append(l.capacityGap(h(t.gapHours), h(asked), l.percent(asked > 0 ? t.gapHours / asked : 0)))
        return lines
    }

    /// The practices with a gap, the most weighted first.
    static func gapByPractice(_ e: Evaluation, _ scenario: Scenario, _ l: Labels) -> [String] {
        let h: (Double) -> String = l.hours
        let gaps = e.practices.filter { $0.gapHours > 0 }
        guard !gaps.isEmpty else { return [] }
        var table = TextTable(header: l.gapHeader, rightAligned: [1, 2, 3, 4, 5])
        for p in gaps.sorted(by: { ($0.priority * $0.gapHours, $1.id) > ($1.priority * $1.gapHours, $0.id) }) {
            let practice = scenario.practice(p.id)!
            let lost = Double(p.lost) * practice.sessionHours
            table.rows.append([practice.name, h(p.priority), "\(p.sessions) \(l.of) \(practice.sessionsPerWeek)", h(p.gapHours),
                       h(p.gapHours - lost), h(lost)])
        }
        return ["", l.gapByPractice, table.render()]
    }

    /// Who goes where and when, every week.
    static func schedule(_ plan: Plan, _ scenario: Scenario, _ l: Labels) -> [String] {
        guard !plan.sessions.isEmpty else { return ["", l.whoWhere, "  " + l.noSessions] }
        var table = TextTable(header: l.scheduleHeader, rightAligned: [4])
        for session in plan.sessions {
            let slot = Slot(name: session.slot)!
            let part = scenario.dayPart(named: slot.part)!
            let practice = scenario.practice(session.practice)!
            let end = part.startMinutes + Int((practice.sessionHours * 60).rounded())
            table.rows.append([scenario.worker(session.worker)?.name ?? session.worker, practice.name, l.slotName(slot),
                       "\(l.dayName(slot.day)) \(part.startText)–\(String(format: "%02d:%02d", end / 60, end % 60))",
                       l.hours(practice.sessionHours)])
        }
        return ["", l.whoWhere, table.render()]
    }

    /// Each served practice's backups and MDO attendee.
    static func backups(_ e: Evaluation, _ plan: Plan, _ names: DisplayNames, _ l: Labels) -> [String] {
        guard !plan.backups.isEmpty || !plan.mdo.isEmpty else { return [] }
        var table = TextTable(header: l.backupsHeader)
        for p in e.practices where p.served {
            table.rows.append([names.practice(p.id), p.backups.isEmpty ? "–" : names.workers(p.backups),
                               p.mdoAttendee.map(names.worker) ?? "–"])
        }
        return ["", table.render()]
    }

    /// Each stream's hours and euros used against its budget.
    static func funding(_ e: Evaluation, _ names: DisplayNames, _ l: Labels) -> [String] {
        let h: (Double) -> String = l.hours
        guard !e.streams.isEmpty else { return [] }
        var table = TextTable(header: l.fundingHeader, rightAligned: [1, 2, 3, 4, 5])
        for s in e.streams {
            table.rows.append([names.stream(s.id), h(s.usedHours), h(s.budgetHours), s.usedEuros.map(l.euros) ?? "–",
                       s.budgetEuros.map(l.euros) ?? "–", l.percent(s.budgetHours > 0 ? s.usedHours / s.budgetHours : 0)])
        }
        return ["", l.fundingUsed, table.render()]
    }

    /// The solve itself: time, size, bound, gap, root bound, subproblems.
    static func solveLine(_ result: SolveResult, _ l: Labels) -> String {
        guard result.origin == .solved, let size = result.modelSize else { return l.readFromFile(l.statusWord(result.status)) }
        return l.solveLine(SolveLineParts(
            seconds: l.seconds(result.seconds), variables: size.variables, integers: size.integerVariables, rows: size.rows,
            bound: result.bound.map { l.exact($0) }, mipGap: l.percent(result.mipGap ?? 0),
            rootBound: result.rootBound.map { l.exact(($0 * 100).rounded() / 100) },
            rootSeconds: result.rootSeconds.map { l.seconds($0) }, nodes: result.nodes))
    }

    /// Where a solve's time went, from its timeline; nil for a plan read from a file.
    static func timeLine(_ result: SolveResult, _ l: Labels) -> String? {
        guard result.origin == .solved else { return nil }
        let t = result.timeline, w = l.timeWent
        let parts = [(w.firstPlan, t.firstPlan), (w.within, t.withinOnePercent), (w.withinHalf, t.withinHalfPercent),
                     (w.lastImprovement, t.lastImprovement),
                     (w.proven, t.proven)].compactMap { label, seconds in seconds.map { "\(label) \(l.seconds($0))" } }
        return parts.isEmpty ? nil : w.line + " " + parts.joined(separator: ", ")
    }

    /// Who stays, leaves and is new, and — measured — why pairs were
    /// dropped: the rows (worker, practice, change) and the sentences, for
    /// the summary and the report alike. Nil without a previous plan.
    static func changes(_ scenario: Scenario, plan: Plan, terms: Evaluation.Terms, price: ContinuityPrice?,
                        labels l: Labels) -> (heading: String, rows: [[String]], notes: [String])? {
        guard let continuity = Continuity(scenario: scenario, plan: plan), let previous = scenario.previous else { return nil }
        let names = DisplayNames(scenario)
        let changed = continuity.kept.map { ($0, l.stays) } + continuity.dropped.map { ($0, l.leaves) }
            + continuity.new.map { ($0, l.isNew) }
        func sessions(_ pair: WorkerPractice) -> String {
            (continuity.sessions[pair] ?? []).map { change in
                switch change {
                case .kept(let slot): l.sessionKept(l.slotName(slot))
                case .moved(let from, let to): l.sessionMoved(l.slotName(from), l.slotName(to))
                case .dropped(let slot): l.sessionDropped(l.slotName(slot))
                case .new(let slot): l.sessionNew(l.slotName(slot))
                }
            }.joined(separator: "; ")
        }
        let rows = changed.sorted { ($0.0.worker, $0.0.practice) < ($1.0.worker, $1.0.practice) }
            .map { [names.worker($0.0.worker), names.practice($0.0.practice), $0.1, sessions($0.0)] }
        var notes: [String] = []
        if !previous.sessions.isEmpty {
            let c = continuity.sessionCounts
            notes.append(l.sessionCounts(c.kept, c.moved, c.dropped, c.new))
        }
        if let price {
            func named(_ pairs: [WorkerPractice]) -> String { pairs.map(names.pair).joined(separator: ", ") }
            notes += price.cannotKeep.map { l.cannotStay(names.pair($0)) }
            if !price.keeping.isEmpty, let kept = price.terms {
                notes.append(l.whyDropped(named(price.keeping), l.exact(kept.objective),
                                          l.exact(kept.objective - terms.objective),
                                          l.hours(kept.gapHours - terms.gapHours), kept.missingBackups - terms.missingBackups)
                             + (price.proven ? "" : l.notProvenBest))
            } else if !price.keeping.isEmpty {
                notes.append(l.noPlanKeeps(named(price.keeping)))
            }
        }
        return (l.changesHeading(previous.path), rows, notes)
    }
}

/// The solve line's numbers, already written in the reader's language.
struct SolveLineParts {
    var seconds: String
    var variables: Int, integers: Int, rows: Int
    var bound: String?, mipGap: String
    var rootBound: String?, rootSeconds: String?
    var nodes: Int
}
