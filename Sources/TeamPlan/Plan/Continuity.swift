/// This quarter's regular pairs against last quarter's (`previous` in the
/// scenario): who stays where, who leaves a practice, who is new where.
public struct Continuity: Sendable, Equatable {
    /// Pairs of the previous plan that this plan keeps.
    public var kept: [WorkerPractice]
    /// Pairs of the previous plan this plan drops: the worker leaves the practice.
    public var dropped: [WorkerPractice]
    /// Pairs of this plan the previous one did not have: the worker is new there.
    public var new: [WorkerPractice]

    /// Nil when the scenario names no previous plan.
    public init?(scenario: Scenario, plan: Plan) {
        guard let previous = scenario.previous else { return nil }
        let now = Set(plan.sessions.map { WorkerPractice(worker: $0.worker, practice: $0.practice) })
        let before = Set(previous.pairs)
        kept = now.intersection(before).sorted()
        dropped = before.subtracting(now).sorted()
        new = now.subtracting(before).sorted()
    }
}

/// What keeping last quarter's pairs would have cost, measured: the best plan
/// that keeps every dropped pair that can still exist, solved exactly like
/// the plan itself, against the plan.
public struct ContinuityPrice: Sendable {
    /// The pairs that were kept in the measuring plan (every dropped pair
    /// that can still exist).
    public var keeping: [WorkerPractice]
    /// Dropped pairs no plan can have any more (the worker is no longer
    /// eligible, available or free enough for the practice).
    public var cannotKeep: [WorkerPractice]
    /// The measuring plan's terms; nil when no plan keeps them all (team
    /// size, hours or practice limits rule it out) or none was found in time.
    public var terms: Evaluation.Terms?
    /// Whether the measuring plan is proven the best that keeps them.
    public var proven: Bool

    /// Solves the scenario again with the plan's dropped pairs required.
    /// Nil when the plan drops nothing.
    public static func measure(_ scenario: Scenario, plan: Plan, options: SolveOptions,
                               control: SolveControl? = nil) throws -> ContinuityPrice? {
        guard let continuity = Continuity(scenario: scenario, plan: plan), !continuity.dropped.isEmpty else { return nil }
        let required = continuity.kept + continuity.dropped
        let formulation = Formulation(scenario, keeping: required)
        let cannot = Set(formulation.cannotKeep)
        let keeping = continuity.dropped.filter { !cannot.contains($0) }
        guard !keeping.isEmpty else {
            return ContinuityPrice(keeping: [], cannotKeep: continuity.dropped, terms: nil, proven: true)
        }
        let result = try Planner.solve(scenario, options: options, control: control,
                                       keeping: continuity.kept + keeping)
        return ContinuityPrice(keeping: keeping, cannotKeep: continuity.dropped.filter { cannot.contains($0) },
                               terms: result.evaluation?.terms,
                               proven: result.status == .optimal || result.status == .noPlan)
    }
}
