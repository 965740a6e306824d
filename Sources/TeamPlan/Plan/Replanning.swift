/// model.md, "Replanning from a date": the quarter split at the week that
/// holds `from`. Weeks before it are history, counted as the current plan
/// made them under the scenario as it now stands; the rest is a scenario of
/// its own (the *rest scenario*) whose best plan is the replan: it starts
/// on that week's Monday, has the current plan as `previous`, and every
/// stream's budget less what history spent of it.
public struct Replanning: Sendable {
    /// Why a replan cannot start where asked.
    public struct Problem: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    public let scenario: Scenario
    public let current: Plan
    public let from: LocalDate
    /// k: the quarter week that holds `from` (1-based).
    public let week: Int
    /// The scenario of weeks 1 … k−1 (nil when k = 1: no history).
    public let historyScenario: Scenario?
    /// The current plan counted over the history weeks.
    public let history: Evaluation?
    /// Hours each stream's history spent (stream id → hours), in the scenario's order of streams.
    public let spent: [(stream: String, hours: Double)]
    /// What history spent, per stream, practice and activity.
    public let historyFunding: [Plan.Funding]
    /// Streams whose history spent more than their budget (a funder cut it): 0 for the rest.
    public let overspent: [String]
    /// The rest scenario: weeks k … T, the current plan as `previous`, budgets less history.
    public let rest: Scenario
    /// Sessions of the current plan whose worker or practice the scenario no
    /// longer has: history cannot count them, so neither their hours nor
    /// their money are in it (said, not guessed).
    public let uncounted: [Plan.Session]

    /// - currentPath: the plan file as the user named it (the rest scenario's `previous`).
    public init(scenario: Scenario, current: Plan, currentPath: String, from: LocalDate) throws(Problem) {
        let quarter = scenario.quarter
        guard quarter.contains(from) else {
            throw Problem(description: "\(from) is not in the quarter (\(quarter.start) to \(quarter.end)); replan from a date within it")
        }
        self.scenario = scenario
        self.current = current
        self.from = from
        week = quarter.start.days(until: from) / 7 + 1
        if week > 1 {
            var past = scenario
            past.quarter = Quarter(start: quarter.start, weeks: week - 1)
            let counted = Evaluation(scenario: past, plan: current)
            historyScenario = past
            history = counted
            historyFunding = Self.spending(counted, current: current)
        } else {
            historyScenario = nil
            history = nil
            historyFunding = []
        }
        let byStream = Dictionary(grouping: historyFunding, by: \.stream)
        spent = scenario.funding.map { stream in (stream.id, (byStream[stream.id] ?? []).reduce(0) { $0 + $1.hours }) }
        var rest = scenario
        rest.quarter = Quarter(start: quarter.monday(ofWeek: week), weeks: quarter.weeks - week + 1)
        rest.previous = Self.previous(current, path: currentPath, in: scenario)
        var overspent: [String] = []
        for (index, (stream, hours)) in spent.enumerated() where hours > 0 {
            let budget = scenario.funding[index].budgetHours
            if hours > budget + 1e-9 * max(1, budget) { overspent.append(stream) }
            rest.funding[index].budget = Self.budget(scenario.funding[index].budget, less: hours)
        }
        self.overspent = overspent
        self.rest = rest
        let workers = Set(scenario.workers.map(\.id)), practices = Set(scenario.practices.map(\.id))
        uncounted = week > 1 ? current.sessions.filter { !workers.contains($0.worker) || !practices.contains($0.practice) }.sorted() : []
    }

    /// What history spent, per stream, practice and activity: where the
    /// current plan funds a practice's activity, the hours history counts
    /// there, shared over the streams in proportion to the plan's funding
    /// lines (model.md). Hours the plan funds nowhere (the scenario changed
    /// since) are no one's.
    static func spending(_ history: Evaluation, current: Plan) -> [Plan.Funding] {
        var lines: [String: [String: [Activity: Double]]] = [:]  // practice → stream → activity → F
        for line in current.funding where line.hours > 0 { lines[line.practice, default: [:]][line.stream, default: [:]][line.activity, default: 0] += line.hours }
        var spent: [Plan.Funding] = []
        for result in history.practices {
            guard let byStream = lines[result.id] else { continue }
            let ids = byStream.keys.sorted()
            for activity in Activity.allCases {
                let hours = result.hours[activity] ?? 0
                let total = ids.reduce(0) { $0 + (byStream[$1]?[activity] ?? 0) }
                guard hours > 0, total > 0 else { continue }
                for id in ids {
                    let share = byStream[id]?[activity] ?? 0
                    if share > 0 { spent.append(Plan.Funding(stream: id, practice: result.id, activity: activity, hours: hours * share / total)) }
                }
            }
        }
        return spent.sorted()
    }

    /// A budget less `hours`, never below 0: euros at the stream's tariff.
    static func budget(_ budget: FundingStream.Budget, less hours: Double) -> FundingStream.Budget {
        switch budget {
        case .hours(let h): .hours(max(0, h - hours))
        case .euros(let euros, let rate): .euros(max(0, euros - hours * rate), ratePerHour: rate)
        }
    }

    /// The current plan as the rest's previous plan: its pairs and sessions
    /// whose worker, practice and slot are still in the scenario.
    static func previous(_ plan: Plan, path: String, in scenario: Scenario) -> PreviousPlan {
        let workers = Set(scenario.workers.map(\.id)), practices = Set(scenario.practices.map(\.id))
        let slots = Set(scenario.slots.map(\.name))
        let present = Set(plan.sessions).filter { workers.contains($0.worker) && practices.contains($0.practice) }
        let pairs = Set(present.map { WorkerPractice(worker: $0.worker, practice: $0.practice) })
        return PreviousPlan(path: path, pairs: pairs.sorted(), sessions: present.filter { slots.contains($0.slot) }.sorted())
    }
}
