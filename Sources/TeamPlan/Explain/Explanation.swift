import Foundation

/// What one changed scenario came to: its best plan's gap, measured by
/// solving it (in a process of its own, by `teamplan explain`).
public struct ChangeOutcome: Codable, Sendable, Equatable {
    /// `ScenarioChange.id`.
    public var change: String
    /// `optimal`, `feasible` (stopped by the time limit: the gap shown is
    /// what that plan has, so the true effect is at least as large), or
    /// `failed` with the reason.
    public var status: String
    public var gapHours: Double?
    /// The plan's objective (by the changed scenario's weights, which are the same).
    public var objective: Double?
    /// Gap hours of every practice with a gap in this plan.
    public var practiceGapHours: [String: Double]?
    public var seconds: Double
    public var failure: String?

    public init(change: String, status: String, gapHours: Double?, objective: Double? = nil,
                practiceGapHours: [String: Double]?, seconds: Double, failure: String? = nil) {
        self.change = change
        self.status = status
        self.gapHours = gapHours
        self.objective = objective
        self.practiceGapHours = practiceGapHours
        self.seconds = seconds
        self.failure = failure
    }

    /// Why a re-solve has no answer when explain was stopped before it ran.
    public static let notRunInterrupted = "not run: interrupted"
    /// Why a re-solve has no answer when it was stopped before it found a plan.
    public static let stoppedWithoutPlan = "stopped before any plan was found"

    /// A change that gave no plan, with why.
    public static func failed(_ change: ScenarioChange, _ why: String, seconds: Double = 0) -> ChangeOutcome {
        ChangeOutcome(change: change.id, status: "failed", gapHours: nil, practiceGapHours: nil, seconds: seconds, failure: why)
    }

    /// Solves `change` applied to `scenario`.
    public static func measure(_ change: ScenarioChange, in scenario: Scenario, options: SolveOptions,
                               control: SolveControl? = nil) -> ChangeOutcome {
        let started = Date()
        do {
            let result = try Planner.solve(change.apply(to: scenario), options: options, control: control)
            let seconds = Date().timeIntervalSince(started)
            guard let evaluation = result.evaluation, result.status == .optimal || result.status == .feasible else {
                return failed(change, stoppedWithoutPlan, seconds: seconds)
            }
            return ChangeOutcome(change: change.id, status: result.status.rawValue, gapHours: evaluation.terms.gapHours,
                                 objective: evaluation.terms.objective, practiceGapHours: gaps(evaluation), seconds: seconds)
        } catch {
            return failed(change, "\(error)", seconds: Date().timeIntervalSince(started))
        }
    }

    static func gaps(_ evaluation: Evaluation) -> [String: Double] {
        Dictionary(uniqueKeysWithValues: evaluation.practices.filter { $0.gapHours > 0 }.map { ($0.id, $0.gapHours) })
    }
}

/// Why each practice has a gap, and what money or people would buy: the
/// plan's gap against the gap of each changed scenario's best plan.
public struct Explanation: Codable, Sendable {
    /// A family of limits that removes part of a practice's gap when lifted alone.
    public struct Reason: Codable, Sendable, Equatable {
        public var change: String
        public var description: String
        /// How much of the practice's gap goes away with this change alone.
        public var hoursRemoved: Double
        /// Whether the changed scenario's plan is proven best.
        public var proven: Bool
    }

    /// A practice's gap in the plan and the reasons found for it.
    public struct PracticeGap: Codable, Sendable {
        public var practice: String
        public var gapHours: Double
        /// Every family that removes some of this practice's gap, most first.
        public var reasons: [Reason]
    }

    /// What one more budget or one more worker buys: gap hours removed, at what cost.
    public struct Marginal: Codable, Sendable, Equatable {
        public var change: String
        public var description: String
        /// Gap hours (all practices) that go away.
        public var gapHoursRemoved: Double
        /// Extra money for a budget change (euros for a euro budget).
        public var extraEuros: Double?
        /// Extra budget hours for a budget change.
        public var extraHours: Double?
        /// Euros per gap hour removed.
        public var eurosPerGapHour: Double?
        public var proven: Bool
    }

    public var scenario: String
    public var gapHours: Double
    public var practices: [PracticeGap]
    public var marginals: [Marginal]
    /// Every re-solve as it came out.
    public var outcomes: [ChangeOutcome]

    public init(scenario: Scenario, plan evaluation: Evaluation, outcomes: [ChangeOutcome]) {
        self.scenario = scenario.name
        gapHours = evaluation.terms.gapHours
        planObjective = evaluation.terms.objective
        self.outcomes = outcomes
        let base = ChangeOutcome.gaps(evaluation)
        var practices: [PracticeGap] = []
        let families = outcomes.filter { ScenarioChange(id: $0.change).map { !$0.isMarginal } ?? false }
        for p in evaluation.practices where p.gapHours > 0 {
            var reasons: [Reason] = []
            for outcome in families {
                guard var after = outcome.practiceGapHours, let change = ScenarioChange(id: outcome.change) else { continue }
                // A lifted limit leaves the plan valid, so the changed best plan
                // is at least as good. One that is no better only moves the gap
                // (serves this practice by leaving another) or, stopped by its
                // time limit, has found nothing better yet: nothing goes away.
                if let objective = outcome.objective, objective >= evaluation.terms.objective - 1e-9 { after = base }
                let removed = (base[p.id] ?? 0) - (after[p.id] ?? 0)
                if removed > 1e-9 {
                    reasons.append(Reason(change: outcome.change, description: change.description, hoursRemoved: removed,
                                          proven: outcome.status == "optimal"))
                }
            }
            reasons.sort { ($0.hoursRemoved, $1.change) > ($1.hoursRemoved, $0.change) }
            practices.append(PracticeGap(practice: p.id, gapHours: p.gapHours, reasons: reasons))
        }
        self.practices = practices.sorted { ($0.gapHours, $1.practice) > ($1.gapHours, $0.practice) }
        var marginals: [Marginal] = []
        for outcome in outcomes {
            guard let change = ScenarioChange(id: outcome.change), let gap = outcome.gapHours else { continue }
            let removed = evaluation.terms.gapHours - gap
            switch change {
            case .budgetScale(let streamID, let factor):
                guard let stream = scenario.funding.first(where: { $0.id == streamID }) else { continue }
                // Rounded as money and hours are read: to the cent, to a millionth of an hour.
                func rounded(_ value: Double, _ unit: Double) -> Double { (value / unit).rounded() * unit }
                var euros: Double?
                if case .euros(let budget, _) = stream.budget { euros = rounded(budget * (factor - 1), 0.01) }
                marginals.append(Marginal(change: outcome.change, description: change.description, gapHoursRemoved: removed,
                                          extraEuros: euros, extraHours: rounded(stream.budgetHours * (factor - 1), 1e-6),
                                          eurosPerGapHour: euros.flatMap { removed > 1e-9 ? rounded($0 / removed, 0.01) : nil },
                                          proven: outcome.status == "optimal"))
            case .extraWorker:
                marginals.append(Marginal(change: outcome.change, description: change.description, gapHoursRemoved: removed,
                                          extraEuros: nil, extraHours: nil, eurosPerGapHour: nil,
                                          proven: outcome.status == "optimal"))
            default: continue
            }
        }
        self.marginals = marginals
    }

    /// The re-solves that gave no answer (failed, or not run after an
    /// interrupt): what they would have said is not known.
    public var unmeasured: [ChangeOutcome] { outcomes.filter { $0.status == "failed" } }

    /// Re-solves stopped by their time limit before finding a plan better
    /// than the plan explained: what lifting that limit does is not known
    /// (it may remove much; the search had no time to show it).
    public var inconclusive: [ChangeOutcome] { outcomes.filter { isInconclusive($0) } }

    /// The plan's objective, which a lifted limit can only better.
    public var planObjective: Double?

    private func isInconclusive(_ outcome: ChangeOutcome) -> Bool {
        guard outcome.status == "feasible", let objective = outcome.objective, let planObjective else { return false }
        return objective >= planObjective - 1e-9
    }

    /// Families of limits (not marginals) that were not measured or not to
    /// the end: a practice with no reason found may still have one among them.
    public var unmeasuredFamilies: Int {
        (unmeasured + inconclusive).filter { ScenarioChange(id: $0.change).map { !$0.isMarginal } ?? true }.count
    }

    /// Whether every re-solve was measured (proven or not).
    public var isComplete: Bool { unmeasured.isEmpty }

    /// explain.json, like every JSON teamplan writes: sorted snake_case keys.
    public func json() throws -> String { try JSONOutput.encode(self) }
}
