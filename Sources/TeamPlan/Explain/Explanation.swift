import Foundation

/// What one changed scenario came to: its best plan's gap, measured by
/// solving it, or why it was not measured.
public struct ChangeOutcome: Encodable, Sendable, Equatable {
    /// What the changed scenario's best plan has.
    public struct Measurement: Sendable, Equatable {
        /// Whether the plan is proven best; a plan stopped by the time limit
        /// shows what that plan has, so the true effect is at least as large.
        public var proven: Bool
        public var gapHours: Double
        /// The plan's objective (by the changed scenario's weights, which are the same).
        public var objective: Double
        /// Gap hours of every practice with a gap in this plan.
        public var practiceGapHours: [String: Double]

        public init(proven: Bool, gapHours: Double, objective: Double, practiceGapHours: [String: Double]) {
            self.proven = proven
            self.gapHours = gapHours
            self.objective = objective
            self.practiceGapHours = practiceGapHours
        }
    }

    /// Why a re-solve gave no answer.
    public enum NotMeasured: Sendable, Equatable {
        /// Explain was stopped before this re-solve began.
        case notRun
        /// Stopped (time limit, Ctrl-C) before it found any plan.
        case stoppedBeforeAnyPlan
        /// The solver failed, or its plan failed the model's check.
        case failed(Failure)

        /// As a failure: the kind says what it means for explain's answer.
        public var failure: Failure {
            switch self {
            case .notRun: Failure(.stopped, "not run: interrupted")
            case .stoppedBeforeAnyPlan: Failure(.stopped, "stopped before any plan was found")
            case .failed(let failure): failure
            }
        }
    }

    public var change: ScenarioChange
    /// The changed scenario's best plan, when one was found.
    public var measurement: Measurement?
    /// Why there is no measurement.
    public var notMeasured: NotMeasured?
    public var seconds: Double

    public init(_ change: ScenarioChange, measured: Measurement, seconds: Double) {
        self.change = change
        measurement = measured
        notMeasured = nil
        self.seconds = seconds
    }

    public init(_ change: ScenarioChange, notMeasured why: NotMeasured, seconds: Double = 0) {
        self.change = change
        measurement = nil
        notMeasured = why
        self.seconds = seconds
    }

    /// Solves `change` applied to `scenario`, from `start` when given (the
    /// plan of the scenario itself: most of it holds after the change).
    public static func measure(_ change: ScenarioChange, in scenario: Scenario, startingFrom start: Plan? = nil,
                               options: SolveOptions, control: SolveControl? = nil) -> ChangeOutcome {
        let started = Date()
        do {
            let result = try Planner.solve(change.apply(to: scenario), options: options, control: control,
                                           startingFrom: start)
            let seconds = Date().timeIntervalSince(started)
            guard let evaluation = result.evaluation, result.status == .optimal || result.status == .feasible else {
                return ChangeOutcome(change, notMeasured: .stoppedBeforeAnyPlan, seconds: seconds)
            }
            let measured = Measurement(proven: result.status == .optimal, gapHours: evaluation.terms.gapHours,
                                       objective: evaluation.terms.objective, practiceGapHours: gaps(evaluation))
            return ChangeOutcome(change, measured: measured, seconds: seconds)
        } catch {
            // Shown beside the change's name: the error's own words; the kind keeps what failed.
            return ChangeOutcome(change, notMeasured: .failed(.solvingOne(error)),
                                 seconds: Date().timeIntervalSince(started))
        }
    }

    static func gaps(_ evaluation: Evaluation) -> [String: Double] {
        Dictionary(uniqueKeysWithValues: evaluation.practices.filter { $0.gapHours > 0 }.map { ($0.id, $0.gapHours) })
    }

    /// As explain.json has it: the change's id, `optimal`, `feasible` or
    /// `failed`, the gap and why there is none.
    private enum CodingKeys: String, CodingKey {
        case change, status, gapHours, objective, practiceGapHours, seconds, failure
    }

    /// `optimal`, `feasible` or `failed`: explain.json's status.
    public var status: String {
        measurement.map { $0.proven ? "optimal" : "feasible" } ?? "failed"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(change.id, forKey: .change)
        try c.encode(status, forKey: .status)
        try c.encodeIfPresent(measurement?.gapHours, forKey: .gapHours)
        try c.encodeIfPresent(measurement?.objective, forKey: .objective)
        try c.encodeIfPresent(measurement?.practiceGapHours, forKey: .practiceGapHours)
        try c.encode(seconds, forKey: .seconds)
        try c.encodeIfPresent(notMeasured.map { $0.failure.description }, forKey: .failure)
    }
}

/// Why each practice has a gap, and what money or people would buy: the
/// plan's gap against the gap of each changed scenario's best plan.
public struct Explanation: Encodable, Sendable {
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
        practices = Self.practiceGaps(evaluation, families: outcomes.filter { !$0.change.isMarginal })
        marginals = outcomes.compactMap { Self.marginal($0, scenario: scenario, planGapHours: evaluation.terms.gapHours) }
    }

    /// Each practice with a gap and the families that remove some of it, largest gap first.
    static func practiceGaps(_ evaluation: Evaluation, families: [ChangeOutcome]) -> [PracticeGap] {
        let base = ChangeOutcome.gaps(evaluation)
        var practices: [PracticeGap] = []
        for p in evaluation.practices where p.gapHours > 0 {
            var reasons: [Reason] = []
            for outcome in families {
                guard let measured = outcome.measurement else { continue }
                // A lifted limit leaves the plan valid, so the changed best plan
                // is at least as good. One that is no better only moves the gap
                // (serves this practice by leaving another) or, stopped by its
                // time limit, has found nothing better yet: nothing goes away.
                let after = measured.objective >= evaluation.terms.objective - 1e-9 ? base : measured.practiceGapHours
                let removed = (base[p.id] ?? 0) - (after[p.id] ?? 0)
                if removed > 1e-9 {
                    reasons.append(Reason(change: outcome.change.id, description: outcome.change.description,
                                          hoursRemoved: removed, proven: measured.proven))
                }
            }
            reasons.sort { ($0.hoursRemoved, $1.change) > ($1.hoursRemoved, $0.change) }
            practices.append(PracticeGap(practice: p.id, gapHours: p.gapHours, reasons: reasons))
        }
        return practices.sorted { ($0.gapHours, $1.practice) > ($1.gapHours, $0.practice) }
    }

    /// What a measured marginal buys; nil for a family of limits or an unmeasured change.
    static func marginal(_ outcome: ChangeOutcome, scenario: Scenario, planGapHours: Double) -> Marginal? {
        guard let measured = outcome.measurement else { return nil }
        let removed = planGapHours - measured.gapHours
        var marginal = Marginal(change: outcome.change.id, description: outcome.change.description, gapHoursRemoved: removed,
                                extraEuros: nil, extraHours: nil, eurosPerGapHour: nil, proven: measured.proven)
        switch outcome.change {
        case .budgetScale(let streamID, let factor):
            guard let stream = scenario.funding.first(where: { $0.id == streamID }) else { return nil }
            // Rounded as money and hours are read: to the cent, to a millionth of an hour.
            func rounded(_ value: Double, _ unit: Double) -> Double { (value / unit).rounded() * unit }
            if case .euros(let budget, _) = stream.budget { marginal.extraEuros = rounded(budget * (factor - 1), 0.01) }
            marginal.extraHours = rounded(stream.budgetHours * (factor - 1), 1e-6)
            marginal.eurosPerGapHour = marginal.extraEuros.flatMap { removed > 1e-9 ? rounded($0 / removed, 0.01) : nil }
            return marginal
        case .extraWorker:
            return marginal
        default:
            return nil
        }
    }

    /// The re-solves that gave no answer (failed, or not run after an
    /// interrupt): what they would have said is not known.
    public var unmeasured: [ChangeOutcome] { outcomes.filter { $0.measurement == nil } }

    /// Re-solves stopped by their time limit before finding a plan better
    /// than the plan explained: what lifting that limit does is not known
    /// (it may remove much; the search had no time to show it).
    public var inconclusive: [ChangeOutcome] { outcomes.filter { isInconclusive($0) } }

    /// The plan's objective, which a lifted limit can only better.
    public var planObjective: Double?

    private func isInconclusive(_ outcome: ChangeOutcome) -> Bool {
        guard let measured = outcome.measurement, !measured.proven, let planObjective else { return false }
        return measured.objective >= planObjective - 1e-9
    }

    /// Families of limits (not marginals) that were not measured or not to
    /// the end: a practice with no reason found may still have one among them.
    public var unmeasuredFamilies: Int {
        (unmeasured + inconclusive).filter { !$0.change.isMarginal }.count
    }

    /// Whether every re-solve was measured (proven or not).
    public var isComplete: Bool { unmeasured.isEmpty }

    /// What is missing from the answer, as a failure of its kind: nil when
    /// every re-solve was measured. A bug (the model check) comes first, then
    /// a stop, then the solver.
    public var incomplete: Failure? {
        let failures = unmeasured.compactMap { $0.notMeasured?.failure }
        guard let kind = [Failure.Kind.internalError, .stopped, .solverFailed].first(where: { k in failures.contains { $0.kind == k } })
                ?? failures.map(\.kind).max() else { return nil }
        return Failure(kind, "teamplan explain: \(Format.count(unmeasured.count, "re-solve")) of \(outcomes.count) gave no answer; what was measured is written")
    }
}
