/// What a replan changes from its date, against the current plan: the
/// sessions that end, start or move to another slot (and the pairs that
/// go or come with them), the backups that change, and the money left for
/// the rest of the quarter — the section on top of a replan's summary and
/// report.
public struct ReplanChanges: Sendable {
    public var from: LocalDate
    public var week: Int
    public var weeks: Int
    /// worker, practice, what: `tue-am ends`, `tue-am starts`, `tue-am → thu-am`.
    public var sessions: [(worker: String, practice: String, change: Continuity.SessionChange)]
    /// Practice, backups added, backups removed.
    public var backups: [(practice: String, added: [String], removed: [String])]
    /// Stream, hours history spent, budget hours, hours left for the rest.
    public var money: [(stream: String, spent: Double, budget: Double, left: Double)]
    public var overspent: [String]
    /// Sessions history could not count (their worker or practice is gone).
    public var uncounted: [Plan.Session]
    /// The weeks before, as the current plan made them (nil when replanned from week 1).
    public var history: Evaluation?
    /// What the weeks before spent, per stream, practice and activity.
    public var historyFunding: [Plan.Funding]
    /// The streams with their budgets before the replan.
    public var budgets: [FundingStream]
    /// The whole quarter's scenario (as it now stands) and the current plan, for the calendars' updates.
    public var scenario: Scenario
    public var current: Plan

    public init(_ replanning: Replanning, plan: Plan) {
        scenario = replanning.scenario
        current = replanning.current
        history = replanning.history
        historyFunding = replanning.historyFunding
        budgets = replanning.scenario.funding
        from = replanning.from
        week = replanning.week
        weeks = replanning.scenario.quarter.weeks
        let changes = Continuity.sessionChanges(previous: replanning.current.sessions, now: plan.sessions)
        sessions = changes.sorted { $0.key < $1.key }.flatMap { pair, list in
            list.filter(\.isChange).map { (pair.worker, pair.practice, $0) }
        }
        let before = Dictionary(grouping: replanning.current.backups, by: \.practice)
        let after = Dictionary(grouping: plan.backups, by: \.practice)
        backups = Set(before.keys).union(after.keys).sorted().compactMap { practice in
            let old = Set((before[practice] ?? []).map(\.worker)), new = Set((after[practice] ?? []).map(\.worker))
            guard old != new else { return nil }
            return (practice, new.subtracting(old).sorted(), old.subtracting(new).sorted())
        }
        money = zip(replanning.scenario.funding, replanning.rest.funding).enumerated().map { index, streams in
            (streams.0.id, replanning.spent[index].hours, streams.0.budgetHours, streams.1.budgetHours)
        }
        overspent = replanning.overspent
        uncounted = replanning.uncounted
    }

    /// The section's lines, in `l`'s language.
    func lines(_ l: Labels) -> [String] {
        let h: (Double) -> String = l.hours, names = DisplayNames(scenario)
        var lines = [l.replanHeading(from.description, week, weeks)]
        if sessions.isEmpty && backups.isEmpty {
            lines.append("  " + l.replanNothing)
        } else {
            var table = TextTable(header: l.replanHeader)
            for (worker, practice, change) in sessions {
                let text: String
                switch change {
                case .kept(let slot): text = l.sessionKept(l.slotName(slot))
                case .moved(let from, let to): text = l.sessionMoved(l.slotName(from), l.slotName(to))
                case .dropped(let slot): text = l.replanEnds(l.slotName(slot))
                case .new(let slot): text = l.replanStarts(l.slotName(slot))
                }
                table.rows.append([names.worker(worker), names.practice(practice), text])
            }
            for (practice, added, removed) in backups {
                let place = names.practice(practice)
                table.rows += added.map { [names.worker($0), place, l.replanBackupStarts] }
                    + removed.map { [names.worker($0), place, l.replanBackupEnds] }
            }
            lines.append(table.render())
        }
        if let history {
            lines.append("  " + l.replanWholeGap(h(history.terms.gapHours), week - 1))
        }
        if !uncounted.isEmpty {
            lines.append("  " + l.replanUncounted(uncounted.map { "\($0.worker) @ \($0.practice) \(l.slotName($0.slot))" }.joined(separator: ", ")))
        }
        for (stream, spent, budget, left) in money {
            lines.append("  " + l.replanMoney(names.stream(stream), h(spent), h(budget), h(left)) + (overspent.contains(stream) ? " " + l.replanOverspent : ""))
        }
        return lines
    }
}
